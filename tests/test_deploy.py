"""Production settings: `manage.py check --deploy` is clean, HTTPS is enforced (or trusted from
a TLS-terminating proxy with BEHIND_PROXY=1), and the security headers are sent.

The settings are read from the environment at start-up, so production is checked in a fresh
process with the environment a deployment would have (the test run itself speaks plain http
and sets SECURE_SSL_REDIRECT=0).
"""

import json
import os
import secrets
import string
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

# Variables of the test run that a production environment would not have.
LINGKUNGAN_UJI = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "BEHIND_PROXY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/browser/conftest.py for Playwright
}
HSTS_SETAHUN = 31_536_000


def _produksi(**tambahan: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LINGKUNGAN_UJI}
    kunci = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50))
    return (
        env
        | {
            "DEBUG": "0",
            "SECRET_KEY": kunci,
            "ALLOWED_HOSTS": "kinerja.kpu.go.id",
            "SITE_URL": "https://kinerja.kpu.go.id",
            "EMAIL_URL": "smtp://sakip:rahasia@mail.kpu.go.id:587?tls=1",
            "DEFAULT_FROM_EMAIL": "SAKIP KPU <noreply@kpu.go.id>",
        }
        | tambahan
    )


def _manage(*args: str, **tambahan: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=_produksi(**tambahan),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _setelan(*nama: str, **tambahan: str) -> dict:
    kode = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(nama)!r}}}))"
    )
    hasil = _manage("shell", "-c", kode, **tambahan)
    assert hasil.returncode == 0, hasil.stderr
    return json.loads(hasil.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean_under_production_settings():
    hasil = _manage("check", "--deploy", "--fail-level", "WARNING")

    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "System check identified no issues (0 silenced)." in hasil.stdout


def test_check_deploy_flags_a_production_without_https_redirect():
    hasil = _manage("check", "--deploy", "--fail-level", "WARNING", SECURE_SSL_REDIRECT="0")

    assert hasil.returncode != 0
    assert "security.W008" in hasil.stdout + hasil.stderr


def test_production_defaults_and_the_proxy_switch():
    nama = (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "X_FRAME_OPTIONS",
        "SECURE_REFERRER_POLICY",
        "SECURE_PROXY_SSL_HEADER",
    )

    langsung = _setelan(*nama)
    proksi = _setelan("SECURE_PROXY_SSL_HEADER", "AXES_CLIENT_IP_CALLABLE", BEHIND_PROXY="1")
    pengembangan = _setelan("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", DEBUG="1")

    assert langsung == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": HSTS_SETAHUN,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_PROXY_SSL_HEADER": None,
    }
    assert proksi == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        # Reads the proxy's X-Forwarded-For entry when BEHIND_PROXY (test_keamanan.py).
        "AXES_CLIENT_IP_CALLABLE": "kpu_kinerja.klien.alamat_klien",
    }
    assert pengembangan == {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}


@pytest.fixture
def https_wajib(settings):
    """The production HTTPS settings, in this process (middleware reads them per Client)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = HSTS_SETAHUN
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.django_db
@pytest.mark.usefixtures("https_wajib")
def test_plain_http_is_redirected_to_https():
    response = Client().get("/masuk/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/masuk/"


@pytest.mark.django_db
@pytest.mark.usefixtures("https_wajib")
def test_the_health_probe_answers_over_plain_http():
    assert Client().get("/healthz/").status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("https_wajib")
def test_https_from_the_proxy_is_served_with_the_security_headers():
    response = Client().get("/masuk/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        f"max-age={HSTS_SETAHUN}; includeSubDomains; preload"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["secure"]
