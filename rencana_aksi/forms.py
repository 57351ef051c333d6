"""Row forms of the RKT and RAK editors: flat rows, like the paper (see rencana_aksi.baris)."""

from django import forms

from dokumen.fields import RupiahField
from dokumen.form_baris import FormBaris, teks_panjang


class BarisRktForm(FormBaris):
    nomor = forms.CharField(label="No", required=False, max_length=10)
    sasaran = teks_panjang(
        "Sasaran program/kegiatan", help_text="Kosongkan untuk sasaran yang sama."
    )
    indikator = teks_panjang("Indikator kinerja")
    target = forms.CharField(label="Target", required=False, max_length=100)
    kegiatan_aksi = teks_panjang("Nama kegiatan aksi")

    def clean(self):
        data = super().clean()
        if not data.get("indikator") and "indikator" not in self.errors:
            self.add_error("indikator", "Indikator kinerja wajib diisi.")
        return data


TRIWULAN = ("tw1", "tw2", "tw3", "tw4")


class BarisRakForm(FormBaris):
    nomor = forms.CharField(label="No", required=False, max_length=10)
    sasaran = teks_panjang(
        "Sasaran program/kegiatan", help_text="Kosongkan untuk sasaran yang sama."
    )
    indikator = teks_panjang("Indikator kinerja", help_text="Kosongkan untuk indikator yang sama.")
    target = forms.CharField(label="Target", required=False, max_length=100)
    kegiatan = teks_panjang("Kegiatan")
    target_kegiatan_aksi = forms.CharField(
        label="Target kegiatan aksi", required=False, max_length=100
    )
    tw1 = forms.BooleanField(label="I", required=False)
    tw2 = forms.BooleanField(label="II", required=False)
    tw3 = forms.BooleanField(label="III", required=False)
    tw4 = forms.BooleanField(label="IV", required=False)
    anggaran = RupiahField(label="Anggaran (Rp)")
    pelaksana = forms.CharField(label="Pelaksana", required=False, max_length=150)

    def clean(self):
        data = super().clean()
        if not data.get("kegiatan") and "kegiatan" not in self.errors:
            if any(data.get(tw) for tw in TRIWULAN):
                self.add_error("kegiatan", "Isi kegiatan untuk triwulan yang dicentang.")
            else:
                self.add_error("kegiatan", "Kegiatan wajib diisi.")
        return data

    def as_baris(self) -> dict:
        """The cleaned row in the shape rencana_aksi.services.rak_ganti takes."""
        data = {k: v for k, v in super().as_baris().items() if k not in TRIWULAN}
        data["triwulan"] = [i for i, tw in enumerate(TRIWULAN, 1) if self.cleaned_data[tw]]
        return data
