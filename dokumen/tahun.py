"""The planning year: the one rule every home page and the progress matrix open on, and the
years they offer to switch to.

One query whatever the number of documents: per year of the user's scope, its documents and
how many are not yet published, which gives both the year under way and the years offered.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from dokumen.models import Dokumen, StatusDokumen
from satker.akses import Pengguna, satker_sendiri, satker_terlihat
from satker.models import Satker, Tingkat

TAHUN_MIN, TAHUN_MAKS = 2000, 2100  # a `?tahun=` outside is ignored, as one not a number


def _cakupan(user: Pengguna) -> QuerySet[Satker]:
    """The satker whose documents decide the user's year: a satker's staff their own satker;
    a reviewer or Admin RI the visible Kabupaten/Kota satker, as the matrix counts them."""
    sendiri = satker_sendiri(user)
    if sendiri is not None:
        return Satker.objects.filter(pk=sendiri.pk)
    return satker_terlihat(user).filter(tingkat=Tingkat.KABKOTA)


def tahun_kalender(hari: datetime.date | None = None) -> int:
    """The year being prepared when nothing is in progress: the next one in December, when the
    budget (DIPA) is handed over and the January signing is near (the seeds are signed 2–31
    January); else this year. The application records no deadlines."""
    hari = hari or timezone.localdate()
    return hari.year + 1 if hari.month == 12 else hari.year


@dataclass(frozen=True)
class PilihanTahun:
    tahun: int  # the year shown: the one asked for, else `berjalan`
    berjalan: int  # the planning year under way
    pilihan: list[int]  # offered, newest first: every year with a document, `berjalan` and `tahun`


def _per_tahun(user: Pengguna) -> dict[int, int]:
    """Every year with a document in the user's scope → its documents not yet published."""
    return dict(
        Dokumen.objects.filter(satker__in=_cakupan(user))
        .values("tahun")
        .annotate(belum_terbit=Count("pk", filter=~Q(status=StatusDokumen.TERBIT)))
        .order_by()
        .values_list("tahun", "belum_terbit")
    )


def _berjalan(per_tahun: dict[int, int], hari: datetime.date | None) -> int:
    dikerjakan = [(jumlah, tahun) for tahun, jumlah in per_tahun.items() if jumlah]
    return max(dikerjakan)[1] if dikerjakan else tahun_kalender(hari)


def pilihan_tahun(
    user: Pengguna, diminta: int | None = None, hari: datetime.date | None = None
) -> PilihanTahun:
    """The planning year under way for `user`, the year to show and the years to offer.

    The year under way is the one with the most documents in progress (any version not yet
    published: draft, submitted, approved) among the satker of the user's scope (`_cakupan`); of
    equals, the newest. So next year's first copies do not hide this year's unfinished work,
    and a satker's operator and its provinsi's reviewer agree once the satker is most of the
    provinsi's work. With nothing in progress: `tahun_kalender`.
    """
    per_tahun = _per_tahun(user)
    berjalan = _berjalan(per_tahun, hari)
    tahun = diminta if diminta is not None else berjalan
    return PilihanTahun(tahun, berjalan, sorted({*per_tahun, berjalan, tahun}, reverse=True))


def tahun_perencanaan(user: Pengguna, hari: datetime.date | None = None) -> int:
    """The planning year under way for `user` (the rule: `pilihan_tahun`)."""
    return _berjalan(_per_tahun(user), hari)


def tahun_diminta(nilai: str | None) -> int | None:
    """A `?tahun=` value as a year, or None when it is not one (then the year under way)."""
    nilai = (nilai or "").strip()
    if not (nilai.isascii() and nilai.isdigit()) or not TAHUN_MIN <= int(nilai) <= TAHUN_MAKS:
        return None
    return int(nilai)
