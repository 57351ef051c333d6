"""What every row form of the document editor shares."""

import re
import uuid
from typing import Any

from django import forms

from dokumen.target import peringatan_target
from dokumen.validasi import (
    ANGGARAN_MAKSIMUM,
    periksa_target,
    tolak_angka_non_ascii,
    tolak_karakter_tersembunyi,
)
from kpu_kinerja.formats import ribuan

# The longest text of a cell, a review note, an answer or a workflow note, in the forms and
# the API alike.
TEKS_MAKS = 5000


def teks_panjang(label: str, **kwargs) -> forms.CharField:
    """An optional multi-line cell, capped so a pasted essay gets a message, not a failure."""
    widget = forms.Textarea(attrs={"rows": 2})
    return forms.CharField(
        label=label, required=False, max_length=TEKS_MAKS, widget=widget, **kwargs
    )


def tolak_teks_tersembunyi(form: forms.BaseForm) -> None:
    """Give every text field of `form` the hidden-character check."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            field.validators.append(tolak_karakter_tersembunyi)


# The hidden key of a row or sasaran form (dokumen.baris); one added in the browser has none.
KUNCI_FORM = ("kunci",)


def kunci_tersembunyi() -> forms.CharField:
    """A key the page carries and sends back; the formset checks it names a row of the document."""
    return forms.CharField(required=False, widget=forms.HiddenInput)


def _kunci_baku(teks: str) -> str:
    """A key as stored ("" stays ""); anything not a UUID is kept, and the formset refuses it."""
    try:
        return str(uuid.UUID(teks)) if teks else ""
    except ValueError:
        return teks


# The editor's own fields of a form, not row content: its place, deletion and sasaran.
KOLOM_EDITOR = frozenset({"ORDER", "DELETE", "induk"})


class FormBaris(forms.Form):
    """A row (or a sasaran) of the editor; `as_baris` gives it in the shape the services take.

    `kolom_jumlah`: (field, label) of a column the editor totals (the RAK's anggaran), or None;
    `kolom_rincian`: fields shown together in one cell, below their own labels.
    A header form that is not a stored row sets `kunci = None` (no key to carry or check).
    """

    kolom_jumlah: tuple[str, str] | None = None
    # (label, fields) shown together in one cell of the row, each with its own small label
    # (the PK's measurement: polarity, scale, bounds, aggregation, quarters), so a row with
    # many short fields still fits the page's width; None: one column per field.
    kolom_rincian: tuple[str, tuple[str, ...]] | None = None
    # A block header (dokumen.editor_kelompok) whose type keeps it only through its rows
    # (stored on its first row): one with content but no row would be lost, so it is refused.
    butuh_baris = False

    kunci = kunci_tersembunyi()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tolak_teks_tersembunyi(self)
        if "target" in self.fields:
            self.fields["target"].validators.append(periksa_target)

    @property
    def peringatan_target(self) -> str:
        """A note beside a target that holds no number (saved anyway: it may be "WTP")."""
        if "target" not in self.fields or (self.is_bound and "target" in self.errors):
            return ""
        return peringatan_target(str(self["target"].value() or ""))

    @property
    def nama_rincian(self) -> tuple[str, ...]:
        """The fields of `kolom_rincian` (none without it), for the templates."""
        return self.kolom_rincian[1] if self.kolom_rincian else ()

    def clean(self):
        data = super().clean()
        for nama in KUNCI_FORM:
            if nama in data:
                data[nama] = _kunci_baku(data[nama])
        return data

    def as_baris(self) -> dict[str, Any]:
        """The cleaned row; a key only when the row has one (a new row gets one when saved)."""
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in KOLOM_EDITOR and not (k in KUNCI_FORM and not v)
        }


# "8.170.412.000", "8170412000", "Rp 8.170.412.000", "Rp8.170.412.000,00"; digits 0–9 only.
_RUPIAH = re.compile(
    r"^(?:rp\.?)?\s*(?P<angka>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,0{1,2})?$", re.I
)


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
