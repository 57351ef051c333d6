"""Reads: a user's notifications, the bell's count, the switches."""

from collections.abc import Iterable

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from notifikasi.models import JenisNotifikasi, Notifikasi, PengaturanNotifikasi, Saluran
from satker.akses import Pengguna


def notifikasi_pengguna(user: Pengguna) -> QuerySet[Notifikasi]:
    """`user`'s own notifications, newest first (nobody reads another's)."""
    return Notifikasi.objects.filter(penerima_id=user.pk).order_by("-dibuat", "-pk")


def notifikasi_ambil(user: Pengguna, pk: int) -> Notifikasi | None:
    return notifikasi_pengguna(user).filter(pk=pk).first()


def jumlah_belum_dibaca(user: Pengguna) -> int:
    """The bell's number. The per-request user read (notifikasi.backends) carries it as an
    annotation (`dengan_belum_dibaca`), so a page normally pays no query for it."""
    sudah = getattr(user, "notifikasi_belum_dibaca", None)
    if sudah is not None:
        return sudah
    return Notifikasi.objects.filter(penerima_id=user.pk, dibaca_pada__isnull=True).count()


def dengan_belum_dibaca(users: QuerySet) -> QuerySet:
    """`users` annotated with their unread count, as a subquery of the same read."""
    belum = (
        Notifikasi.objects.filter(penerima_id=OuterRef("pk"), dibaca_pada__isnull=True)
        .order_by()
        .values("penerima_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return users.annotate(notifikasi_belum_dibaca=Coalesce(Subquery(belum), 0))


def saluran_mati(user_ids: Iterable[int], jenis: str) -> set[tuple[int, str]]:
    """(user id, channel) pairs switched off for `jenis`, for many users in one query."""
    return set(
        PengaturanNotifikasi.objects.filter(
            user_id__in=list(user_ids), jenis=jenis, aktif=False
        ).values_list("user_id", "saluran")
    )


def pengaturan_pengguna(user: Pengguna) -> dict[tuple[str, str], bool]:
    """Every (kind, channel) switch of `user`: on unless a row turns it off."""
    mati = set(
        PengaturanNotifikasi.objects.filter(user_id=user.pk, aktif=False).values_list(
            "jenis", "saluran"
        )
    )
    return {(j, s): (j, s) not in mati for j in JenisNotifikasi.values for s in Saluran.values}
