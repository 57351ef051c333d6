"""Writes of IKU rows (constraints left to the database, as in rencana_aksi.services)."""

from django.db import transaction

from dokumen.models import Dokumen
from indikator.models import BarisIku

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


@transaction.atomic
def baris_iku_ganti(*, dokumen: Dokumen, baris: list[dict[str, str]]) -> list[BarisIku]:
    """Replace every row of the IKU `dokumen` with `baris` (dicts of KOLOM_BARIS_IKU), in order."""
    dokumen.baris_iku.all().delete()
    hasil = []
    for urutan, data in enumerate(baris, start=1):
        nilai = {kolom: (data.get(kolom) or "").strip() for kolom in KOLOM_BARIS_IKU}
        item = BarisIku(dokumen=dokumen, urutan=urutan, **nilai)
        item.baca_target()
        item.full_clean(exclude={"dokumen"}, validate_constraints=False)
        hasil.append(item)
    return BarisIku.objects.bulk_create(hasil)
