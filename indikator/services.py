"""Writes of IKU rows: saved by key, in place (dokumen.baris), constraints left to the database."""

from typing import Any

from django.db import transaction

from dokumen.baris import Tingkat, ganti_rata, teks
from dokumen.models import Dokumen
from indikator.models import BarisIku
from indikator.selectors import data_baris_iku

KOLOM_BARIS_IKU = (
    "program",
    "nomor",
    "sasaran",
    "indikator",
    "cara_penghitungan",
    "target",
    "sumber_data",
    "keterangan",
)


def _isi(data: dict[str, Any]) -> dict[str, str]:
    return {kolom: teks(data, kolom) for kolom in KOLOM_BARIS_IKU}


TINGKAT_IKU = Tingkat(model=BarisIku, induk="dokumen", isi=_isi, data=data_baris_iku)


@transaction.atomic
def baris_iku_ganti(*, dokumen: Dokumen, baris: list[dict[str, Any]]) -> list[BarisIku]:
    """Save `baris` (dicts of KOLOM_BARIS_IKU, each with its `kunci` when it has one) as every
    row of the IKU `dokumen`, in order: rows named by key are updated in place, the others
    created, rows not named deleted (dokumen.baris)."""
    return ganti_rata(dokumen=dokumen, tingkat=TINGKAT_IKU, baris=baris)
