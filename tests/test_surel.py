"""Email (issue 16): one EMAIL_URL setting read by kpu_kinerja.env.email_dari_url, a start-up
warning while production has none, and kpu_kinerja.surel sending through a real SMTP server."""

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import get_connection

from kpu_kinerja.checks import periksa_surel
from kpu_kinerja.env import email_dari_url
from kpu_kinerja.surel import kirim_surel, susun_surel
from tests.surel_uji import smtp  # noqa: F401 (the fixture)
from tests.test_deploy import _manage

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("url", "harapan"),
    [
        (
            "smtp://sakip%40kpu.go.id:ra%2Fhasia@mail.kpu.go.id:587?tls=1",
            {
                "EMAIL_BACKEND": SMTP,
                "EMAIL_HOST": "mail.kpu.go.id",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "sakip@kpu.go.id",
                "EMAIL_HOST_PASSWORD": "ra/hasia",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
                "EMAIL_TIMEOUT": 10,
            },
        ),
        (
            "smtps://u:p@mail.kpu.go.id?timeout=30",
            {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False, "EMAIL_TIMEOUT": 30},
        ),
        ("smtp://relay.local", {"EMAIL_PORT": 25, "EMAIL_HOST_USER": "", "EMAIL_USE_TLS": False}),
        ("smtp://relay.local?tls=1", {"EMAIL_PORT": 587}),
        ("console:", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        ("locmem:", {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}),
        ("", {"EMAIL_BACKEND": "kpu_kinerja.surel.BackendBelumDiatur"}),
    ],
)
def test_email_url_gives_the_email_settings(url, harapan):
    hasil = email_dari_url(url)

    assert {k: hasil[k] for k in harapan} == harapan


@pytest.mark.parametrize(
    ("url", "pesan"),
    [
        ("http://mail.kpu.go.id", "EMAIL_URL must start with smtp://"),
        ("smtps://mail.kpu.go.id?tls=1", "not both"),
        ("smtp://mail.kpu.go.id:port", "EMAIL_URL: "),
        ("smtp://", "has no host"),
    ],
)
def test_a_bad_email_url_fails_loudly(url, pesan):
    with pytest.raises(ImproperlyConfigured, match=pesan):
        email_dari_url(url)


def test_the_check_warns_outside_debug_without_email_url_or_sender(settings):
    settings.DEBUG = False
    settings.EMAIL_URL = ""
    assert [p.id for p in periksa_surel()] == ["kpu_kinerja.W003"]

    settings.EMAIL_URL = "smtp://mail.kpu.go.id"
    settings.DEFAULT_FROM_EMAIL = "webmaster@localhost"
    assert [p.id for p in periksa_surel()] == ["kpu_kinerja.W004"]

    settings.DEFAULT_FROM_EMAIL = "SAKIP KPU <noreply@kpu.go.id>"
    assert periksa_surel() == []
    settings.DEBUG = True
    settings.EMAIL_URL = ""
    assert periksa_surel() == []


def test_manage_check_warns_at_start_up_without_email_url():
    hasil = _manage("check", EMAIL_URL="")

    assert hasil.returncode == 0  # a warning: the site still starts
    assert "kpu_kinerja.W003" in hasil.stderr + hasil.stdout


def test_without_email_url_nothing_is_sent_and_no_link_is_logged(settings, caplog):
    settings.EMAIL_BACKEND = "kpu_kinerja.surel.BackendBelumDiatur"
    pesan = susun_surel(
        ke=["a@kpu.go.id"], nama="sandi_reset", konteks={"uid": "MQ", "token": "rahasia-123"}
    )

    with caplog.at_level(logging.ERROR, logger="kpu_kinerja.surel"):
        assert get_connection(fail_silently=True).send_messages([pesan]) == 0

    assert "tidak terkirim: EMAIL_URL belum diatur" in caplog.text
    assert "rahasia-123" not in caplog.text
    with pytest.raises(RuntimeError, match="EMAIL_URL belum diatur"):
        pesan.send()


def test_a_message_arrives_at_a_real_smtp_server(smtp):  # noqa: F811
    kirim_surel(
        ke=["ketua@kpu-lebak.go.id"],
        nama="sandi_reset",
        konteks={"uid": "MQ", "token": "abc-123", "batas_jam": 2},
    )

    (pesan,) = smtp.tunggu(1)
    assert smtp.amplop == [("noreply@kpu.go.id", ["ketua@kpu-lebak.go.id"])]
    assert pesan["Subject"] == "Atur ulang kata sandi SAKIP KPU"
    teks = pesan.get_body(("plain",)).get_content()
    assert "https://kinerja.kpu.go.id/akun/atur-sandi/MQ/abc-123/" in teks


def test_a_background_send_that_fails_is_logged(settings, caplog):
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    with caplog.at_level(logging.ERROR, logger="kpu_kinerja.surel"):
        utas = kirim_surel(
            ke=["a@kpu.go.id"], nama="sandi_reset", konteks={"uid": "MQ", "token": "t"}, latar=True
        )
        utas.join(10)

    assert "Surel “Atur ulang kata sandi SAKIP KPU” tidak terkirim." in caplog.text
