"""Which table a document shows, by type: one place that the page and the PDF both ask."""

from dataclasses import dataclass
from typing import Any

from dokumen.models import Dokumen, JenisDokumen
from indikator.selectors import tabel_iku
from rencana_aksi.selectors import tabel_rak, tabel_rkt


@dataclass(frozen=True)
class TabelDokumen:
    template: str
    isi: Any


def tabel_dokumen(dokumen: Dokumen) -> TabelDokumen:
    if dokumen.jenis == JenisDokumen.IKU:
        return TabelDokumen("indikator/_tabel_iku.html", tabel_iku(dokumen))
    if dokumen.jenis == JenisDokumen.RKT:
        return TabelDokumen("rencana_aksi/_tabel_rkt.html", tabel_rkt(dokumen))
    if dokumen.jenis == JenisDokumen.RAK:
        return TabelDokumen("rencana_aksi/_tabel_rak.html", tabel_rak(dokumen))
    raise ValueError(f"Jenis dokumen tidak dikenal: {dokumen.jenis}")
