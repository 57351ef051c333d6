"""Who needs a second factor, and what counts as having one.

Those who sign (Ketua, Sekretaris, any account linked to an official) and those who reach the
admin (Admin RI, Reviewer Provinsi, staff) must verify a code from an authenticator app, or a
recovery code, before signing or opening the admin. Anyone may set one up; once set up, it is
asked at every login.
"""

from django_otp import devices_for_user

from satker.akses import Pengguna, profil_pengguna
from satker.models import Peran

PERAN_WAJIB = frozenset({Peran.ADMIN_RI, Peran.REVIEWER_PROVINSI, Peran.KETUA, Peran.SEKRETARIS})


def wajib_dua_faktor(user: Pengguna) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    profil = profil_pengguna(user)
    return profil is not None and (profil.peran in PERAN_WAJIB or profil.pejabat_id is not None)


def punya_perangkat(user: Pengguna) -> bool:
    """A confirmed authenticator app (recovery codes alone are not a set-up)."""
    return any(
        d.persistent_id.startswith("otp_totp.") for d in devices_for_user(user, confirmed=True)
    )


def terverifikasi(user: Pengguna) -> bool:
    """This session's login was confirmed by a code (django-otp's OTPMiddleware)."""
    return bool(getattr(user, "is_verified", None) and user.is_verified())
