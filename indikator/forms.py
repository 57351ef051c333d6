"""The row form of the IKU editor."""

from django import forms

from dokumen.form_baris import FormBaris, teks_panjang


class BarisIkuForm(FormBaris):
    program = forms.CharField(label="Kelompok program", required=False, max_length=200)
    nomor = forms.CharField(label="No", required=False, max_length=10)
    sasaran = teks_panjang("Sasaran strategis")
    indikator = teks_panjang("Indikator kinerja / uraian")
    cara_penghitungan = teks_panjang("Cara penghitungan")
    target = forms.CharField(label="Target", required=False, max_length=100)
    sumber_data = teks_panjang("Sumber data")
    keterangan = teks_panjang("Keterangan")

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("sasaran", "indikator", "keterangan")):
            self.add_error("indikator", "Isi indikator (atau sasaran/keterangan) baris ini.")
        return data
