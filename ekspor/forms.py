from django import forms


class EksporForm(forms.Form):
    """The "Unduh semua PDF" button's hidden fields; access is checked by the view."""

    provinsi = forms.IntegerField(min_value=1)
    tahun = forms.IntegerField(min_value=2000, max_value=2100)
