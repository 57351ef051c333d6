"""The IKU's declaration in the document-type registry (dokumen.jenis), registered in ready()."""

from typing import Any

from dokumen.editor import formset_class
from dokumen.jenis import JenisTerdaftar, PihakTtd
from dokumen.models import PihakTandaTangan
from indikator.admin import BarisIkuInline, BarisIkuTabelInline
from indikator.forms import BarisIkuForm
from indikator.pdf import konteks_pdf_iku
from indikator.selectors import baris_iku_data, tabel_iku
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
    formset=formset_class(BarisIkuForm),
    serializer_baris=BarisIkuSerializer,
    serializer_isian=BarisIkuIsianSerializer,
    template_pdf="pdf/iku.html",
    konteks_pdf=konteks_pdf_iku,
    dengan_tupoksi=True,
    inline_admin=BarisIkuInline,
    # Readers get the IKU rows as one table rather than one form per row.
    inline_admin_baca=BarisIkuTabelInline,
    cari_admin=("baris_iku__indikator",),
)
