"""The RKT's and RAK's declarations in the document-type registry (dokumen.jenis), registered in
ready(). Both group their rows under sasaran."""

from collections.abc import Callable
from typing import Any

from dokumen.editor_kelompok import editor_berkelompok
from dokumen.jenis import JenisKolom, JenisTerdaftar, KolomExcel, PihakTtd, TabelExcel
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


# The paper's columns (templates/pdf/rkt.html, rak.html), for the Excel export and import.
NOMOR_SASARAN = KolomExcel("NO", "nomor", JenisKolom.NOMOR, sasaran=True, lebar=6)
SASARAN = KolomExcel(
    "SASARAN PROGRAM/KEGIATAN",
    "sasaran",
    sasaran=True,
    lebar=30,
    judul_lain=("Sasaran", "Sasaran Strategis", "Sasaran Program", "Sasaran Kegiatan"),
)
INDIKATOR = KolomExcel(
    "INDIKATOR KINERJA", "indikator", lebar=34, judul_lain=("Indikator", "Uraian")
)
TARGET = KolomExcel("TARGET", "target", JenisKolom.TARGET, lebar=11)

KOLOM_EXCEL_RKT = TabelExcel(
    kolom=(
        NOMOR_SASARAN,
        SASARAN,
        INDIKATOR,
        TARGET,
        KolomExcel(
            "NAMA KEGIATAN AKSI",
            "kegiatan_aksi",
            lebar=36,
            judul_lain=("Kegiatan Aksi", "Rencana Aksi", "Kegiatan"),
        ),
    ),
    nama_lembar="RKT",
)

KOLOM_EXCEL_RAK = TabelExcel(
    kolom=(
        NOMOR_SASARAN,
        SASARAN,
        INDIKATOR,
        TARGET,
        KolomExcel("KEGIATAN", "kegiatan", lebar=32, judul_lain=("Kegiatan Aksi",)),
        KolomExcel("TARGET KEGIATAN AKSI", "target_kegiatan_aksi", lebar=12),
        *(
            KolomExcel(
                angka,
                "triwulan",
                JenisKolom.CENTANG,
                lebar=4.5,
                nilai=tw,
                kelompok="Pelaksanaan Kegiatan",
                judul_lain=(f"TW {angka}", f"Triwulan {angka}"),
            )
            for tw, angka in enumerate(("I", "II", "III", "IV"), start=1)
        ),
        KolomExcel("ANGGARAN", "anggaran", JenisKolom.RUPIAH, lebar=17, judul_lain=("Pagu",)),
        KolomExcel("PELAKSANA", "pelaksana", lebar=24, judul_lain=("Penanggung Jawab",)),
    ),
    nama_lembar="RAK",
    lanskap=True,
    # A row without indikator continues the indikator above (rencana_aksi.selectors.tabel_rak).
    lanjutan=("indikator",),
    gabung=("indikator", "target"),
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
    kolom_excel=KOLOM_EXCEL_RKT,
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
    kolom_excel=KOLOM_EXCEL_RAK,
)
