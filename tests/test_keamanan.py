"""Login throttling (django-axes): after 5 failed logins for one username from one address,
that pair is refused for the cool-off, with an Indonesian message, on /masuk/ and /admin/login/;
after 20 failures from one address across usernames, the address is. Signers' and admins'
sessions end hours after login; new passwords pass Django's validators."""

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
    assert settings.AXES_BATAS_GAGAL_ALAMAT == 20
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


@pytest.mark.django_db
def test_thirty_usernames_from_one_address_lock_the_address(client):
    jawaban = [
        _masuk(client, f"tebakan.{nomor}", "salah-sekali").status_code for nomor in range(30)
    ]

    assert jawaban[:19] == [200] * 19
    assert jawaban[19:] == [429] * 11
    terkunci = _masuk(Client(), "operator.kota-serang", PASSWORD_DEMO)
    assert terkunci.status_code == 429
    assert PESAN_TERKUNCI in terkunci.content.decode()
    assert _berhasil(
        _masuk(Client(), "operator.kota-serang", PASSWORD_DEMO, REMOTE_ADDR="10.9.9.9")
    )


@pytest.mark.django_db
def test_a_valid_login_does_not_wipe_the_address_count(client):
    _gagal(client, "tebakan.lain", 4)
    for nomor in range(15):
        _gagal(client, f"tebakan.{nomor}", 1)
    assert _berhasil(_masuk(Client(), OPERATOR, PASSWORD_DEMO))  # 19 failures so far

    _gagal(client, "tebakan.terakhir", 1)

    assert _masuk(Client(), "operator.kota-serang", PASSWORD_DEMO).status_code == 429


def _umur_sesi(client: Client) -> int:
    return client.session.get_expiry_age()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("ketua.kab-lebak", MASUK),
        ("sekretaris.kab-lebak", MASUK),
        ("reviewer.banten", MASUK_ADMIN),
        ("admin.ri", MASUK_ADMIN),
    ],
)
def test_signers_and_admins_get_a_session_of_twelve_hours(client, username, url):
    response = _masuk(client, username, PASSWORD_DEMO, url)

    assert _berhasil(response)
    assert 12 * 3600 - 60 < _umur_sesi(client) <= 12 * 3600
    assert 12 * 3600 - 60 < int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) <= 43200
    assert client.get(reverse("beranda")).status_code in (200, 302)
    assert "_auth_user_id" in client.session
    assert 12 * 3600 - 60 < _umur_sesi(client) <= 12 * 3600  # a fixed end, not from activity


@pytest.mark.django_db
def test_an_operator_keeps_the_long_session(client):
    assert _berhasil(_masuk(client, OPERATOR, PASSWORD_DEMO))

    assert _umur_sesi(client) == settings.SESSION_COOKIE_AGE == 14 * 24 * 3600


@pytest.mark.django_db
def test_an_account_linked_to_an_official_gets_the_short_session(client, operator_lebak, settings):
    settings.SESI_PENANDATANGAN_JAM = 2
    profil = operator_lebak.profil
    profil.pejabat = profil.satker.pejabat.first()
    profil.save()

    assert _berhasil(_masuk(client, OPERATOR, PASSWORD_DEMO))

    assert 2 * 3600 - 60 < _umur_sesi(client) <= 2 * 3600


@pytest.mark.django_db
def test_a_session_opened_without_the_form_is_short_too(ketua_lebak):
    client = Client()
    client.force_login(ketua_lebak)  # login() without a backend's authenticate

    assert client.get(reverse("beranda")).status_code == 200
    assert 12 * 3600 - 60 < _umur_sesi(client) <= 12 * 3600


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "pesan"),
    [
        (PASSWORD_DEMO, "Kata sandi terlalu pendek. Harus mengandung setidaknya 10 karakter."),
        ("password123", "Kata sandi ini terlalu umum."),
    ],
)
def test_a_short_or_common_password_is_refused_in_indonesian(client, admin_ri, password, pesan):
    client.force_login(admin_ri)

    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "pengguna.baru",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not get_user_model().objects.filter(username="pengguna.baru").exists()


@pytest.mark.django_db
def test_a_long_uncommon_password_is_accepted(client, admin_ri):
    client.force_login(admin_ri)
    password = "Pemilu-Serentak-2029"

    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "pengguna.baru",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 302
    assert get_user_model().objects.get(username="pengguna.baru").check_password(password)


@pytest.mark.django_db
def test_behind_the_proxy_each_client_address_is_counted_on_its_own(client, settings):
    # Every request arrives from the proxy; the address the proxy appended tells clients apart
    # (without it the per-address limit would lock the whole office out at once).
    settings.BEHIND_PROXY = True
    proksi = {"REMOTE_ADDR": "10.0.0.1"}
    _gagal(client, OPERATOR, 5, HTTP_X_FORWARDED_FOR="203.0.113.7", **proksi)

    dikunci = _masuk(
        Client(), OPERATOR, PASSWORD_DEMO, HTTP_X_FORWARDED_FOR="203.0.113.7", **proksi
    )
    lain = _masuk(Client(), OPERATOR, PASSWORD_DEMO, HTTP_X_FORWARDED_FOR="198.51.100.2", **proksi)

    assert dikunci.status_code == 429
    assert _berhasil(lain)
    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").exists()
