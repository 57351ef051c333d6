"""What every row form of the document editor shares."""

from typing import Any

from django import forms

TEKS_MAKS = 5000


def teks_panjang(label: str, **kwargs) -> forms.CharField:
    """An optional multi-line cell, capped so a pasted essay gets a message, not a failure."""
    widget = forms.Textarea(attrs={"rows": 2})
    return forms.CharField(
        label=label, required=False, max_length=TEKS_MAKS, widget=widget, **kwargs
    )


class FormBaris(forms.Form):
    """A row of the editor; `as_baris` gives it in the shape the services take."""

    def as_baris(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("ORDER", "DELETE")}
