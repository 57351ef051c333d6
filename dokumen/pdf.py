"""The print rendering of a document: an HTML page for WeasyPrint, then the PDF.

`render_html` gives the print page (templates/pdf/); `render_pdf` lays it out with WeasyPrint
and reports where the signature box landed (`KotakTtd`, in PDF points, bottom-left origin), so
a later signing step can draw its stamp there. Without `url_verifikasi` the PDF is a draft
(a "DRAF" watermark on every page); with it, the version about to be signed: every page's
footer names who issued the parties' certificates (`sertifikat`, `dokumen.tte.pernyataan_tte`)
and the verification URL, and a QR code to that URL sits left of the first party's box.

The table rows come from `dokumen.tabel.tabel_dokumen`, the same data the web page shows; the
print template and any context a type adds come from its declaration (`dokumen.jenis`).
"""

import base64
import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from qrcode import QRCode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.image.svg import SvgPathFillImage
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from dokumen.jenis import jenis_terdaftar
from dokumen.kotak import ID_KOTAK_TTD, HasilRender, KotakTtd, id_kotak
from dokumen.models import Dokumen, TandaTangan
from dokumen.selectors import (
    PihakTercetak,
    penandatangan_tercetak_semua,
    pihak_dari_catatan,
    tanggal_ttd_tertulis,
)
from dokumen.tabel import tabel_dokumen
from dokumen.tte import InfoSertifikat, pernyataan_tte
from satker.models import GayaPenomoran, Satker
from satker.selectors import tupoksi_per_jenis

PX_KE_PT = 0.75  # CSS px are 1/96 in, PDF points 1/72 in

logging.getLogger("fontTools").setLevel(logging.ERROR)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def penanda(gaya: str, nomor: int) -> str:
    """The marker of item `nomor` (1-based) in a satker's list style: "3.", "c." or "-"."""
    if gaya == GayaPenomoran.POIN:
        return "-"
    if gaya == GayaPenomoran.HURUF:
        huruf = ""
        while nomor:
            nomor, sisa = divmod(nomor - 1, 26)
            huruf = chr(ord("a") + sisa) + huruf
        return f"{huruf}."
    return f"{nomor}."


def daftar_tupoksi(satker: Satker) -> list[tuple[str, list[tuple[str, str]]]]:
    """The tupoksi lists, for a type printed `dengan_tupoksi` (the IKU), as (title, [(marker,
    text)]); a single item gets no marker, as it reads as a paragraph on paper. Markers are real
    text, printed before their item."""
    return [
        (
            judul,
            [
                ("" if len(butir) == 1 else penanda(satker.gaya_penomoran, nomor), item.teks)
                for nomor, item in enumerate(butir, start=1)
            ],
        )
        for judul, butir in tupoksi_per_jenis(satker).items()
    ]


def _pihak_cetak(
    dokumen: Dokumen, tanda_tangan: Sequence[TandaTangan] | None
) -> list[PihakTercetak]:
    """The parties the block prints: the records about to be signed when given, else whom
    `penandatangan_tercetak_semua` names."""
    if tanda_tangan:
        return pihak_dari_catatan(dokumen, tanda_tangan)
    return penandatangan_tercetak_semua(dokumen)


def qr_verifikasi(url: str) -> str:
    """A QR code of `url` as an SVG data URI, without quiet zone (the page's white around it
    is one): vector, so it stays sharp at any print or scan resolution."""
    qr = QRCode(error_correction=ERROR_CORRECT_M, border=0, image_factory=SvgPathFillImage)
    qr.add_data(url)
    qr.make(fit=True)
    svg = qr.make_image().to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def _konteks(
    dokumen: Dokumen,
    url_verifikasi: str | None,
    tanda_tangan: Sequence[TandaTangan] | None,
    sertifikat: Sequence[InfoSertifikat],
) -> dict[str, Any]:
    terdaftar = jenis_terdaftar(dokumen.jenis)
    tabel = tabel_dokumen(dokumen).isi
    kolom = _pihak_cetak(dokumen, tanda_tangan)
    konteks: dict[str, Any] = {
        "dokumen": dokumen,
        "satker": dokumen.satker,
        "pejabat": kolom[0].penanda,  # the one-party block
        # Several parties print side by side, right to left in signing order: the first party
        # keeps the right-hand place of a single signature (the PK: Pihak Kedua left, Pihak
        # Pertama right).
        "kolom_ttd": kolom[::-1],
        "tanggal_ttd": tanggal_ttd_tertulis(dokumen),
        "tabel": tabel,
        "draf": url_verifikasi is None,
        "url_verifikasi": url_verifikasi,
        "id_kotak_ttd": ID_KOTAK_TTD,
    }
    if url_verifikasi is not None:
        konteks["pernyataan_tte"] = pernyataan_tte(sertifikat)
        konteks["qr_verifikasi"] = qr_verifikasi(url_verifikasi)
    if terdaftar.dengan_tupoksi:
        konteks["tupoksi"] = daftar_tupoksi(dokumen.satker)
    konteks.update(terdaftar.konteks_pdf(dokumen, tabel))
    return konteks


def render_html(
    dokumen: Dokumen,
    *,
    url_verifikasi: str | None = None,
    tanda_tangan: Sequence[TandaTangan] | None = None,
    sertifikat: Sequence[InfoSertifikat] = (),
) -> str:
    """The print page of `dokumen`: a draft without `url_verifikasi`, else the page to sign.

    `tanda_tangan` is the signature records about to be signed, one per party in signing order,
    so the printed block shows exactly what the records keep; `sertifikat`, the certificates
    they sign with (required with `url_verifikasi`: the footer names their issuer).
    """
    template = jenis_terdaftar(dokumen.jenis).template_pdf
    konteks = _konteks(dokumen, url_verifikasi, tanda_tangan, sertifikat)
    return render_to_string(template, konteks)


def render_pdf(
    dokumen: Dokumen,
    *,
    url_verifikasi: str | None = None,
    tanda_tangan: Sequence[TandaTangan] | None = None,
    sertifikat: Sequence[InfoSertifikat] = (),
) -> HasilRender:
    """The PDF of `dokumen` and where each party's signature box landed (None for a party with
    nobody to sign yet)."""
    html = render_html(
        dokumen, url_verifikasi=url_verifikasi, tanda_tangan=tanda_tangan, sertifikat=sertifikat
    )
    jumlah = len(jenis_terdaftar(dokumen.jenis).pihak_ttd)
    if tanda_tangan:
        jumlah = max(jumlah, len(tanda_tangan))
    return html_ke_pdf(html, jumlah_pihak=jumlah)


def html_ke_pdf(html: str, *, jumlah_pihak: int) -> HasilRender:
    """Lay out a print page (any signed kind's: a document, a TW report) and find the boxes of
    its `jumlah_pihak` signing parties (None for a party printed without a box)."""
    # Everything the page needs is inline or a system font; never reach out to the network.
    fetcher = URLFetcher(allowed_protocols=("data", "file"), timeout=5)
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).render()
    # A box is printed (with its id) only for a party with somebody to sign.
    kotak = tuple(_kotak_ttd(document, id_kotak(urutan)) for urutan in range(1, jumlah_pihak + 1))
    return HasilRender(
        pdf=document.write_pdf(), jumlah_halaman=len(document.pages), kotak_pihak=kotak
    )


def _kotak_ttd(document: Any, id_html: str) -> KotakTtd | None:
    """The signature box with HTML id `id_html` in PDF points, origin at the page's
    bottom-left."""
    for indeks, halaman in enumerate(document.pages):
        posisi = halaman.anchors.get(id_html)
        if posisi is None:
            continue
        x1, y1, x2, y2 = posisi
        tinggi = halaman.height * PX_KE_PT
        return KotakTtd(
            halaman=indeks,
            x1=x1 * PX_KE_PT,
            y1=tinggi - y2 * PX_KE_PT,
            x2=x2 * PX_KE_PT,
            y2=tinggi - y1 * PX_KE_PT,
        )
    return None
