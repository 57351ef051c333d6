"""The one access rule: which satker a user may see and change.

Views, the API, the admin and PDF export all ask these functions; none of them filters satker
on its own. An object outside a user's reach answers 404 (its existence is not revealed).
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
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


def satker_terlihat(user: Pengguna) -> QuerySet[Satker]:
    """The satker whose data `user` may read."""
    if not user.is_authenticated:
        return Satker.objects.none()
    if user.is_superuser:
        return Satker.objects.all()
    profil = profil_pengguna(user)
    if profil is None:
        return Satker.objects.none()
    if profil.peran == Peran.ADMIN_RI:
        return Satker.objects.all()
    if profil.peran == Peran.REVIEWER_PROVINSI:
        return Satker.objects.filter(Q(pk=profil.satker_id) | Q(induk_id=profil.satker_id))
    return Satker.objects.filter(pk=profil.satker_id)
