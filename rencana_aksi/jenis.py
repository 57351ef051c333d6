"""The RKT's and RAK's declarations in the document-type registry (dokumen.jenis), registered in
ready(). Both group their rows under sasaran."""

from collections.abc import Callable
from typing import Any

from dokumen.editor_kelompok import editor_berkelompok
from dokumen.jenis import JenisTerdaftar, PihakTtd
from dokumen.models import PihakTandaTangan
from rencana_aksi.admin import SasaranRakInline, SasaranRktInline
from rencana_aksi.baris import rak_ke_form
from rencana_aksi.forms import BarisRakForm, BarisRktForm, SasaranForm
from rencana_aksi.selectors import rak_data, rkt_data, tabel_rak, tabel_rkt
from rencana_aksi.serializers import (
    SasaranRakIsianSerializer,
    SasaranRakSerializer,
    SasaranRktIsianSerializer,
    SasaranRktSerializer,
)
from rencana_aksi.services import TINGKAT_RAK, TINGKAT_RKT, rak_ganti, rkt_ganti
from satker.models import Jabatan


def _label_bagian(anak: str, isi: str) -> Callable[[list[dict[str, Any]]], list[tuple[str, str]]]:
    """(kunci, "Sasaran 2, baris 3: <isi>"), numbered within the sasaran as the rows stand now."""

    def label(sasaran: list[dict[str, Any]]) -> list[tuple[str, str]]:
        return [
            (row["kunci"], f"Sasaran {s['nomor']}, baris {urutan}: {row[isi]}"[:300])
            for s in sasaran
            for urutan, row in enumerate(s[anak], start=1)
        ]

    return label


def _rencana(
    *,
    ganti: Callable[..., Any],
    kunci_anak: str,
    kolom_label: str,
    jabatan: Jabatan,
    form_baris: type,
    inline: type,
    **lain: Any,
) -> JenisTerdaftar:
    """What the RKT and RAK share: rows grouped under sasaran (`kunci_anak`, each row labelled
    for review notes by its `kolom_label`), the editor's sasaran form, one signatory of
    `jabatan`, a target on every indicator before submission, one admin inline for both."""
    return JenisTerdaftar(
        target_wajib=True,
        ganti_baris=lambda dokumen, sasaran: ganti(dokumen=dokumen, sasaran=sasaran),
        kunci_anak=kunci_anak,
        pihak_ttd=(PihakTtd(PihakTandaTangan.PENANDATANGAN, jabatan),),
        label_bagian=_label_bagian(kunci_anak, kolom_label),
        formset=editor_berkelompok(form_baris, SasaranForm),
        inline_admin=inline,
        inline_admin_baca=inline,
        **lain,
    )


RKT = _rencana(
    kode="RKT",
    label="Rencana Kinerja Tahunan",
    tingkat=TINGKAT_RKT,
    baca_baris=rkt_data,
    ganti=rkt_ganti,
    kunci_anak="indikator",
    kolom_label="indikator",
    jabatan=Jabatan.KETUA,
    tabel=tabel_rkt,
    template_tabel="rencana_aksi/_tabel_rkt.html",
    form_baris=BarisRktForm,
    serializer_baris=SasaranRktSerializer,
    serializer_isian=SasaranRktIsianSerializer,
    template_pdf="pdf/rkt.html",
    inline=SasaranRktInline,
    cari_admin=("sasaran_rkt__indikator__indikator", "sasaran_rkt__indikator__kegiatan_aksi"),
)

RAK = _rencana(
    kode="RAK",
    label="Rencana Aksi Kinerja",
    tingkat=TINGKAT_RAK,
    baca_baris=rak_data,
    ganti=rak_ganti,
    kunci_anak="baris",
    kolom_label="kegiatan",
    jabatan=Jabatan.SEKRETARIS,
    tabel=tabel_rak,
    template_tabel="rencana_aksi/_tabel_rak.html",
    form_baris=BarisRakForm,
    ke_form=rak_ke_form,
    serializer_baris=SasaranRakSerializer,
    serializer_isian=SasaranRakIsianSerializer,
    template_pdf="pdf/rak.html",
    inline=SasaranRakInline,
    cari_admin=("sasaran_rak__baris__indikator", "sasaran_rak__baris__kegiatan"),
)
