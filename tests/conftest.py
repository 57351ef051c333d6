"""Shared test set-up: the seed fixtures loaded once per run, and the personas.

Personas (STYLE.md): operator of Lebak, operator of Serang, Ketua of Lebak, reviewer of KPU
Provinsi Banten, reviewer of another provinsi, and the Admin RI.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.test.utils import override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from dokumen.fixture import muat_fixture
from dokumen.models import Dokumen
from dua_faktor.aturan import wajib_dua_faktor
from satker.demo import buat_akun_demo
from tests.dua_faktor_uji import perangkat

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed documents and demo accounts once; each test rolls back its own changes."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        muat_fixture(FIXTURES)
        buat_akun_demo()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_HASHER


@pytest.fixture(autouse=True)
def _force_login_dengan_dua_faktor(monkeypatch):
    """`client.force_login` stands for a complete login, as it skips the password: for an
    account that needs a second factor, its session is verified by a device made for the test
    (django-otp's own session key). The real login, with its code, is tested in
    tests/dua_faktor/."""
    asli = Client._login

    def _login(self, user, backend=None):
        asli(self, user, backend)
        if wajib_dua_faktor(user):
            sesi = self.session
            sesi[DEVICE_ID_SESSION_KEY] = perangkat(user).persistent_id
            sesi.save()

    monkeypatch.setattr(Client, "_login", _login)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test rolls back its data, so it starts without fragments cached from another's."""
    cache.clear()


def _user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def operator_lebak(db):
    return _user("operator.kab-lebak")


@pytest.fixture
def operator_serang(db):
    return _user("operator.kota-serang")


@pytest.fixture
def ketua_lebak(db):
    return _user("ketua.kab-lebak")


@pytest.fixture
def reviewer_banten(db):
    return _user("reviewer.banten")


@pytest.fixture
def reviewer_kaltim(db):
    return _user("reviewer.kalimantan-timur")


@pytest.fixture
def admin_ri(db):
    return _user("admin.ri")


def dokumen_seed(satker: str, jenis: str, tahun: int = 2024) -> Dokumen:
    return Dokumen.objects.get(satker__kode=satker, jenis=jenis, tahun=tahun, versi=1)


@pytest.fixture
def rak_lebak(db) -> Dokumen:
    return dokumen_seed("kab-lebak", "RAK")


@pytest.fixture
def rkt_lebak(db) -> Dokumen:
    return dokumen_seed("kab-lebak", "RKT")


@pytest.fixture
def iku_serang(db) -> Dokumen:
    return dokumen_seed("kota-serang", "IKU")
