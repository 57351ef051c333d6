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


RKT = JenisTerdaftar(
    kode="RKT",
    label="Rencana Kinerja Tahunan",
    tingkat=TINGKAT_RKT,
    target_wajib=True,
    baca_baris=rkt_data,
    ganti_baris=lambda dokumen, sasaran: rkt_ganti(dokumen=dokumen, sasaran=sasaran),
    kunci_anak="indikator",
    pihak_ttd=(PihakTtd(PihakTandaTangan.PENANDATANGAN, Jabatan.KETUA),),
    label_bagian=_label_bagian("indikator", "indikator"),
    tabel=tabel_rkt,
    template_tabel="rencana_aksi/_tabel_rkt.html",
    formset=editor_berkelompok(BarisRktForm, SasaranForm),
    serializer_baris=SasaranRktSerializer,
    serializer_isian=SasaranRktIsianSerializer,
    template_pdf="pdf/rkt.html",
    inline_admin=SasaranRktInline,
    inline_admin_baca=SasaranRktInline,
    cari_admin=("sasaran_rkt__indikator__indikator", "sasaran_rkt__indikator__kegiatan_aksi"),
)

RAK = JenisTerdaftar(
    kode="RAK",
    label="Rencana Aksi Kinerja",
    tingkat=TINGKAT_RAK,
    target_wajib=True,
    baca_baris=rak_data,
    ganti_baris=lambda dokumen, sasaran: rak_ganti(dokumen=dokumen, sasaran=sasaran),
    kunci_anak="baris",
    pihak_ttd=(PihakTtd(PihakTandaTangan.PENANDATANGAN, Jabatan.SEKRETARIS),),
    label_bagian=_label_bagian("baris", "kegiatan"),
    tabel=tabel_rak,
    template_tabel="rencana_aksi/_tabel_rak.html",
    formset=editor_berkelompok(BarisRakForm, SasaranForm),
    ke_form=rak_ke_form,
    serializer_baris=SasaranRakSerializer,
    serializer_isian=SasaranRakIsianSerializer,
    template_pdf="pdf/rak.html",
    inline_admin=SasaranRakInline,
    inline_admin_baca=SasaranRakInline,
    cari_admin=("sasaran_rak__baris__indikator", "sasaran_rak__baris__kegiatan"),
)
