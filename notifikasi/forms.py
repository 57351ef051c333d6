from django import forms

from notifikasi.models import JenisNotifikasi, Saluran


def nama_field(jenis: str, saluran: str) -> str:
    return f"{jenis}__{saluran}".lower()


class PengaturanForm(forms.Form):
    """One checkbox per kind × channel (all on by default)."""

    def __init__(self, *args, awal: dict[tuple[str, str], bool], **kwargs):
        super().__init__(*args, **kwargs)
        for j in JenisNotifikasi:
            for s in Saluran:
                self.fields[nama_field(j, s)] = forms.BooleanField(
                    label=f"{j.label} — {s.label}", required=False, initial=awal[(j, s)]
                )

    def baris(self) -> list[tuple[str, list]]:
        """(kind label, its channel fields) for the table."""
        return [(j.label, [self[nama_field(j, s)] for s in Saluran]) for j in JenisNotifikasi]

    def aktif(self) -> set[tuple[str, str]]:
        return {
            (j.value, s.value)
            for j in JenisNotifikasi
            for s in Saluran
            if self.cleaned_data[nama_field(j, s)]
        }
