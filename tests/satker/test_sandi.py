"""Passwords (satker/views_sandi.py): a forgotten password reset by email through a real SMTP
server, the link single-use; the reset limited per address and per email without telling
which addresses have an account; changing one's own password; Indonesian validator messages."""

import re
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

from satker.views_sandi import PESAN_BATAS
from tests.surel_uji import smtp  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

SUREL = "operator.lebak@kpu-lebak.go.id"
SANDI_BARU = "Rangkasbitung-2024!"
LUPA = reverse("sandi-lupa")
TAUTAN = re.compile(r"https://kinerja\.kpu\.go\.id(/akun/atur-sandi/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def operator(operator_lebak):
    operator_lebak.email = SUREL
    operator_lebak.save()
    return operator_lebak


def _minta(client, surel: str = SUREL, **extra):
    return client.post(LUPA, {"email": surel}, **extra)


def _masuk(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_forgotten_password_is_reset_by_email(client, operator, smtp):  # noqa: F811
    response = _minta(client, SUREL.upper())  # the address matches whatever its case

    assert response.status_code == 302
    assert response["Location"] == reverse("sandi-lupa-terkirim")
    (pesan,) = smtp.tunggu(1)
    assert pesan["Subject"] == "Atur ulang kata sandi SAKIP KPU"
    assert pesan["From"] == "SAKIP KPU <noreply@kpu.go.id>"
    assert pesan["To"] == SUREL
    teks = pesan.get_body(("plain",)).get_content()
    assert (
        "Kami menerima permintaan untuk mengatur ulang kata sandi akun operator.kab-lebak" in teks
    )
    assert "hanya dapat dipakai satu kali dan berlaku selama 2 jam" in teks
    assert "Bila Anda tidak meminta pengaturan ulang kata sandi, abaikan surel ini" in teks
    jalur = TAUTAN.search(teks).group(1)

    halaman = client.get(jalur, follow=True)
    assert "Atur kata sandi baru" in halaman.content.decode()
    atur = halaman.redirect_chain[-1][0]
    simpan = client.post(atur, {"new_password1": SANDI_BARU, "new_password2": SANDI_BARU})

    assert simpan.status_code == 302
    assert simpan["Location"] == reverse("sandi-atur-selesai")
    operator.refresh_from_db()
    assert operator.check_password(SANDI_BARU)
    assert _masuk(client, "operator.kab-lebak", SANDI_BARU).status_code == 302
    # Single use: the password it was made for is gone.
    client.logout()
    lagi = client.get(jalur, follow=True).content.decode()
    assert "Tautan tidak berlaku" in lagi
    assert "Minta tautan baru" in lagi


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, operator, smtp):  # noqa: F811
    dikenal = _minta(client)
    smtp.tunggu(1)
    tidak_dikenal = _minta(client, "tidak.ada@kpu.go.id")

    assert (tidak_dikenal.status_code, tidak_dikenal["Location"]) == (
        dikenal.status_code,
        dikenal["Location"],
    )
    smtp.tidak_ada_lagi(1)
    halaman = client.get(reverse("sandi-lupa-terkirim")).content.decode()
    assert "Bila alamat yang Anda masukkan terdaftar pada sebuah akun" in halaman


def test_a_flood_for_one_email_is_refused_the_same_whether_or_not_it_has_an_account(
    client,
    operator,
    settings,
    smtp,  # noqa: F811
):
    settings.SANDI_BATAS_SUREL = "2/h"
    for surel in (SUREL, "tidak.ada@kpu.go.id"):
        assert _minta(client, surel).status_code == 302
        assert _minta(client, surel).status_code == 302

        ditolak = _minta(client, surel)

        assert ditolak.status_code == 429
        assert PESAN_BATAS in ditolak.content.decode()
    smtp.tunggu(2)
    smtp.tidak_ada_lagi(2)


def test_a_flood_from_one_address_is_refused(client, operator, settings, smtp):  # noqa: F811
    settings.SANDI_BATAS_ALAMAT = "3/h"
    for n in range(3):
        assert _minta(client, f"orang{n}@kpu.go.id").status_code == 302

    assert _minta(client, SUREL).status_code == 429
    assert _minta(client, SUREL, REMOTE_ADDR="10.0.0.9").status_code == 302
    smtp.tunggu(1)


def test_a_bad_address_is_said_in_indonesian(client):
    response = _minta(client, "bukan-surel")

    assert response.status_code == 200
    assert "Masukkan alamat email dengan format yang benar." in response.content.decode()


def test_setting_a_password_by_the_link_lifts_the_login_lockout(client, operator, smtp):  # noqa: F811
    for _ in range(5):
        _masuk(client, "operator.kab-lebak", "salah-sekali")
    assert AccessAttempt.objects.filter(username="operator.kab-lebak").exists()

    _minta(client)
    (pesan,) = smtp.tunggu(1)
    jalur = TAUTAN.search(pesan.get_body(("plain",)).get_content()).group(1)
    atur = client.get(jalur, follow=True).redirect_chain[-1][0]
    client.post(atur, {"new_password1": SANDI_BARU, "new_password2": SANDI_BARU})

    assert not AccessAttempt.objects.filter(username="operator.kab-lebak").exists()
    assert _masuk(client, "operator.kab-lebak", SANDI_BARU).status_code == 302


def test_a_weak_new_password_is_refused_with_indonesian_messages(client, operator, smtp):  # noqa: F811
    _minta(client)
    (pesan,) = smtp.tunggu(1)
    jalur = TAUTAN.search(pesan.get_body(("plain",)).get_content()).group(1)
    atur = client.get(jalur, follow=True).redirect_chain[-1][0]

    response = client.post(atur, {"new_password1": "12345678", "new_password2": "12345678"})

    html = response.content.decode()
    assert "Kata sandi terlalu pendek. Harus mengandung setidaknya 10 karakter." in html
    assert "Kata sandi ini terlalu umum." in html
    assert "Kata sandi ini seluruhnya terdiri dari angka." in html


def test_the_login_page_offers_the_reset_and_the_menu_the_change(client, operator):
    assert f'href="{LUPA}">Lupa kata sandi?</a>' in client.get(reverse("login")).content.decode()
    client.force_login(operator)
    assert "Ubah kata sandi" in client.get(reverse("beranda")).content.decode()


# Changing one's own password --------------------------------------------------------------


def test_changing_the_password_needs_a_login(client):
    response = client.get(reverse("sandi-ubah"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_changes_their_password_and_stays_logged_in(client, operator):
    client.force_login(operator)
    halaman = client.get(reverse("sandi-ubah")).content.decode()
    assert "Sandi lama" in halaman
    assert "Konfirmasi sandi baru" in halaman

    salah = client.post(
        reverse("sandi-ubah"),
        {"old_password": "bukan", "new_password1": SANDI_BARU, "new_password2": SANDI_BARU},
    )
    assert "Sandi lama Anda yang dimasukkan salah" in salah.content.decode()
    pendek = client.post(
        reverse("sandi-ubah"),
        {"old_password": "demo12345", "new_password1": "pendek", "new_password2": "pendek"},
    )
    assert "Kata sandi terlalu pendek" in pendek.content.decode()

    response = client.post(
        reverse("sandi-ubah"),
        {"old_password": "demo12345", "new_password1": SANDI_BARU, "new_password2": SANDI_BARU},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("sandi-ubah-selesai")
    assert "Kata sandi diubah" in response.content.decode()
    assert get_user_model().objects.get(pk=operator.pk).check_password(SANDI_BARU)
    assert client.get(reverse("beranda")).status_code == 200


def test_the_link_points_at_site_url_not_the_request_host(client, operator, smtp):  # noqa: F811
    _minta(client)  # the test client's Host is "testserver"

    (pesan,) = smtp.tunggu(1)
    teks = pesan.get_body(("plain",)).get_content()
    assert "testserver" not in teks
    assert urlsplit(TAUTAN.search(teks).group(0)).netloc == "kinerja.kpu.go.id"
