"""Writes of RKT and RAK rows: a document's sasaran and their rows are replaced as a whole.

Rows are validated field by field; their check constraints are left to the database, which
refuses the whole save on a violation. (Django would run one SELECT per row and constraint;
the row forms give the user the same rules as messages.)
"""

from typing import Any

from django.db import transaction

from dokumen.models import Dokumen
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt


def _teks(data: dict[str, Any], kunci: str) -> str:
    return (data.get(kunci) or "").strip()


@transaction.atomic
def rkt_ganti(*, dokumen: Dokumen, sasaran: list[dict[str, Any]]) -> list[SasaranRkt]:
    """Replace the RKT's sasaran; each dict has nomor, sasaran and a list `indikator`."""
    dokumen.sasaran_rkt.all().delete()
    hasil = []
    for urutan, data in enumerate(sasaran, start=1):
        item = SasaranRkt(
            dokumen=dokumen,
            urutan=urutan,
            nomor=_teks(data, "nomor"),
            sasaran=_teks(data, "sasaran"),
        )
        item.full_clean(exclude={"dokumen"}, validate_constraints=False)
        item.save()
        indikator = []
        for urutan_indikator, baris in enumerate(data.get("indikator") or [], start=1):
            row = IndikatorRkt(
                sasaran=item,
                urutan=urutan_indikator,
                indikator=_teks(baris, "indikator"),
                target=_teks(baris, "target"),
                kegiatan_aksi=_teks(baris, "kegiatan_aksi"),
            )
            row.baca_target()
            row.full_clean(exclude={"sasaran"}, validate_constraints=False)
            indikator.append(row)
        IndikatorRkt.objects.bulk_create(indikator)
        hasil.append(item)
    return hasil


@transaction.atomic
def rak_ganti(*, dokumen: Dokumen, sasaran: list[dict[str, Any]]) -> list[SasaranRak]:
    """Replace the RAK's sasaran; each dict has nomor, sasaran and a list `baris`.

    A row's `triwulan` lists the quarters ticked (1–4); `anggaran` is whole Rupiah or None.
    """
    dokumen.sasaran_rak.all().delete()
    hasil = []
    for urutan, data in enumerate(sasaran, start=1):
        item = SasaranRak(
            dokumen=dokumen,
            urutan=urutan,
            nomor=_teks(data, "nomor"),
            sasaran=_teks(data, "sasaran"),
        )
        item.full_clean(exclude={"dokumen"}, validate_constraints=False)
        item.save()
        rows = []
        for urutan_baris, baris in enumerate(data.get("baris") or [], start=1):
            triwulan = set(baris.get("triwulan") or [])
            row = BarisRak(
                sasaran=item,
                urutan=urutan_baris,
                indikator=_teks(baris, "indikator"),
                target=_teks(baris, "target"),
                kegiatan=_teks(baris, "kegiatan"),
                target_kegiatan_aksi=_teks(baris, "target_kegiatan_aksi"),
                tw1=1 in triwulan,
                tw2=2 in triwulan,
                tw3=3 in triwulan,
                tw4=4 in triwulan,
                anggaran=baris.get("anggaran"),
                pelaksana=_teks(baris, "pelaksana"),
            )
            row.baca_target()
            row.full_clean(exclude={"sasaran"}, validate_constraints=False)
            rows.append(row)
        BarisRak.objects.bulk_create(rows)
        hasil.append(item)
    return hasil
