"""Writes of RKT and RAK rows: a document's sasaran and their rows, saved as a whole by key.

Rows and sasaran named by their `kunci` are updated in place (a row may move to another
sasaran), the others created, those not named deleted: the rule of dokumen.baris, one for every
type. Rows are validated field by field; their check constraints are left to the database,
which refuses the whole save on a violation. (Django would run one SELECT per row and
constraint; the row forms give the user the same rules as messages.)
"""

from typing import Any

from django.db import transaction

from dokumen.baris import Tingkat, ganti_berkelompok, teks
from dokumen.models import Dokumen
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from rencana_aksi.selectors import data_baris_rak, data_indikator_rkt, data_sasaran


def _isi_sasaran(data: dict[str, Any]) -> dict[str, Any]:
    return {"nomor": teks(data, "nomor"), "sasaran": teks(data, "sasaran")}


def _isi_indikator(data: dict[str, Any]) -> dict[str, Any]:
    return {kolom: teks(data, kolom) for kolom in ("indikator", "target", "kegiatan_aksi")}


def _isi_baris_rak(data: dict[str, Any]) -> dict[str, Any]:
    """A RAK row's `triwulan` lists the quarters ticked (1–4); `anggaran` is whole Rupiah."""
    triwulan = set(data.get("triwulan") or [])
    kolom = ("indikator", "target", "kegiatan", "target_kegiatan_aksi", "pelaksana")
    return {k: teks(data, k) for k in kolom} | {
        "tw1": 1 in triwulan,
        "tw2": 2 in triwulan,
        "tw3": 3 in triwulan,
        "tw4": 4 in triwulan,
        "anggaran": data.get("anggaran"),
    }


TINGKAT_RKT = (
    Tingkat(model=SasaranRkt, induk="dokumen", isi=_isi_sasaran, data=data_sasaran),
    Tingkat(model=IndikatorRkt, induk="sasaran", isi=_isi_indikator, data=data_indikator_rkt),
)
TINGKAT_RAK = (
    Tingkat(model=SasaranRak, induk="dokumen", isi=_isi_sasaran, data=data_sasaran),
    Tingkat(model=BarisRak, induk="sasaran", isi=_isi_baris_rak, data=data_baris_rak),
)


@transaction.atomic
def rkt_ganti(*, dokumen: Dokumen, sasaran: list[dict[str, Any]]) -> list[SasaranRkt]:
    """Save the RKT's sasaran; each dict has nomor, sasaran and a list `indikator`."""
    induk, anak = TINGKAT_RKT
    return ganti_berkelompok(
        dokumen=dokumen, sasaran=induk, anak=anak, kunci_anak="indikator", data=sasaran
    )


@transaction.atomic
def rak_ganti(*, dokumen: Dokumen, sasaran: list[dict[str, Any]]) -> list[SasaranRak]:
    """Save the RAK's sasaran; each dict has nomor, sasaran and a list `baris`.

    A row's `triwulan` lists the quarters ticked (1–4); `anggaran` is whole Rupiah or None.
    """
    induk, anak = TINGKAT_RAK
    return ganti_berkelompok(
        dokumen=dokumen, sasaran=induk, anak=anak, kunci_anak="baris", data=sasaran
    )
