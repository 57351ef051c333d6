"""Forms of the PK editor: a sasaran and its indicators (dokumen.editor_kelompok), and a
program of the programs table (dokumen.jenis.TabelTambahan)."""

from decimal import Decimal

from django import forms

from dokumen.form_baris import FormBaris, RupiahField, teks_panjang
from dokumen.target import baca_target
from dokumen.validasi import tolak_angka_non_ascii
from perjanjian_kinerja.models import (
    KOLOM_UKUR,
    PESAN_TARGET_WAJIB,
    TRIWULAN,
    Agregasi,
    Polaritas,
    Skala,
    masalah_indikator,
    peringatan_indikator,
)


class SasaranPkForm(FormBaris):
    """A sasaran strategis of the PK: its printed number and text."""

    nomor = forms.CharField(label="No", required=False, max_length=10)
    sasaran = teks_panjang("Sasaran strategis")

    def clean(self):
        data = super().clean()
        if not data.get("sasaran") and "sasaran" not in self.errors:
            self.add_error("sasaran", "Sasaran wajib diisi.")
        return data


class BatasField(forms.Field):
    """A range bound written as the targets are ("80", "87,5", "0.2", "85%"), read by the
    targets' own parser (dokumen.target), so "80.5" is 80,5 and "1.000" a thousand."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            teks = format(value.normalize(), "f")
            return teks.replace(".", ",")
        return value

    def to_python(self, value):
        teks = str(value or "").strip()
        if not teks:
            return None
        if len(teks) > 30:
            raise forms.ValidationError("Batas terlalu panjang.")
        tolak_angka_non_ascii(teks)
        terbaca = baca_target(teks)
        if terbaca.galat:
            raise forms.ValidationError(terbaca.galat)
        if terbaca.nilai is None or terbaca.satuan not in ("", "%"):
            raise forms.ValidationError("Tulis batas sebagai angka, mis. 80 atau 87,5.")
        return terbaca.nilai


class IndikatorPkForm(FormBaris):
    """An indicator with its target and how it is measured; the targets must fit its polarity
    and aggregation (`masalah_indikator`, one rule with the API and the model)."""

    # How the indicator is measured, in one cell beside it: the row fits 1,366 px.
    kolom_rincian = (
        "Pengukuran",
        (
            "polaritas",
            "agregasi",
            "skala",
            "batas_bawah",
            "batas_atas",
            *(f"target_tw{tw}" for tw in TRIWULAN),
        ),
    )

    indikator = teks_panjang("Indikator kinerja")
    satuan = forms.CharField(label="Satuan", required=False, max_length=30)
    target = forms.CharField(label="Target", required=False, max_length=100)
    polaritas = forms.ChoiceField(
        label="Polaritas", choices=Polaritas.choices, initial=Polaritas.NAIK
    )
    agregasi = forms.ChoiceField(
        label="Agregasi triwulan", choices=Agregasi.choices, initial=Agregasi.TERAKHIR
    )
    skala = forms.ChoiceField(label="Skala", required=False, choices=[("", "—"), *Skala.choices])
    batas_bawah = BatasField(label="Batas bawah")
    batas_atas = BatasField(label="Batas atas")
    target_tw1 = forms.CharField(label="TW I", required=False, max_length=100)
    target_tw2 = forms.CharField(label="TW II", required=False, max_length=100)
    target_tw3 = forms.CharField(label="TW III", required=False, max_length=100)
    target_tw4 = forms.CharField(label="TW IV", required=False, max_length=100)
    # The RKT row this indicator was made from, carried through the page unchanged.
    asal_rkt = forms.UUIDField(required=False, widget=forms.HiddenInput)

    @property
    def peringatan_target(self) -> str:
        """None for a qualitative indicator (`peringatan_indikator`)."""
        if self.is_bound and "target" in self.errors:
            return ""
        isi = {nama: self[nama].value() for nama in ("polaritas", "target")}
        return peringatan_indikator({k: str(v or "") for k, v in isi.items()})

    def clean(self):
        data = super().clean()
        if not data.get("indikator") and "indikator" not in self.errors:
            self.add_error("indikator", "Indikator kinerja wajib diisi.")
        if not data.get("target") and "target" not in self.errors:
            self.add_error("target", PESAN_TARGET_WAJIB)
        if not any(kolom in self.errors for kolom in KOLOM_UKUR):
            for kolom, pesan in masalah_indikator(data).items():
                self.add_error(kolom, pesan)
        return data

    def as_baris(self) -> dict:
        data = super().as_baris()
        data["asal_rkt"] = str(data["asal_rkt"]) if data.get("asal_rkt") else None
        return data


class ProgramPkForm(FormBaris):
    """A program of the PK's lampiran and its anggaran."""

    kolom_jumlah = ("anggaran", "Jumlah anggaran")

    program = teks_panjang("Program")
    kode = forms.CharField(label="Kode", required=False, max_length=20)
    anggaran = RupiahField(label="Anggaran (Rp)")

    def clean(self):
        data = super().clean()
        if not data.get("program") and "program" not in self.errors:
            self.add_error("program", "Program wajib diisi.")
        return data
