"""Writes of the second factor: setting up an authenticator app (TOTP), recovery codes,
checking a code, and Admin RI's reset of a user's devices. Each change is recorded
(`JejakDuaFaktor`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dua_faktor.models import AksiDuaFaktor, JejakDuaFaktor
from satker.akses import Pengguna, profil_pengguna
from satker.models import Peran

JUMLAH_KODE_PEMULIHAN = 10
NAMA_APLIKASI = "Aplikasi autentikator"
NAMA_PEMULIHAN = "Kode pemulihan"
PESAN_KODE_SALAH = "Kode verifikasi salah atau sudah dipakai."
PESAN_KODE_KOSONG = "Tulis kode 6 angka dari aplikasi autentikator Anda (atau kode pemulihan)."
PESAN_TUNGGU = "Terlalu banyak kode salah. Tunggu {detik} detik, lalu coba lagi."
PESAN_BUKAN_ADMIN = "Hanya Admin RI yang dapat mengatur ulang verifikasi dua langkah pengguna lain."


def totp_mulai(user: Pengguna) -> TOTPDevice:
    """A new, unconfirmed authenticator device for `user` (an earlier unconfirmed one is
    replaced): its key is shown as a QR code until a code from it is confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=NAMA_APLIKASI, confirmed=False)


def _tunggu(device: Device) -> int | None:
    boleh, info = device.verify_is_allowed()
    if boleh:
        return None
    sampai = (info or {}).get("locked_until")
    return max(1, int((sampai - timezone.now()).total_seconds()) + 1) if sampai else 1


def _periksa(device: Device, kode: str) -> bool:
    """Whether `kode` is right for `device`; ValidationError while it is throttled."""
    detik = _tunggu(device)
    if detik is not None:
        raise ValidationError(PESAN_TUNGGU.format(detik=detik), code="tunggu")
    return device.verify_token(kode)


@transaction.atomic
def totp_konfirmasi(*, perangkat: TOTPDevice, kode: str, oleh: Pengguna) -> list[str]:
    """Confirm `perangkat` with a code it shows: it replaces any earlier app of the user, and
    new recovery codes are made (returned, shown once)."""
    perangkat = TOTPDevice.objects.select_for_update().get(pk=perangkat.pk, user=oleh)
    if not _periksa(perangkat, kode.strip().replace(" ", "")):
        raise ValidationError(PESAN_KODE_SALAH, code="salah")
    TOTPDevice.objects.filter(user=oleh, confirmed=True).delete()
    perangkat.confirmed = True
    perangkat.save(update_fields=["confirmed"])
    JejakDuaFaktor.objects.create(pengguna=oleh, aksi=AksiDuaFaktor.PASANG, oleh=oleh)
    return kode_pemulihan_buat(user=oleh)


@transaction.atomic
def kode_pemulihan_buat(*, user: Pengguna) -> list[str]:
    """`JUMLAH_KODE_PEMULIHAN` new single-use recovery codes; the old ones stop working."""
    perangkat, _ = StaticDevice.objects.get_or_create(
        user=user, name=NAMA_PEMULIHAN, defaults={"confirmed": True}
    )
    perangkat.token_set.all().delete()
    kode = [StaticToken.random_token() for _ in range(JUMLAH_KODE_PEMULIHAN)]
    StaticToken.objects.bulk_create(StaticToken(device=perangkat, token=k) for k in kode)
    JejakDuaFaktor.objects.create(pengguna=user, aksi=AksiDuaFaktor.KODE_PEMULIHAN, oleh=user)
    return kode


def kode_cocok(user: Pengguna, kode: str) -> Device:
    """The confirmed device of `user` that accepts `kode` (a TOTP code, used once: a code
    already accepted is refused; or a recovery code, deleted once used). ValidationError with
    the reason otherwise, nothing said about which device exists."""
    kode = (kode or "").strip().replace(" ", "")
    if not kode:
        raise ValidationError(PESAN_KODE_KOSONG, code="kosong")
    tunggu, dicoba = 0, []
    for device in devices_for_user(user, confirmed=True):
        detik = _tunggu(device)
        if detik is not None:  # throttled after wrong codes: another device may still answer
            tunggu = max(tunggu, detik)
        elif device.verify_token(kode):
            # A recovery code is no wrong code for the app it was tried on first.
            for lain in dicoba:
                lain.throttle_reset()
            return device
        else:
            dicoba.append(device)
    if tunggu:
        raise ValidationError(PESAN_TUNGGU.format(detik=tunggu), code="tunggu")
    raise ValidationError(PESAN_KODE_SALAH, code="salah")


@transaction.atomic
def dua_faktor_atur_ulang(*, user: Pengguna, oleh: Pengguna) -> None:
    """Remove every device of `user` (a lost phone): they set one up again at next login.
    Admin RI (or the superuser) only; recorded."""
    profil = profil_pengguna(oleh)
    if not (oleh.is_superuser or (profil is not None and profil.peran == Peran.ADMIN_RI)):
        raise PermissionDenied(PESAN_BUKAN_ADMIN)
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    JejakDuaFaktor.objects.create(pengguna=user, aksi=AksiDuaFaktor.ATUR_ULANG, oleh=oleh)
