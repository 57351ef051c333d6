"""The TW report as a PDF: "Laporan Pengukuran Kinerja Triwulan N Tahun YYYY" of one satker
(templates/pdf/pengukuran.html, on the shared print base and the PK's kop).

Without `url_verifikasi` it is a draft (the DRAF watermark, today's date on the signature
line); with it, the version about to be signed (the footer naming the certificate's issuer,
the QR code to the verification page). A signed report is served as stored, never rendered
again (`pdf_laporan`).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from dokumen.kotak import ID_KOTAK_TTD, HasilRender
from dokumen.pdf import html_ke_pdf, qr_verifikasi
from dokumen.tte import InfoSertifikat, pernyataan_tte
from kpu_kinerja.formats import tanggal_panjang
from pengukuran.laporan import SasaranLaporan, isi_laporan
from pengukuran.models import LaporanTriwulan
from pengukuran.pdf_serapan import konteks_serapan
from perjanjian_kinerja.models import NAMA_TRIWULAN
from perjanjian_kinerja.pdf import baris_kop

TEMPLATE = "pdf/pengukuran.html"

# A block (a sasaran's merged cells over its indicators) is kept on one page; a sasaran of
# more indicators than this is printed as several blocks, each naming its sasaran, so a page
# never opens with the merged cells empty. Six rows with long kendala texts fit a landscape page.
INDIKATOR_PER_BLOK = 6


@dataclass(frozen=True)
class Kepala:
    """What the shared signature block (pdf/_tanda_tangan.html) reads as `dokumen`."""

    tempat_ttd: str


@dataclass(frozen=True)
class BlokCetak:
    nomor: str
    sasaran: str
    baris: list
    lanjutan: bool = False


def blok_cetak(sasaran: list[SasaranLaporan]) -> list[BlokCetak]:
    blok = []
    for s in sasaran:
        potongan = [
            s.baris[awal : awal + INDIKATOR_PER_BLOK]
            for awal in range(0, len(s.baris), INDIKATOR_PER_BLOK)
        ]
        blok += [
            BlokCetak(s.nomor, s.sasaran, baris, lanjutan=ke > 0)
            for ke, baris in enumerate(potongan)
        ]
    return blok


def render_html(
    laporan: LaporanTriwulan,
    *,
    pejabat: Any,
    tanggal: datetime.date | None = None,
    url_verifikasi: str | None = None,
    sertifikat: tuple[InfoSertifikat, ...] = (),
) -> str:
    """The print page. `pejabat` is whom the block names (the official, or the signature
    record about to be signed); `tanggal` the signing date (today by default)."""
    isi = isi_laporan(laporan)
    satker = laporan.satker
    konteks: dict[str, Any] = {
        "laporan": laporan,
        "isi": isi,
        "blok": blok_cetak(isi.sasaran),
        "nama_tw": NAMA_TRIWULAN[laporan.tw],
        "satker": satker,
        "baris_kop": baris_kop(satker.nama_lengkap),
        "dokumen": Kepala(tempat_ttd=satker.kota_ttd),
        "tanggal_ttd": tanggal_panjang(tanggal or timezone.localdate()),
        "pejabat": pejabat,
        "draf": url_verifikasi is None,
        "url_verifikasi": url_verifikasi,
        "id_kotak_ttd": ID_KOTAK_TTD,
        "serapan": konteks_serapan(laporan),
    }
    if url_verifikasi is not None:
        konteks["pernyataan_tte"] = pernyataan_tte(sertifikat)
        konteks["qr_verifikasi"] = qr_verifikasi(url_verifikasi)
    return render_to_string(TEMPLATE, konteks)


def render_pdf(laporan: LaporanTriwulan, **kwargs: Any) -> HasilRender:
    """The PDF of `render_html` and where the signature box landed."""
    return html_ke_pdf(render_html(laporan, **kwargs), jumlah_pihak=1)


def nama_berkas(laporan: LaporanTriwulan, *, draf: bool) -> str:
    nama = f"{laporan.satker.kode}-pengukuran-{laporan.tahun}-tw{laporan.tw}.pdf"
    return f"draf-{nama}" if draf else nama


def pdf_laporan(laporan: LaporanTriwulan) -> bytes:
    """The stored signed PDF once signed (never re-rendered); else a fresh DRAF render."""
    from pengukuran.ttd import berkas_laporan, penandatangan_laporan

    berkas = berkas_laporan(laporan)
    if berkas is not None:
        with berkas.berkas_pdf.open("rb") as f:
            return f.read()
    return render_pdf(laporan, pejabat=penandatangan_laporan(laporan)).pdf
