"""Signing through the API asks what the signing page asks: the signatory's password again, and
a SITE_URL that is the address the request came to (it is printed in the QR code for ever)."""

import pytest
from django.urls import reverse

from dokumen.models import Dokumen, StatusDokumen, TandaTangan
from dokumen.syarat_ttd import PESAN_SANDI_SALAH
from dua_faktor.services import PESAN_KODE_SALAH
from satker.demo import PASSWORD_DEMO
from tests.api.conftest import klien
from tests.conftest import _user
from tests.dua_faktor_uji import kode_sekali, perangkat
from tests.factories import ke_status

ALAMAT = "http://testserver"


@pytest.fixture
def disetujui(pki_aktif, settings, tmp_path, rak_lebak) -> Dokumen:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = ALAMAT
    return ke_status(rak_lebak, StatusDokumen.DISETUJUI)


def _terbitkan(dokumen: Dokumen, username: str, data: dict):
    url = reverse("api:dokumen-terbitkan", args=[dokumen.pk])
    return klien(username).post(url, data, format="json")


def _belum(dokumen: Dokumen) -> None:
    dokumen.refresh_from_db()
    assert dokumen.status == StatusDokumen.DISETUJUI
    assert not TandaTangan.objects.filter(dokumen=dokumen).exists()


@pytest.mark.django_db
def test_the_signatorys_password_publishes(disetujui):
    kode = kode_sekali(_user("sekretaris.kab-lebak"))
    data = {"kata_sandi": PASSWORD_DEMO, "kode_verifikasi": kode}
    response = _terbitkan(disetujui, "sekretaris.kab-lebak", data)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == StatusDokumen.TERBIT
    assert "kata_sandi" not in response.json()
    assert "kode_verifikasi" not in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"kata_sandi": "salah-sekali"}, PESAN_SANDI_SALAH),
        ({}, "Tulis kata sandi Anda untuk menandatangani."),
        ({"kata_sandi": PASSWORD_DEMO}, "Tulis kode 6 angka dari aplikasi autentikator"),
        ({"kata_sandi": PASSWORD_DEMO, "kode_verifikasi": "000000"}, PESAN_KODE_SALAH),
    ],
)
def test_a_wrong_or_missing_password_or_code_signs_nothing(disetujui, data, pesan):
    perangkat(_user("sekretaris.kab-lebak"))  # the signatory has set up a second factor
    response = _terbitkan(disetujui, "sekretaris.kab-lebak", data)
    assert response.status_code == 400
    assert pesan in str(response.json())
    _belum(disetujui)


@pytest.mark.django_db
def test_a_site_address_that_is_not_this_one_refuses_before_the_password(disetujui, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    response = _terbitkan(disetujui, "sekretaris.kab-lebak", {"kata_sandi": PASSWORD_DEMO})
    assert response.status_code == 409
    assert "SITE_URL" in response.json()["detail"]
    _belum(disetujui)


@pytest.mark.django_db
def test_someone_who_does_not_sign_it_is_refused_whatever_the_address(disetujui, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    response = _terbitkan(disetujui, "operator.kab-lebak", {"kata_sandi": PASSWORD_DEMO})
    assert response.status_code == 403
    _belum(disetujui)
