"""Authentication: the backend, the login throttle's per-address limit, the session lifetime."""

import datetime

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Sum
from django.utils import timezone

from satker.akses import profil_pengguna
from satker.models import Peran


class BackendPengguna(ModelBackend):
    """ModelBackend whose per-request user read joins `profil` and its `satker`.

    Every page asks the access rule (satker/akses.py) for both; read with the user, they cost
    one query per request instead of three.
    """

    def akun(self):
        """The queryset the per-request read takes the user from (notifikasi adds to it)."""
        return get_user_model()._default_manager.select_related("profil__satker")

    def get_user(self, user_id):
        UserModel = get_user_model()
        try:
            user = self.akun().get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class HandlerAxes(AxesDatabaseHandler):
    """Axes' database handler, plus a limit per address across all usernames.

    Axes takes one failure limit for every lockout parameter set, so a set of its own for the
    address would lock an office behind one NAT after 5 typos of different people. Here a pair
    (username, address) is locked after AXES_FAILURE_LIMIT failures, and the address itself
    after AXES_BATAS_GAGAL_ALAMAT failures within the cool-off, whatever the usernames. A
    success resets only its own pair (AXES_LOCKOUT_PARAMETERS), so one valid account cannot
    wipe the address's count of guesses at others.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        gagal = super().get_failures(request, credentials)
        alamat = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(jumlah=Sum("failures_since_start"))["jumlah"]
        if (alamat or 0) >= settings.AXES_BATAS_GAGAL_ALAMAT:
            return max(gagal, get_failure_limit(request, credentials))
        return gagal


PERAN_SESI_PENDEK = {Peran.KETUA, Peran.SEKRETARIS, Peran.REVIEWER_PROVINSI, Peran.ADMIN_RI}


def sesi_pendek(user) -> bool:
    """Whether `user` signs documents or administers: their session lasts hours, not weeks.

    A stolen or forgotten session of theirs can sign, publish or change other satkers' data.
    """
    if user.is_staff or user.is_superuser:
        return True
    profil = profil_pengguna(user)
    if profil is None:
        return False
    return profil.peran in PERAN_SESI_PENDEK or profil.pejabat_id is not None


def batas_sesi(sender, request, user, **kwargs) -> None:
    """At login (user_logged_in, connected in SatkerConfig.ready): end a signer's or an
    admin's session SESI_PENANDATANGAN_JAM hours from now, however active they stay.

    Others keep SESSION_COOKIE_AGE, counted from their last activity.
    """
    if request is not None and sesi_pendek(user):
        jam = datetime.timedelta(hours=settings.SESI_PENANDATANGAN_JAM)
        request.session.set_expiry(timezone.now() + jam)
