"""The project's system check of SITE_URL (kpu_kinerja/checks.py): outside DEBUG it warns at
start-up while the address printed in every signed PDF is unset, local or not served here."""

import pytest

from kpu_kinerja.checks import periksa_site_url
from tests.test_deploy import _manage


@pytest.mark.parametrize(
    "situs",
    ["", "http://127.0.0.1:8000", "http://localhost:8000/", "kinerja.kpu.go.id", "ftp://x.id"],
)
def test_it_warns_outside_debug_while_site_url_is_not_a_public_address(settings, situs):
    settings.DEBUG = False
    settings.SITE_URL = situs

    (peringatan,) = periksa_site_url()

    assert peringatan.id == "kpu_kinerja.W001"
    assert "SITE_URL belum diatur ke alamat publik situs" in peringatan.msg
    assert "alamat verifikasi" in peringatan.hint


def test_it_warns_when_site_url_is_not_a_served_host(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["kinerja.kpu.go.id"]
    settings.SITE_URL = "https://kinerja-lama.kpu.go.id"

    (peringatan,) = periksa_site_url()

    assert peringatan.id == "kpu_kinerja.W002"


def test_it_is_quiet_for_the_public_address_and_in_debug(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [".kpu.go.id"]
    settings.SITE_URL = "https://kinerja.kpu.go.id"
    assert periksa_site_url() == []

    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert periksa_site_url() == []


def test_manage_check_warns_at_start_up_without_site_url():
    hasil = _manage("check", SITE_URL="")

    assert hasil.returncode == 0  # a warning: the site still starts
    assert "kpu_kinerja.W001" in hasil.stderr + hasil.stdout
