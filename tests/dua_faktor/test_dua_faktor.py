"""The second factor: setting up an authenticator app by QR code, the login's second step
(a TOTP code accepted once, recovery codes single-use, wrong codes throttled), the admin
closed until verified, Admin RI's reset, recorded. Real django-otp devices and checks; codes
computed as the app computes them (tests/dua_faktor_uji.py)."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dua_faktor.aturan import wajib_dua_faktor
from dua_faktor.models import AksiDuaFaktor, JejakDuaFaktor
from dua_faktor.services import (
    JUMLAH_KODE_PEMULIHAN,
    PESAN_KODE_SALAH,
    dua_faktor_atur_ulang,
    kode_pemulihan_buat,
)
from satker.demo import PASSWORD_DEMO
from tests.conftest import _user
from tests.dua_faktor_uji import kode_totp, perangkat

pytestmark = pytest.mark.django_db

RINGKASAN = reverse("dua_faktor:ringkasan")
VERIFIKASI = reverse("dua_faktor:verifikasi")
ADMIN = reverse("admin:index")


def _masuk(client, username: str, next_: str = "/"):
    """The site's real login form (no second step yet)."""
    response = client.post(
        reverse("login"), {"username": username, "password": PASSWORD_DEMO, "next": next_}
    )
    assert response.status_code == 302
    return response


def test_who_needs_a_second_factor():
    perlu = {
        u: wajib_dua_faktor(_user(u))
        for u in (
            "operator.kab-lebak",
            "ketua.kab-lebak",
            "sekretaris.kab-lebak",
            "reviewer.banten",
            "admin.ri",
        )
    }

    assert perlu == {
        "operator.kab-lebak": False,
        "ketua.kab-lebak": True,
        "sekretaris.kab-lebak": True,
        "reviewer.banten": True,
        "admin.ri": True,
    }


class TestPasang:
    def test_it_sets_up_an_app_by_qr_code_and_shows_recovery_codes_once(self, client):
        user = _user("reviewer.banten")
        _masuk(client, "reviewer.banten")

        client.post(reverse("dua_faktor:mulai"), {"next": ADMIN})
        halaman = client.get(reverse("dua_faktor:pasang"))
        html = halaman.content.decode()
        baru = TOTPDevice.objects.get(user=user, confirmed=False)
        assert "<svg" in html
        assert re.search(r'id="kunci-manual">[A-Z2-7 ]{20,}<', html)

        salah = client.post(reverse("dua_faktor:pasang"), {"kode": "000000"})
        assert PESAN_KODE_SALAH in salah.content.decode()
        baru.refresh_from_db()
        assert not baru.confirmed

        benar = client.post(
            reverse("dua_faktor:pasang"), {"kode": kode_totp(baru, geser=1), "next": ADMIN}
        )

        baru.refresh_from_db()
        assert baru.confirmed
        kode = re.findall(r"<li>([a-z0-9]{8,})</li>", benar.content.decode())
        assert len(kode) == JUMLAH_KODE_PEMULIHAN
        assert "no-store" in benar["Cache-Control"]
        assert client.get(ADMIN).status_code == 200  # this session is verified
        assert list(JejakDuaFaktor.objects.filter(pengguna=user).values_list("aksi", flat=True))

    def test_a_password_alone_cannot_replace_the_app_or_get_new_codes(self, client):
        user = _user("ketua.kab-lebak")
        app = perangkat(user)
        _masuk(client, "ketua.kab-lebak")  # the password, not yet the code

        mulai = client.post(reverse("dua_faktor:mulai"))
        pasang = client.get(reverse("dua_faktor:pasang"))
        kode = client.post(reverse("dua_faktor:kode-baru"))

        for response in (mulai, pasang, kode):
            assert response.status_code == 302
            assert response.url.startswith(VERIFIKASI)
        assert list(TOTPDevice.objects.filter(user=user)) == [app]
        assert not StaticToken.objects.filter(device__user=user).exists()

    def test_new_recovery_codes_replace_the_old(self):
        user = _user("ketua.kab-lebak")
        lama = kode_pemulihan_buat(user=user)

        baru = kode_pemulihan_buat(user=user)

        tersimpan = set(
            StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
        )
        assert tersimpan == set(baru)
        assert not tersimpan & set(lama)


class TestMasuk:
    def test_an_account_with_an_app_is_asked_its_code_before_any_page(self, client):
        app = perangkat(_user("ketua.kab-lebak"))
        _masuk(client, "ketua.kab-lebak", "/dokumen/")

        ditahan = client.get("/dokumen/")
        assert ditahan.status_code == 302
        assert ditahan.url.startswith(VERIFIKASI)

        salah = client.post(VERIFIKASI, {"kode": "123456", "next": "/dokumen/"})
        assert PESAN_KODE_SALAH in salah.content.decode()

        # A wrong code throttles the next try for a moment (django-otp's throttling).
        terlalu_cepat = client.post(VERIFIKASI, {"kode": kode_totp(app), "next": "/dokumen/"})
        assert "Terlalu banyak kode salah" in terlalu_cepat.content.decode()

        app.throttle_reset()
        benar = client.post(VERIFIKASI, {"kode": kode_totp(app), "next": "/dokumen/"})
        assert benar.url == "/dokumen/"
        assert client.get("/dokumen/").status_code == 200

    def test_a_code_once_accepted_is_refused_again(self, client):
        app = perangkat(_user("ketua.kab-lebak"))
        kode = kode_totp(app)
        _masuk(client, "ketua.kab-lebak")
        assert client.post(VERIFIKASI, {"kode": kode, "next": "/"}).status_code == 302
        client.post(reverse("logout"))

        _masuk(client, "ketua.kab-lebak")
        ulang = client.post(VERIFIKASI, {"kode": kode, "next": "/"})

        assert ulang.status_code == 200
        assert PESAN_KODE_SALAH in ulang.content.decode()

    def test_a_recovery_code_works_once(self, client):
        user = _user("ketua.kab-lebak")
        perangkat(user)
        kode = kode_pemulihan_buat(user=user)[0]
        _masuk(client, "ketua.kab-lebak")

        masuk = client.post(VERIFIKASI, {"kode": kode, "next": "/"})
        client.post(reverse("logout"))
        _masuk(client, "ketua.kab-lebak")
        lagi = client.post(VERIFIKASI, {"kode": kode, "next": "/"})

        assert masuk.status_code == 302
        assert PESAN_KODE_SALAH in lagi.content.decode()

    def test_an_operator_without_an_app_is_not_asked(self, client):
        _masuk(client, "operator.kab-lebak")

        assert client.get("/").status_code == 200

    def test_the_next_address_stays_on_this_site(self, client):
        app = perangkat(_user("ketua.kab-lebak"))
        _masuk(client, "ketua.kab-lebak")

        response = client.post(
            VERIFIKASI, {"kode": kode_totp(app), "next": "https://jahat.example/"}
        )

        assert response.url == reverse("beranda")


class TestAdmin:
    def test_a_reviewer_without_an_app_is_sent_to_set_one_up(self, client):
        _masuk(client, "reviewer.banten")

        response = client.get(ADMIN)

        assert response.status_code == 302
        assert response.url.startswith(RINGKASAN)
        html = client.get(response.url).content.decode()
        assert "wajib" in html

    def test_a_reviewer_with_an_app_gives_its_code_first(self, client):
        app = perangkat(_user("reviewer.banten"))
        _masuk(client, "reviewer.banten")

        ditahan = client.get(ADMIN)
        client.post(VERIFIKASI, {"kode": kode_totp(app), "next": ADMIN})

        assert ditahan.url.startswith(VERIFIKASI)
        assert client.get(ADMIN).status_code == 200


class TestAturUlang:
    def test_admin_ri_resets_a_lost_phone_recorded(self):
        ketua = _user("ketua.kab-lebak")
        perangkat(ketua)
        kode_pemulihan_buat(user=ketua)

        dua_faktor_atur_ulang(user=ketua, oleh=_user("admin.ri"))

        assert not TOTPDevice.objects.filter(user=ketua).exists()
        assert not StaticToken.objects.filter(device__user=ketua).exists()
        jejak = JejakDuaFaktor.objects.get(pengguna=ketua, aksi=AksiDuaFaktor.ATUR_ULANG)
        assert jejak.oleh.username == "admin.ri"

    def test_only_admin_ri_resets(self):
        ketua = _user("ketua.kab-lebak")
        perangkat(ketua)

        with pytest.raises(PermissionDenied):
            dua_faktor_atur_ulang(user=ketua, oleh=_user("reviewer.banten"))

        assert TOTPDevice.objects.filter(user=ketua).exists()

    def test_from_the_admin_list(self, client):
        ketua = _user("ketua.kab-lebak")
        app = perangkat(ketua)
        client.force_login(_user("admin.ri"))

        response = client.post(
            reverse("admin:otp_totp_totpdevice_changelist"),
            {"action": "atur_ulang", "_selected_action": [app.pk]},
        )

        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=ketua).exists()
