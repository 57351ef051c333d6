"""Form fields for the documents' Indonesian money input."""

import re

from django import forms

from dokumen.validasi import tolak_angka_non_ascii
from kpu_kinerja.formats import ribuan
from rencana_aksi.models import ANGGARAN_MAKSIMUM

# "8.170.412.000", "8170412000", "Rp 8.170.412.000", "Rp8.170.412.000,00"; digits 0–9 only.
_RUPIAH = re.compile(
    r"^(?:rp\.?)?\s*(?P<angka>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,0{1,2})?$", re.I
)


class BilanganField(forms.IntegerField):
    """A whole number typed with 0–9 only (int() would also read "٢٠٢٤" as 2024)."""

    def to_python(self, value):
        if isinstance(value, str):
            tolak_angka_non_ascii(value)
        return super().to_python(value)


class RupiahField(forms.Field):
    """Whole Rupiah, typed the way people write it; empty means no amount."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ribuan(value) if isinstance(value, int) else value

    def to_python(self, value):
        teks = str(value or "").strip()
        if not teks:
            return None
        if len(teks) > 40:
            raise forms.ValidationError("Anggaran terlalu panjang.", code="terlalu_panjang")
        tolak_angka_non_ascii(teks)
        if teks.lstrip().startswith("-"):
            raise forms.ValidationError("Anggaran tidak boleh negatif.", code="negatif")
        cocok = _RUPIAH.match(teks.replace(" ", ""))
        if not cocok:
            raise forms.ValidationError(
                "Tulis anggaran sebagai angka rupiah, mis. 8.170.412.000.", code="bukan_angka"
            )
        angka = int(cocok["angka"].replace(".", ""))
        if angka >= ANGGARAN_MAKSIMUM:
            raise forms.ValidationError(
                f"Anggaran terlalu besar: harus di bawah Rp{ribuan(ANGGARAN_MAKSIMUM)}.",
                code="terlalu_besar",
            )
        return angka
