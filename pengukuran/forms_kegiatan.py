"""The form of one quarter's kegiatan realisasi: one field set per RAK kegiatan, saved as a
whole (as `pengukuran.forms.IsianTriwulan` for the indicators). The form reads what was typed;
the rules are the service's (`masalah_kegiatan`), asked here too so every message shows at
once beside its field, and again under lock when saving."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from dokumen.form_baris import teks_panjang, tolak_teks_tersembunyi
from kpu_kinerja.formats import desimal
from pengukuran.forms import AngkaField, SuntinganForm
from pengukuran.models_kegiatan import StatusKegiatan
from pengukuran.selectors_kegiatan import BarisKegiatan, TabelKegiatan
from pengukuran.serapan import NOL
from pengukuran.services_kegiatan import masalah_kegiatan


class RupiahField(AngkaField):
    """An amount typed "1.250.000", "Rp1.250.000" or "1.250.000,50"; a minus is kept so the
    service can say it is not allowed."""

    def prepare_value(self, value):
        return desimal(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        teks = " ".join(str(value or "").split())
        negatif = teks[:1] in ("-", "−")
        if negatif:
            teks = teks[1:].strip()
        if teks[:2].lower() == "rp":
            teks = teks[2:].strip()
        if "%" in teks:
            raise ValidationError("Tulis realisasi anggaran dalam rupiah, bukan persen.")
        try:
            nilai = super().to_python(teks)
        except ValidationError:
            raise ValidationError(
                "Tulis realisasi anggaran sebagai angka rupiah, mis. 1.250.000."
            ) from None
        return -nilai if negatif and nilai is not None else nilai


class KegiatanForm(forms.Form):
    """One kegiatan's entry; its prefix is the RAK row's id, so the service's errors
    ("<id>-<field>") land beside their fields."""

    status = forms.ChoiceField(
        label="Pelaksanaan",
        required=False,
        choices=[("", "— belum diisi —"), *StatusKegiatan.choices],
    )
    realisasi_anggaran = RupiahField(label="Realisasi anggaran (Rp)")
    catatan = teks_panjang("Catatan")

    def __init__(self, *args, kegiatan: BarisKegiatan, tw: int, **kwargs):
        entri = kegiatan.realisasi[tw - 1]
        kwargs.setdefault("prefix", str(kegiatan.baris.pk))
        kwargs.setdefault("initial", _awal(entri))
        super().__init__(*args, **kwargs)
        self.kegiatan, self.tw, self.entri = kegiatan, tw, entri
        self.fields["catatan"].widget.attrs["rows"] = 1
        tolak_teks_tersembunyi(self)

    def tw_lain(self) -> Decimal:
        realisasi = self.kegiatan.realisasi
        return sum(
            (e.realisasi_anggaran or NOL for i, e in enumerate(realisasi, 1) if e and i != self.tw),
            NOL,
        )

    def clean(self):
        data = super().clean()
        if not self.errors:
            for kolom, pesan in masalah_kegiatan(
                self.kegiatan.baris, self.isian(), tw_lain=self.tw_lain(), tw=self.tw
            ).items():
                self.add_error(kolom if kolom in self.fields else None, pesan)
        return data

    def isian(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k) for k in ("status", "catatan", "realisasi_anggaran")}


def _awal(entri) -> dict[str, Any]:
    if entri is None:
        return {}
    return {
        "status": entri.status,
        "catatan": entri.catatan,
        "realisasi_anggaran": entri.realisasi_anggaran,
    }


class IsianKegiatan:
    """Every kegiatan's form of one quarter, by RAK sasaran, with the report's `suntingan`."""

    def __init__(self, tabel: TabelKegiatan, tw: int, data=None, *, suntingan: int = 0):
        self.kelompok = [
            (k, [KegiatanForm(data, kegiatan=b, tw=tw) for b in k.kegiatan]) for k in tabel.kelompok
        ]
        self.suntingan = SuntinganForm(data, initial={"suntingan": suntingan})

    @property
    def form(self) -> list[KegiatanForm]:
        return [form for _, daftar in self.kelompok for form in daftar]

    def is_valid(self) -> bool:
        sah = [form.is_valid() for form in self.form]
        return self.suntingan.is_valid() and all(sah)

    def isian(self) -> dict[int, dict[str, Any]]:
        return {form.kegiatan.baris.pk: form.isian() for form in self.form}

    def galat_layanan(self, galat: ValidationError) -> None:
        """The service's refusal ("<id>-<field>") beside each field."""
        if not hasattr(galat, "error_dict"):
            self.suntingan.add_error(None, galat.messages)
            return
        per_id = {str(form.kegiatan.baris.pk): form for form in self.form}
        for kunci, pesan in galat.message_dict.items():
            awalan, _, kolom = kunci.partition("-")
            form = per_id.get(awalan)
            if form is None:
                self.suntingan.add_error(None, pesan)
            else:
                form.add_error(kolom if kolom in form.fields else None, pesan)

    def pakai_suntingan(self, suntingan: int) -> None:
        self.suntingan = SuntinganForm(initial={"suntingan": suntingan})
