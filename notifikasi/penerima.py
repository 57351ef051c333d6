"""Who hears of what: the accounts by role around one satker, always inside the access rule.

Every set goes through `_dalam_jangkauan`, the same reach `satker.akses.satker_terlihat`
grants (the satker's own accounts, its provinsi's reviewers, Admin RI), so nobody is told
about a document they could not open.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from satker.models import Peran, Satker

STAF = (Peran.OPERATOR, Peran.SEKRETARIS, Peran.KETUA)
PENULIS = (Peran.OPERATOR, Peran.SEKRETARIS)


def _dalam_jangkauan(users: QuerySet, satker: Satker) -> QuerySet:
    jangkauan = (
        Q(is_superuser=True)
        | Q(profil__peran=Peran.ADMIN_RI)
        | Q(profil__satker_id=satker.pk)
        | Q(profil__peran=Peran.REVIEWER_PROVINSI, profil__satker_id=satker.induk_id)
    )
    return users.filter(jangkauan, is_active=True)


def _akun() -> QuerySet:
    return get_user_model().objects.all()


def staf_satker(satker: Satker, peran=STAF) -> QuerySet:
    """The satker's own accounts holding one of `peran`."""
    return _dalam_jangkauan(_akun().filter(profil__satker=satker, profil__peran__in=peran), satker)


def reviewer_satker(satker: Satker) -> QuerySet:
    """The reviewers of the satker's provinsi (none for KPU RI itself)."""
    if satker.induk_id is None:
        return _akun().none()
    akun = _akun().filter(profil__peran=Peran.REVIEWER_PROVINSI, profil__satker_id=satker.induk_id)
    return _dalam_jangkauan(akun, satker)


def akun_pejabat(satker: Satker, pejabat_id: int | None) -> QuerySet:
    """The account that signs as official `pejabat_id` of the satker (dokumen.penandatanganan's
    rule: the profile's official and satker both match)."""
    if pejabat_id is None:
        return _akun().none()
    akun = _akun().filter(profil__satker=satker, profil__pejabat_id=pejabat_id)
    return _dalam_jangkauan(akun, satker)


def akun_ini(satker: Satker, user_id: int | None) -> QuerySet:
    """One account, if it still reaches the satker (a review note's author)."""
    if user_id is None:
        return _akun().none()
    return _dalam_jangkauan(_akun().filter(pk=user_id), satker)
