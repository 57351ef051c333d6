"""The version of a set of satker's measurement in a year: the cache key of every page and
roll-up built from it, so a cached result is never served after the data changed.

What moves it: a saved figure or report step (each moves its report's `suntingan` and
`diubah`), an opened report, a PK version or its rows (the document's `suntingan` and
`diubah`), a satker's measurement rules (`AturanPengukuran.diubah`). Counts are in the key so a
deletion moves it too. Three small aggregates, whatever the number of satker.
"""

from django.db.models import Count, Max, QuerySet, Sum

from dokumen.models import Dokumen
from pengukuran.models import AturanPengukuran, LaporanTriwulan
from pengukuran.services import JENIS_PK
from satker.models import Satker


def _bagian(nilai: dict) -> str:
    waktu = nilai["t"].timestamp() if nilai["t"] else 0
    return f"{nilai['n']}.{nilai.get('s') or 0}.{waktu}"


def versi_pengukuran(satker: QuerySet[Satker], tahun: int) -> str:
    """The version of the measurement of `satker` (a queryset, used as a subquery) in `tahun`."""
    laporan = LaporanTriwulan.objects.filter(satker__in=satker, tahun=tahun).aggregate(
        n=Count("pk"), s=Sum("suntingan"), t=Max("diubah")
    )
    pk = Dokumen.objects.filter(satker__in=satker, tahun=tahun, jenis=JENIS_PK).aggregate(
        n=Count("pk"), s=Sum("suntingan"), t=Max("diubah")
    )
    aturan = AturanPengukuran.objects.filter(satker__in=satker).aggregate(
        n=Count("pk"), t=Max("diubah")
    )
    return ":".join(_bagian(v) for v in (laporan, pk, aturan))
