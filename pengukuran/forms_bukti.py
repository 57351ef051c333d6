"""The upload form of evidence files: several files in one field (Django's documented pattern
for multiple files); what each file is, is checked by the service."""

from django import forms

from pengukuran.jenis_berkas import AKHIRAN_DITERIMA


class BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", BanyakBerkasInput(attrs={"accept": AKHIRAN_DITERIMA}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        tunggal = super().clean
        if isinstance(data, list | tuple):
            return [tunggal(d, initial) for d in data]
        return [tunggal(data, initial)]


class UnggahBuktiForm(forms.Form):
    berkas = BanyakBerkasField(
        label="Berkas bukti dukung",
        help_text="PDF, gambar PNG/JPEG, atau Word/Excel/PowerPoint; boleh beberapa berkas.",
        error_messages={
            "required": "Pilih paling sedikit satu berkas bukti dukung.",
            "empty": "Berkas ini kosong.",
        },
    )

    def __init__(self, *args, galat: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.galat = galat  # why the upload handler stopped reading, if it did
        if galat:
            self.fields["berkas"].required = False

    def clean_berkas(self):
        if self.galat:
            raise forms.ValidationError(self.galat)
        return self.cleaned_data["berkas"]
