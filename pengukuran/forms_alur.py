"""The forms of the TW report workflow: a step's note is the documents' own
(`dokumen.forms.CatatanAlurForm`); reopening asks a reason and the last day."""

from django import forms

from dokumen.form_baris import TEKS_MAKS, tolak_teks_tersembunyi
from pengukuran.alur import PESAN_ALASAN_WAJIB


class BukaKembaliForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan dibuka kembali",
        max_length=TEKS_MAKS,
        strip=True,
        error_messages={"required": PESAN_ALASAN_WAJIB},
    )
    sampai = forms.DateField(
        label="Dibuka sampai",
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Isi tanggal terakhir masa pelaporan dibuka kembali.",
            "invalid": "Tulis tanggal seperti 20/07/2024.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tolak_teks_tersembunyi(self)
