"""Which table a document shows (from its type's declaration): the page and the PDF both ask."""

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen

# A day: the key changes with every save, so an old entry is never served, only left to expire.
UMUR_CACHE_TABEL = 24 * 3600


@dataclass(frozen=True)
class TabelDokumen:
    template: str
    isi: Any


def tabel_dokumen(dokumen: Dokumen) -> TabelDokumen:
    terdaftar = jenis_terdaftar(dokumen.jenis)
    return TabelDokumen(terdaftar.template_tabel, terdaftar.tabel(dokumen))


def kunci_tabel(dokumen: Dokumen) -> str:
    """Every write of rows saves the document (services and admin alike), so `diubah` moves."""
    return f"tabel-dokumen:{dokumen.pk}:{dokumen.suntingan}:{dokumen.diubah.timestamp()}"


def tabel_dokumen_html(dokumen: Dokumen) -> SafeString:
    """The document's table as the page shows it, rendered once per version of the document.

    The table is most of a document page's work (a RAK is ~300 cells) and changes only when
    the document is saved, while it is read many times around the January deadline. The key
    holds the version, so any cache (per process or shared) serves only the current table.
    """
    kunci = kunci_tabel(dokumen)
    html = cache.get(kunci)
    if html is None:
        tabel = tabel_dokumen(dokumen)
        html = render_to_string(tabel.template, {"tabel": tabel.isi})
        cache.set(kunci, html, UMUR_CACHE_TABEL)
    return mark_safe(html)  # noqa: S308 — rendered by our own autoescaping template
