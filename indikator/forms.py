"""The IKU editor's forms: a program group's header, and a row under it
(dokumen.editor_kelompok; the rows are stored flat, indikator.baris converts)."""

from django import forms

from dokumen.editor import BarisFormSet
from dokumen.form_baris import FormBaris, teks_panjang

PESAN_PROGRAM_KOSONG = (
    "Isi nama program. Hanya kelompok pertama yang boleh tanpa program; tanpa nama, "
    "barisnya akan menyatu dengan kelompok di atasnya."
)


class KelompokProgramForm(FormBaris):
    """A program group's header. Not a stored row (its program is written on its first row),
    so it has no key, and one with a program but no row is refused rather than lost."""

    butuh_baris = True
    kunci = None

    program = forms.CharField(
        label="Kelompok program",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "Tanpa kelompok program"}),
    )


class KelompokProgramFormSet(BarisFormSet):
    """Program groups: only the first may go without a program. Stored flat, a later group
    without one would join the group above it when the IKU is read again."""

    def clean(self):
        for form in self.baris_terurut()[1:]:
            if not form.cleaned_data.get("program") and "program" not in form.errors:
                form.add_error("program", PESAN_PROGRAM_KOSONG)
        super().clean()


class BarisIkuForm(FormBaris):
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
