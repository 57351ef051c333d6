"""The one access rule: which satker a user may see, and which they may change.

Views, the API, the admin and PDF export all ask these functions; none of them filters satker
on its own. An object outside a user's reach answers 404 (its existence is not revealed).
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from satker.models import Peran, ProfilPengguna, Satker

Pengguna = AbstractBaseUser | AnonymousUser


def profil_pengguna(user: Pengguna) -> ProfilPengguna | None:
    if not user.is_authenticated:
        return None
    try:
        return user.profil
    except ProfilPengguna.DoesNotExist:
        return None


def _cakupan(user: Pengguna) -> tuple[str, int | None]:
    """The rule itself: ("semua" | "provinsi" | "satker" | "tidak-ada", the satker's id)."""
    if not user.is_authenticated:
        return "tidak-ada", None
    if user.is_superuser:
        return "semua", None
    profil = profil_pengguna(user)
    if profil is None:
        return "tidak-ada", None
    if profil.peran == Peran.ADMIN_RI:
        return "semua", None
    if profil.peran == Peran.REVIEWER_PROVINSI:
        return "provinsi", profil.satker_id
    return "satker", profil.satker_id


def satker_terlihat(user: Pengguna) -> QuerySet[Satker]:
    """The satker whose data `user` may read."""
    jenis, satker_id = _cakupan(user)
    if jenis == "semua":
        return Satker.objects.all()
    if jenis == "provinsi":
        return Satker.objects.filter(Q(pk=satker_id) | Q(induk_id=satker_id))
    if jenis == "satker":
        return Satker.objects.filter(pk=satker_id)
    return Satker.objects.none()


def kunci_cakupan(user: Pengguna) -> str:
    """A name for the set `satker_terlihat(user)` returns, for cache keys of scoped pages:
    two users with one name see the same satker."""
    jenis, satker_id = _cakupan(user)
    return jenis if satker_id is None else f"{jenis}-{satker_id}"


# Roles that may change a satker's drafts and profile. The Ketua approves and signs but does not
# edit content; reviewers read. Admin RI may act anywhere (support for satker staff).
PERAN_PENULIS = frozenset({Peran.OPERATOR, Peran.SEKRETARIS, Peran.ADMIN_RI})


def boleh_menulis(user: Pengguna, satker: Satker) -> bool:
    """Whether `user` may change data of `satker` (which it must already be allowed to see)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    profil = profil_pengguna(user)
    if profil is None or profil.peran not in PERAN_PENULIS:
        return False
    return profil.peran == Peran.ADMIN_RI or profil.satker_id == satker.pk


def satker_sendiri(user: Pengguna) -> Satker | None:
    """The satker a satker-level user (Operator, Ketua, Sekretaris) works for, else None."""
    profil = profil_pengguna(user)
    if profil is None or profil.peran in (Peran.REVIEWER_PROVINSI, Peran.ADMIN_RI):
        return None
    return profil.satker


def pastikan_boleh_menulis(user: Pengguna, satker: Satker) -> None:
    """Raise 403 unless `user` may change `satker`'s data; call after the 404 check."""
    if not boleh_menulis(user, satker):
        raise PermissionDenied("Peran Anda tidak berhak mengubah data satker ini.")


def adalah_admin_ri(user: Pengguna) -> bool:
    """Admin RI (or a superuser): the national role."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    profil = profil_pengguna(user)
    return profil is not None and profil.peran == Peran.ADMIN_RI


def boleh_impor_satker(user: Pengguna) -> bool:
    """Whether `user` may import the national satker list: Admin RI (and superusers) only."""
    return adalah_admin_ri(user)


def pastikan_boleh_impor_satker(user: Pengguna) -> None:
    if not boleh_impor_satker(user):
        raise PermissionDenied("Hanya Admin RI yang dapat mengimpor daftar satker.")
