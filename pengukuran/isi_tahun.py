"""The body of a satker's measurement page for a year (the quarters' status, the table of
indicators × TW I–IV and the charts), rendered once per version of its data.

It is most of the page's work (the engine on every cell, an SVG chart per indicator) and is
read far more often than the figures change. The key holds the data's version
(`versi_pengukuran`), the quarters that have ended and whether the reader may write, so any
cache (per process or shared) serves only what the reader would get freshly built.
"""

import zlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from pengukuran.selectors import pk_tahun, tabel_pengukuran
from pengukuran.versi import versi_pengukuran
from satker.models import Satker

# A day: the key changes with every save, so an old entry is never served, only left to expire.
UMUR_CACHE_TAHUN = 24 * 3600


def kunci_tahun(satker: Satker, tahun: int, *, sampai_tw: int, boleh_tulis: bool) -> str:
    versi = versi_pengukuran(Satker.objects.filter(pk=satker.pk), tahun)
    nama = zlib.crc32(satker.nama.encode())  # the body names the satker; a key has no spaces
    return f"pengukuran-tahun:{satker.pk}:{nama:x}:{tahun}:{sampai_tw}:{boleh_tulis:d}:{versi}"


def isi_tahun_html(satker: Satker, tahun: int, *, sampai_tw: int, boleh_tulis: bool) -> SafeString:
    kunci = kunci_tahun(satker, tahun, sampai_tw=sampai_tw, boleh_tulis=boleh_tulis)
    html = cache.get(kunci)
    if html is None:
        tabel = tabel_pengukuran(satker, tahun, sampai_tw=sampai_tw)
        context = {
            "satker": satker,
            "tabel": tabel,
            "boleh_tulis": boleh_tulis,
            "kategori": tabel.aturan.kategori,
            "pk_lain": None if tabel.pk else pk_tahun(satker, tahun),
        }
        html = render_to_string("pengukuran/_tahun_isi.html", context)
        cache.set(kunci, html, UMUR_CACHE_TAHUN)
    return mark_safe(html)  # noqa: S308 — rendered by our own autoescaping template
