"""Reads of RKT and RAK rows, shaped the way the paper tables show them."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from dokumen.baris import dengan_asal, kunci_asal
from dokumen.models import Dokumen
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt


def tabel_rkt(dokumen: Dokumen) -> list[SasaranRkt]:
    """Sasaran in order, each with `.indikator.all()` prefetched in order; one without rows (a
    draft's) is kept, for the table to mark."""
    return list(
        SasaranRkt.objects.filter(dokumen=dokumen)
        .order_by("urutan")
        .prefetch_related(Prefetch("indikator", queryset=IndikatorRkt.objects.order_by("urutan")))
    )


@dataclass
class SelRak:
    """A RAK row plus how many rows its indikator and target cells span (0: merged above)."""

    baris: BarisRak
    rentang_indikator: int = 1


@dataclass
class SasaranRakTampil:
    sasaran: SasaranRak
    baris: list[SelRak]


def tabel_rak(dokumen: Dokumen) -> list[SasaranRakTampil]:
    """Sasaran in order with their rows; a row without indikator joins the indikator above. A
    sasaran without rows (a draft's) is kept, for the table to mark."""
    hasil = []
    sasaran_semua = (
        SasaranRak.objects.filter(dokumen=dokumen)
        .order_by("urutan")
        .prefetch_related(Prefetch("baris", queryset=BarisRak.objects.order_by("urutan")))
    )
    for sasaran in sasaran_semua:
        sel: list[SelRak] = []
        for baris in sasaran.baris.all():
            if not baris.indikator and sel:
                next(s for s in reversed(sel) if s.rentang_indikator).rentang_indikator += 1
                sel.append(SelRak(baris, rentang_indikator=0))
            else:
                sel.append(SelRak(baris))
        hasil.append(SasaranRakTampil(sasaran, sel))
    return hasil


def total_anggaran(tabel: list[SasaranRakTampil]) -> int:
    return sum(s.baris.anggaran or 0 for t in tabel for s in t.baris)


# One sasaran or row instance's cells in the shared shape, without its key and nested rows
# (for the admin, which edits instances and saves the document's rows with them).


def data_sasaran(sasaran: SasaranRkt | SasaranRak) -> dict[str, Any]:
    return {"nomor": sasaran.nomor, "sasaran": sasaran.sasaran}


def data_indikator_rkt(indikator: IndikatorRkt) -> dict[str, Any]:
    return {
        "indikator": indikator.indikator,
        "target": indikator.target,
        "kegiatan_aksi": indikator.kegiatan_aksi,
    }


def data_baris_rak(baris: BarisRak) -> dict[str, Any]:
    """`triwulan` lists the quarters ticked (1–4), as `rak_ganti` takes it."""
    return {
        "indikator": baris.indikator,
        "target": baris.target,
        "kegiatan": baris.kegiatan,
        "target_kegiatan_aksi": baris.target_kegiatan_aksi,
        "triwulan": [tw for tw, aktif in enumerate(baris.triwulan, start=1) if aktif],
        "anggaran": baris.anggaran,
        "pelaksana": baris.pelaksana,
    }


def rkt_data(dokumen: Dokumen) -> list[dict[str, Any]]:
    """The RKT as nested dicts, the shape `rkt_ganti` takes; every sasaran and indicator with
    its `kunci` and `asal` (dokumen.baris)."""
    sasaran_semua = dengan_asal(SasaranRkt.objects.filter(dokumen=dokumen)).prefetch_related(
        Prefetch("indikator", queryset=dengan_asal(IndikatorRkt.objects.order_by("urutan")))
    )
    return [
        kunci_asal(sasaran)
        | data_sasaran(sasaran)
        | {"indikator": [kunci_asal(i) | data_indikator_rkt(i) for i in sasaran.indikator.all()]}
        for sasaran in sasaran_semua.order_by("urutan")
    ]


def rak_data(dokumen: Dokumen) -> list[dict[str, Any]]:
    """The RAK as nested dicts, the shape `rak_ganti` takes; every sasaran and row with its
    `kunci` and `asal` (dokumen.baris)."""
    sasaran_semua = dengan_asal(SasaranRak.objects.filter(dokumen=dokumen)).prefetch_related(
        Prefetch("baris", queryset=dengan_asal(BarisRak.objects.order_by("urutan")))
    )
    return [
        kunci_asal(sasaran)
        | data_sasaran(sasaran)
        | {"baris": [kunci_asal(b) | data_baris_rak(b) for b in sasaran.baris.all()]}
        for sasaran in sasaran_semua.order_by("urutan")
    ]
