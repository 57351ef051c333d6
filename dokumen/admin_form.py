"""The admin's document form: the same edit-conflict rule as the editor and the API."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from dokumen.form_baris import tolak_teks_tersembunyi
from dokumen.forms import (
    PESAN_KONFLIK,
    PESAN_TAHUN,
    TAHUN_MAKS,
    TAHUN_MIN,
    _pesan_duplikat,
    periksa_tanggal_ttd,
)
from dokumen.models import Dokumen


class DokumenAdminForm(forms.ModelForm):
    """Carries the `suntingan` the page was opened with; refuses the save if it has moved since.

    Without it an Admin RI saving in the admin would silently overwrite what an operator saved
    in the editor meanwhile (and the reverse: the admin's save moves `suntingan`).
    """

    suntingan_dibaca = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suntingan_dibaca"].initial = self.instance.suntingan
        # The editor's checks on what it shares with the admin (dokumen.forms).
        tolak_teks_tersembunyi(self)
        if "tanggal_ttd" in self.fields:
            self.fields["tanggal_ttd"].validators.append(periksa_tanggal_ttd)
        for nama in ("tahun", "tahun_anggaran"):
            if nama in self.fields:
                self.fields[nama].validators += [
                    MinValueValidator(TAHUN_MIN, PESAN_TAHUN),
                    MaxValueValidator(TAHUN_MAKS, PESAN_TAHUN),
                ]

    def clean(self):
        cleaned = super().clean()
        dibaca = cleaned.get("suntingan_dibaca")
        if self.instance.pk is not None:
            # Locked until the admin's request transaction ends: no editor save or workflow
            # step can come between this check and the save.
            sekarang = (
                Dokumen.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("suntingan", flat=True)
            )
            if sekarang.first() != dibaca:
                raise forms.ValidationError(PESAN_KONFLIK, code="konflik")
        else:
            # `versi` is read-only on add, which makes Django skip the unique constraint that
            # names it: check here, as the editor and the API do, instead of an IntegrityError.
            satker, jenis, tahun = (cleaned.get(k) for k in ("satker", "jenis", "tahun"))
            if satker and jenis and tahun and satker.dokumen.filter(jenis=jenis, tahun=tahun):
                self.add_error("tahun", _pesan_duplikat(jenis, tahun))
        return cleaned
