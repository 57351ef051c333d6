"""The IKU's declaration in the document-type registry (dokumen.jenis), registered in ready()."""

from typing import Any

from dokumen.editor_kelompok import editor_berkelompok
from dokumen.jenis import JenisKolom, JenisTerdaftar, KolomExcel, PihakTtd, TabelExcel
from dokumen.models import PihakTandaTangan
from indikator.admin import BarisIkuInline, BarisIkuTabelInline
from indikator.baris import KUNCI_ANAK_IKU, iku_dari_form, iku_ke_form
from indikator.forms import BarisIkuForm, KelompokProgramForm, KelompokProgramFormSet
from indikator.pdf import konteks_pdf_iku
from indikator.selectors import KOLOM_IKU, baris_iku_data, tabel_iku
from indikator.serializers import BarisIkuIsianSerializer, BarisIkuSerializer
from indikator.services import TINGKAT_IKU, baris_iku_ganti
from satker.models import Jabatan


def label_bagian_iku(baris: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(kunci, "Baris 3: 2. <indikator>"), numbered by position as the rows stand now."""
    return [
        (
            b["kunci"],
            f"Baris {urutan}: {b['nomor']} {b['indikator'] or b['sasaran'] or b['keterangan']}"[
                :300
            ].strip(),
        )
        for urutan, b in enumerate(baris, start=1)
    ]


# Excel widths (characters) of the IKU's columns, in the print page's proportions
# (indikator.pdf.BOBOT_KOLOM_IKU); every column but No is shown only when a row fills it.
LEBAR_EXCEL_IKU = {
    "sasaran": 32,
    "indikator": 38,
    "cara_penghitungan": 38,
    "target": 13,
    "keterangan": 32,
    "sumber_data": 32,
}
JUDUL_LAIN_IKU = {
    "sasaran": ("Sasaran",),
    "indikator": ("Indikator Kinerja", "Uraian", "IKU", "Indikator"),
    "cara_penghitungan": ("Cara Perhitungan", "Perhitungan", "Formula"),
}

KOLOM_EXCEL_IKU = TabelExcel(
    kolom=(
        KolomExcel("No", "nomor", JenisKolom.NOMOR, lebar=6),
        *(
            KolomExcel(
                judul,
                nama,
                JenisKolom.TARGET if nama == "target" else JenisKolom.TEKS,
                lebar=LEBAR_EXCEL_IKU[nama],
                opsional=True,
                judul_lain=JUDUL_LAIN_IKU.get(nama, ()),
            )
            for nama, judul in KOLOM_IKU
        ),
    ),
    nama_lembar="IKU",
    # Rows stored flat, printed under their program's group row (indikator.selectors).
    kunci_kelompok="program",
    # A row without No and sasaran continues the one above: their cells span both.
    lanjutan=("nomor", "sasaran"),
    gabung=("nomor", "sasaran"),
)

IKU = JenisTerdaftar(
    kode="IKU",
    label="Indikator Kinerja Utama",
    tingkat=(TINGKAT_IKU,),
    baca_baris=baris_iku_data,
    ganti_baris=lambda dokumen, baris: baris_iku_ganti(dokumen=dokumen, baris=baris),
    kunci_anak=None,
    pihak_ttd=(PihakTtd(PihakTandaTangan.PENANDATANGAN, Jabatan.KETUA),),
    label_bagian=label_bagian_iku,
    tabel=tabel_iku,
    template_tabel="indikator/_tabel_iku.html",
    # Stored flat, edited as program groups (indikator.baris converts).
    formset=editor_berkelompok(
        BarisIkuForm,
        KelompokProgramForm,
        formset_sasaran=KelompokProgramFormSet,
        nama_kelompok="kelompok program",
        kunci_anak=KUNCI_ANAK_IKU,
    ),
    ke_form=iku_ke_form,
    dari_form=iku_dari_form,
    serializer_baris=BarisIkuSerializer,
    serializer_isian=BarisIkuIsianSerializer,
    template_pdf="pdf/iku.html",
    konteks_pdf=konteks_pdf_iku,
    dengan_tupoksi=True,
    inline_admin=BarisIkuInline,
    # Readers get the IKU rows as one table rather than one form per row.
    inline_admin_baca=BarisIkuTabelInline,
    cari_admin=("baris_iku__indikator",),
    kolom_excel=KOLOM_EXCEL_IKU,
)
