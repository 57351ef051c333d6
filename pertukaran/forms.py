from django import forms
from django.utils import timezone

from dokumen.fields import BilanganField
from dokumen.forms import TAHUN_MAKS, TAHUN_MIN
from dokumen.jenis import semua_jenis
from pertukaran.berkas import BATAS_UKURAN, BerkasDitolak, periksa_berkas


def pilihan_jenis_impor() -> list[tuple[str, str]]:
    """The types a file can be imported as: those with a paper table (dokumen.jenis)."""
    return [(j.kode, f"{j.kode} — {j.label}") for j in semua_jenis() if j.kolom_excel]


class ImporForm(forms.Form):
    """The type and year of the draft to make, and the satker's own file of it."""

    jenis = forms.ChoiceField(label="Jenis dokumen", choices=pilihan_jenis_impor)
    tahun = BilanganField(label="Tahun", min_value=TAHUN_MIN, max_value=TAHUN_MAKS)
    berkas = forms.FileField(
        label="Berkas Word (.docx) atau Excel (.xlsx)",
        help_text=(
            "Dokumen seperti yang biasa dibuat satker (satu tabel, boleh terpotong beberapa "
            f"halaman), atau hasil “Unduh Excel”. Paling besar {BATAS_UKURAN // (1024 * 1024)} MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].initial = timezone.localdate().year + 1

    def clean_berkas(self) -> bytes:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > BATAS_UKURAN:  # before reading it
            raise forms.ValidationError(
                f"Berkas lebih dari {BATAS_UKURAN // (1024 * 1024)} MB. Hapus gambar atau "
                "lampiran yang tidak perlu, atau pecah menjadi beberapa berkas."
            )
        isi = berkas.read()
        try:
            periksa_berkas(berkas.name, isi)
        except BerkasDitolak as galat:
            raise forms.ValidationError(galat.pesan) from None
        return isi
