"""Bulk reads shared by the provinsi matrix and the roll-up: for many satker at once, the PK in
force of a year, its indicators, every quarter's figures and the satker's rules.

Four queries whatever the number of satker, indicators and quarters; figures come back as
small tuples, not model instances (a national roll-up reads tens of thousands of them).
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import F

from dokumen.models import Dokumen, StatusDokumen
from pengukuran.capaian import ATURAN_BAWAAN, Aturan
from pengukuran.models import AturanPengukuran, BatasCapaian, Realisasi
from pengukuran.services import JENIS_PK
from perjanjian_kinerja.models import IndikatorPk


class Isian(NamedTuple):
    """One quarter's figure, with the attributes `selectors._baris` reads from a Realisasi."""

    nilai: Decimal | None
    nilai_skala: str
    tidak_terukur: bool
    pembilang: Decimal | None
    penyebut: Decimal | None


@dataclass
class DataSatker:
    """A satker's year: its published PK's indicators and figures keyed (indicator key, TW)."""

    pk_id: int | None = None
    indikator: list[IndikatorPk] = field(default_factory=list)
    isian: dict[tuple[uuid.UUID, int], Isian] = field(default_factory=dict)
    aturan: Aturan = ATURAN_BAWAAN


def _aturan(simpanan: AturanPengukuran) -> Aturan:
    batas = None if simpanan.batas == BatasCapaian.TANPA else Decimal(simpanan.batas)
    return Aturan(batas=batas, skor_tidak_tercapai=simpanan.skor_tidak_tercapai)


def muat_pengukuran(satker_ids: list[int], tahun: int) -> dict[int, DataSatker]:
    """{satker id: DataSatker} for `satker_ids` in `tahun` (a satker without a published PK
    has no indicators)."""
    hasil = {pk: DataSatker() for pk in satker_ids}
    # The newest published version per satker: ordered by version, a later one replaces.
    for satker_id, pk_id in (
        Dokumen.objects.filter(
            satker_id__in=satker_ids, jenis=JENIS_PK, tahun=tahun, status=StatusDokumen.TERBIT
        )
        .order_by("versi")
        .values_list("satker_id", "pk")
    ):
        hasil[satker_id].pk_id = pk_id
    pemilik = {data.pk_id: sid for sid, data in hasil.items() if data.pk_id is not None}
    for indikator in (
        IndikatorPk.objects.filter(sasaran__dokumen_id__in=list(pemilik))
        .annotate(dokumen_id=F("sasaran__dokumen_id"))
        .order_by("sasaran__dokumen_id", "sasaran__urutan", "urutan")
    ):
        hasil[pemilik[indikator.dokumen_id]].indikator.append(indikator)
    # A PK Perubahan keeps its rows' keys: a quarter reported against an earlier version of
    # the year is found by its indicator's key (as selectors.tabel_pengukuran does).
    for satker_id, kunci, tw, *isian in Realisasi.objects.filter(
        laporan__satker_id__in=list(pemilik.values()),
        laporan__tahun=tahun,  # a realisasi's indicator is always a PK row
    ).values_list(
        "laporan__satker_id",
        "indikator__kunci",
        "laporan__tw",
        "nilai",
        "nilai_skala",
        "tidak_terukur",
        "pembilang",
        "penyebut",
    ):
        hasil[satker_id].isian[(kunci, tw)] = Isian(*isian)
    for simpanan in AturanPengukuran.objects.filter(satker_id__in=list(pemilik.values())):
        hasil[simpanan.satker_id].aturan = _aturan(simpanan)
    return hasil
