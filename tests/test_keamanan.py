"""Login throttling (django-axes): after 5 failed logins for one username from one address,
that pair is refused for the cool-off, with an Indonesian message, on /masuk/ and /admin/login/."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from satker.demo import PASSWORD_DEMO

OPERATOR = "operator.kab-lebak"
PESAN_TERKUNCI = "Akun dikunci sementara"
MASUK = reverse("login")
MASUK_ADMIN = reverse("admin:login")


def _masuk(client: Client, username: str, password: str, url: str = MASUK, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def _gagal(client: Client, username: str, kali: int, url: str = MASUK, **extra) -> None:
    for _ in range(kali):
        response = _masuk(client, username, "salah-sekali", url, **extra)
        assert response.status_code in (200, 429)


def _berhasil(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session


def test_the_settings_follow_the_baseline():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS is True
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "username"), [(MASUK, OPERATOR), (MASUK_ADMIN, "reviewer.banten")])
def test_five_failures_lock_the_user_out_even_with_the_right_password(client, url, username):
    _gagal(client, username, 5, url)

    response = _masuk(client, username, PASSWORD_DEMO, url)

    assert response.status_code == 429
    html = response.content.decode()
    assert PESAN_TERKUNCI in html
    assert "Coba lagi setelah 15 menit" in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_four_failures_do_not_lock_and_a_success_resets_the_count(client):
    _gagal(client, OPERATOR, 4)
    assert _berhasil(_masuk(client, OPERATOR, PASSWORD_DEMO))
    client.logout()

    _gagal(client, OPERATOR, 4)  # 8 failures in all, but never 5 since the last success

    assert _berhasil(_masuk(client, OPERATOR, PASSWORD_DEMO))


@pytest.mark.django_db
def test_a_locked_out_pair_does_not_affect_other_users_or_addresses(client):
    _gagal(client, OPERATOR, 5)

    assert _berhasil(_masuk(Client(), "operator.kota-serang", PASSWORD_DEMO))
    assert _berhasil(_masuk(Client(), OPERATOR, PASSWORD_DEMO, REMOTE_ADDR="10.1.2.3"))
    assert _masuk(Client(), OPERATOR, PASSWORD_DEMO).status_code == 429


@pytest.mark.django_db
def test_the_lock_lifts_after_the_cool_off(client):
    _gagal(client, OPERATOR, 5)
    lalu = timezone.now() - datetime.timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=lalu)

    assert _berhasil(_masuk(client, OPERATOR, PASSWORD_DEMO))


@pytest.mark.django_db
def test_api_tokens_and_existing_sessions_are_not_throttled(client, operator_lebak):
    _gagal(client, OPERATOR, 5)
    token = Token.objects.create(user=operator_lebak)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    sesi = Client()
    sesi.force_login(get_user_model().objects.get(username=OPERATOR))

    assert api.get("/api/v1/dokumen/").status_code == 200
    assert sesi.get(reverse("beranda")).status_code == 200
