"""Forms of the RKT and RAK editors: a sasaran, and a row of it (dokumen.editor_kelompok)."""

from django import forms

from dokumen.form_baris import FormBaris, RupiahField, teks_panjang


class SasaranForm(FormBaris):
    """A sasaran of the RKT or RAK: its printed number and text; its rows are row forms."""

    nomor = forms.CharField(label="No", required=False, max_length=10)
    sasaran = teks_panjang("Sasaran program/kegiatan")

    def clean(self):
        data = super().clean()
        if not data.get("sasaran") and "sasaran" not in self.errors:
            self.add_error("sasaran", "Sasaran wajib diisi.")
        return data


class BarisRktForm(FormBaris):
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
    kolom_jumlah = ("anggaran", "Jumlah anggaran")

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
    # A short text that may still wrap over a few lines in its narrow column.
    pelaksana = forms.CharField(
        label="Pelaksana", required=False, max_length=150, widget=forms.Textarea(attrs={"rows": 1})
    )

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
