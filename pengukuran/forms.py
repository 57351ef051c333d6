"""The form of one quarter's realisasi: one field set per PK indicator, saved as a whole.

Each indicator's fields follow how it is measured: a number, or a value of its scale for a
qualitative one; numerator and denominator for a percentage. The form only reads what was
typed; what a figure may be is the service's rule (`masalah_realisasi`), asked here too so every
message shows at once beside its field, and asked again, under lock, when saving.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from dokumen.form_baris import teks_panjang, tolak_teks_tersembunyi
from dokumen.target import PESAN_DESIMAL, PESAN_TERLALU_BESAR, baca_target
from dokumen.validasi import tolak_angka_non_ascii
from kpu_kinerja.formats import desimal
from pengukuran.capaian import SERATUS, TEMPAT_DESIMAL
from pengukuran.models import Realisasi
from pengukuran.services import masalah_realisasi
from perjanjian_kinerja.models import NILAI_SKALA, IndikatorPk, Polaritas

DIGIT_DESIMAL = "paling banyak 4 angka di belakang koma."


class AngkaField(forms.Field):
    """A figure typed the Indonesian way ("1.234,5", "87,5", "0.2", "85%"), read by the
    targets' own parser; a leading minus is kept, so the service can say it is not allowed."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        return desimal(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        teks = " ".join(str(value or "").split())
        if not teks:
            return None
        if len(teks) > 40:
            raise ValidationError(f"{self.label} terlalu panjang.")
        tolak_angka_non_ascii(teks)
        negatif = teks[0] in "-−"
        terbaca = baca_target(teks[1:].strip() if negatif else teks)
        if terbaca.galat == PESAN_TERLALU_BESAR:
            raise ValidationError(f"{self.label} paling banyak 16 digit sebelum koma.")
        if terbaca.galat == PESAN_DESIMAL:
            raise ValidationError(f"{self.label} {DIGIT_DESIMAL}")
        if terbaca.nilai is None or terbaca.satuan not in ("", "%"):
            raise ValidationError(f"Tulis {self.label.lower()} sebagai angka, mis. 12 atau 87,5.")
        return -terbaca.nilai if negatif else terbaca.nilai


class RealisasiForm(forms.Form):
    """One indicator's entry for the quarter; its prefix is the indicator's id, so the
    service's errors ("<id>-<field>") land beside their fields."""

    tidak_terukur = forms.BooleanField(label="Tidak dapat diukur", required=False)
    alasan_tidak_terukur = teks_panjang("Alasan tidak dapat diukur")
    catatan = teks_panjang("Catatan")
    kendala = teks_panjang("Kendala")
    solusi = teks_panjang("Solusi / tindak lanjut")

    def __init__(self, *args, indikator: IndikatorPk, realisasi: Realisasi | None, **kwargs):
        kwargs.setdefault("prefix", str(indikator.pk))
        kwargs.setdefault("initial", _awal(realisasi))
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        self.realisasi = realisasi
        self.kualitatif = indikator.polaritas == Polaritas.KUALITATIF
        self.persentase = not self.kualitatif and indikator.persentase
        if self.kualitatif:
            skala = NILAI_SKALA.get(indikator.skala, ())
            self.fields["nilai_skala"] = forms.ChoiceField(
                label="Realisasi",
                required=False,
                choices=[("", "— belum diisi —"), *((v, v) for v in skala)],
                error_messages={
                    "invalid_choice": (
                        f"“%(value)s” tidak ada pada skala indikator ini ({', '.join(skala)})."
                    )
                },
            )
        else:
            self.fields["nilai"] = AngkaField(label="Realisasi")
            if self.persentase:
                self.fields["pembilang"] = AngkaField(label="Pembilang")
                self.fields["penyebut"] = AngkaField(label="Penyebut")
                self.fields["nilai"].help_text = "Atau isi pembilang dan penyebut."
        # The realisasi first, as the page reads it.
        urutan = ["nilai_skala", "nilai", "pembilang", "penyebut"]
        self.order_fields([k for k in urutan if k in self.fields])
        for kolom in TEKS:
            self.fields[kolom].widget.attrs["rows"] = 1
        tolak_teks_tersembunyi(self)

    @property
    def kolom_realisasi(self):
        return self["nilai_skala" if self.kualitatif else "nilai"]

    def clean(self):
        data = super().clean()
        pembilang, penyebut = data.get("pembilang"), data.get("penyebut")
        nilai = data.get("nilai")
        if nilai is not None and pembilang is not None and penyebut:
            # Both ways given: agree, or say which one counts (never drop one silently).
            if (pembilang / penyebut * SERATUS).quantize(TEMPAT_DESIMAL) == nilai:
                data["nilai"] = None
            else:
                self.add_error(
                    "nilai",
                    "Realisasi dihitung dari pembilang dan penyebut: kosongkan realisasi, atau "
                    "kosongkan pembilang dan penyebut.",
                )
        if not self.errors:
            for kolom, pesan in masalah_realisasi(self.indikator, self.isian()).items():
                self.tambah_galat(kolom, pesan)
        return data

    def isian(self) -> dict[str, Any]:
        """The entry in the service's shape."""
        data = self.cleaned_data
        isian = {k: data.get(k) for k in ("tidak_terukur", *TEKS)}
        if self.kualitatif:
            isian["nilai_skala"] = data.get("nilai_skala") or ""
        else:
            isian |= {k: data.get(k) for k in ("nilai", "pembilang", "penyebut")}
        return isian

    def sama_dengan(self, realisasi: Realisasi | None) -> bool:
        """Whether what was typed is what `realisasi` holds (after a conflict, the page marks
        only the indicators where the two differ)."""
        tersimpan = _awal(realisasi)
        return all(_isi(v) == _isi(tersimpan.get(k)) for k, v in self.isian().items())

    def tambah_galat(self, kolom: str, pesan) -> None:
        if self.kualitatif and kolom == "nilai":
            kolom = "nilai_skala"  # the service names the figure; here it is the scale
        self.add_error(kolom if kolom in self.fields else None, pesan)


TEKS = ("alasan_tidak_terukur", "catatan", "kendala", "solusi")


def _isi(nilai):
    """A field's value compared: blank, unticked and missing alike."""
    if nilai is None or nilai is False or nilai == "":
        return None
    return nilai.strip() or None if isinstance(nilai, str) else nilai


def _awal(realisasi: Realisasi | None) -> dict[str, Any]:
    if realisasi is None:
        return {}
    awal = {k: getattr(realisasi, k) for k in ("tidak_terukur", *TEKS)}
    if realisasi.penyebut is not None:
        # The figure was computed from its fraction: the fraction is what was typed.
        awal |= {"pembilang": realisasi.pembilang, "penyebut": realisasi.penyebut}
    else:
        awal["nilai"] = realisasi.nilai
    awal["nilai_skala"] = realisasi.nilai_skala
    return awal


class SuntinganForm(forms.Form):
    """The report's `suntingan` when the page was opened: a save made since is refused."""

    suntingan = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class IsianTriwulan:
    """Every indicator's form of one quarter, by sasaran as the page shows them, with the
    report's `suntingan`."""

    def __init__(self, tabel, tw: int, data=None, *, suntingan: int = 0):
        self.tw = tw
        self.sasaran = [
            (blok, [self._form(data, baris) for baris in blok.indikator]) for blok in tabel.sasaran
        ]
        self.suntingan = SuntinganForm(data, initial={"suntingan": suntingan})

    def _form(self, data, baris) -> RealisasiForm:
        sel = baris.triwulan[self.tw - 1]
        form = RealisasiForm(data, indikator=baris.indikator, realisasi=sel.realisasi)
        form.sel = sel  # the quarter's target and capaian, shown beside the fields
        form.tersimpan = None  # after a conflict: what is stored now
        return form

    @property
    def form(self) -> list[RealisasiForm]:
        return [form for _, daftar in self.sasaran for form in daftar]

    def is_valid(self) -> bool:
        sah = [form.is_valid() for form in self.form]  # every form, so all show their errors
        return self.suntingan.is_valid() and all(sah)

    def isian(self) -> dict[int, dict[str, Any]]:
        return {form.indikator.pk: form.isian() for form in self.form}

    def galat_layanan(self, galat: ValidationError) -> None:
        """The service's refusal ("<id>-<field>") beside each field."""
        if not hasattr(galat, "error_dict"):  # a refusal of the whole report
            self.suntingan.add_error(None, galat.messages)
            return
        per_id = {str(form.indikator.pk): form for form in self.form}
        for kunci, pesan in galat.message_dict.items():
            awalan, _, kolom = kunci.partition("-")
            form = per_id.get(awalan)
            if form is None:
                self.suntingan.add_error(None, pesan)
            else:
                form.tambah_galat(kolom, pesan)

    def pakai_suntingan(self, suntingan: int) -> None:
        """After a conflict: the figures stay as typed, the page now carries the report's
        current `suntingan`, so saving again is a deliberate choice made with both in view."""
        self.suntingan = SuntinganForm(initial={"suntingan": suntingan})

    @property
    def ada_galat(self) -> bool:
        return bool(self.suntingan.errors) or any(form.errors for form in self.form)
