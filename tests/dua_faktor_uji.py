"""Second factors for tests: django-otp's real devices and checks, with codes a test can type.

`kode_sekali(user)` gives a fresh single-use code (a recovery code of a device made for the
test), so a test can sign as often as it likes without waiting for the next TOTP window;
`kode_totp(perangkat)` is what the user's authenticator app shows now.
"""

import time

from django.contrib.auth.models import AbstractBaseUser
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def perangkat(user: AbstractBaseUser) -> TOTPDevice:
    """The user's confirmed authenticator app, made if they have none."""
    ada = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return ada or TOTPDevice.objects.create(user=user, name="Aplikasi uji", confirmed=True)


def kode_sekali(user: AbstractBaseUser) -> str:
    perangkat(user)
    cadangan, _ = StaticDevice.objects.get_or_create(user=user, name="Kode uji")
    return StaticToken.objects.create(device=cadangan, token=StaticToken.random_token()).token


def kode_totp(perangkat: TOTPDevice, *, geser: int = 0) -> str:
    """The code the app shows now (`geser` steps later: a code not yet valid)."""
    totp = TOTP(perangkat.bin_key, perangkat.step, perangkat.t0, perangkat.digits)
    totp.time = time.time() + geser * perangkat.step
    return f"{totp.token():0{perangkat.digits}d}"


def kode_klien(client) -> str:
    """A fresh code for whoever `client` is logged in as."""
    from django.contrib.auth import get_user_model

    return kode_sekali(get_user_model().objects.get(pk=client.session["_auth_user_id"]))


def kode_untuk(username: str) -> str:
    from django.contrib.auth import get_user_model

    return kode_sekali(get_user_model().objects.get(username=username))


def isi_kode_di_peramban(page, kode: str) -> None:
    """The login's second step in a browser: the code page, then where it was going."""
    page.locator("input[name=kode]").fill(kode)
    page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_load_state()
