"""The signing page: the PDF as it will be signed, who signs with which certificate, and the
password asked again; signing with real pyHanko, checked with pyHanko and pdfsig."""

import dataclasses
import re
import secrets
import subprocess

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils.html import escape
from django_otp.plugins.otp_totp.models import TOTPDevice

from dokumen.forms_tandatangan import PESAN_SANDI_SALAH
from dokumen.jenis import PihakTtd, jenis_sementara, jenis_terdaftar
from dokumen.models import Dokumen, PihakTandaTangan, StatusDokumen, TandaTangan
from dokumen.penandatanganan import BYTE_TOKEN, TOKEN_PRATINJAU
from dokumen.tte import NAMA_CA, periksa_tanda_tangan
from dua_faktor.services import PESAN_KODE_SALAH
from satker.demo import PASSWORD_DEMO
from satker.models import Jabatan, Peran, StatusJabatan
from tests.conftest import _user
from tests.dua_faktor_uji import kode_sekali, kode_totp, perangkat
from tests.factories import (
    IkuFactory,
    KabKotaFactory,
    KetuaFactory,
    SekretarisFactory,
    akun_penandatangan,
    akun_satker,
    ke_status,
    pastikan_kunci_tte,
)

ALAMAT = "http://testserver"  # where the test client's requests arrive
PENANDATANGAN = "sekretaris.kab-lebak"


@pytest.fixture
def disetujui(pki_aktif, settings, tmp_path, rak_lebak) -> Dokumen:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = ALAMAT
    return ke_status(rak_lebak, StatusDokumen.DISETUJUI)


@pytest.fixture
def sekretaris(client):
    client.force_login(_user(PENANDATANGAN))
    return client


def _isi(password: str = PASSWORD_DEMO) -> dict:
    """The signing form: the password and a fresh second-factor code (tests/dua_faktor_uji)."""
    return {"password": password, "kode": kode_sekali(_user(PENANDATANGAN))}


def _url(dokumen: Dokumen) -> str:
    return reverse("dokumen:tandatangani", args=[dokumen.pk])


def _belum_ditandatangani(dokumen: Dokumen) -> None:
    dokumen.refresh_from_db()
    assert dokumen.status == StatusDokumen.DISETUJUI
    assert not dokumen.berkas_pdf
    assert not dokumen.token_verifikasi
    assert not TandaTangan.objects.filter(dokumen=dokumen).exists()


@pytest.mark.django_db
class TestHalaman:
    def test_it_shows_the_preview_the_parties_and_the_certificate(self, sekretaris, disetujui):
        pejabat = disetujui.penandatangan
        response = sekretaris.get(_url(disetujui))

        assert response.status_code == 200
        html = response.content.decode()
        pratinjau = response.context["pratinjau"]
        assert pratinjau.jumlah_halaman == 3
        assert len(re.findall(r'class="[^"]*halaman-pratinjau"', html)) == 3
        assert html.count('src="data:image/png;base64,') == 3
        (pihak,) = pratinjau.pihak
        assert pihak.tanda_tangan.nama == pejabat.nama
        for teks in (
            pejabat.nama,
            f"NIP. {pejabat.nip}",
            pejabat.sebutan_jabatan.splitlines()[0],
            pihak.sertifikat.subjek,
            NAMA_CA,
            pihak.sertifikat.nomor_seri,
            "sertifikat pengembangan, bukan untuk penggunaan resmi",
            f"{pihak.sertifikat.berlaku_dari.day} ",
            reverse("dokumen:tandatangani-pratinjau", args=[disetujui.pk]),
        ):
            assert teks in html
        bulan = re.search(r"Berlaku</dt><dd[^>]*>(\d+ \w+ \d{4}) – (\d+ \w+ \d{4})", html)
        assert bulan, "masa berlaku tidak tertulis sebagai tanggal panjang"
        assert 'name="password"' in html
        assert "masalah-alamat" not in html
        # The certificate in Indonesian words, not the library's English attribute names.
        assert f"Nama: {pejabat.nama}" in pihak.sertifikat.subjek
        assert not re.search(r"Common Name|Organization|Country|Serial Number", html)
        _belum_ditandatangani(disetujui)

    def test_an_acting_official_is_shown_with_plt(self, sekretaris, disetujui):
        pejabat = disetujui.penandatangan
        pejabat.status = StatusJabatan.PLT
        pejabat.save()

        html = sekretaris.get(_url(disetujui)).content.decode()

        assert f"Plt. {pejabat.sebutan_jabatan.splitlines()[0]}" in html

    def test_the_preview_pdf_is_the_version_to_sign_unsigned(self, sekretaris, disetujui):
        response = sekretaris.get(reverse("dokumen:tandatangani-pratinjau", args=[disetujui.pk]))

        assert response["Content-Type"] == "application/pdf"
        pdf = response.content
        assert not periksa_tanda_tangan(pdf).ada_tanda_tangan
        teks = _pdftotext(pdf)
        assert f"{ALAMAT}/verifikasi/{TOKEN_PRATINJAU}/" in teks
        assert "bukan untuk penggunaan resmi" in teks
        assert "DRAF" not in teks
        _belum_ditandatangani(disetujui)

    def test_its_queries_are_pinned(self, sekretaris, disetujui, django_assert_num_queries):
        sekretaris.get(_url(disetujui))  # warm the caches the page shares with others
        with django_assert_num_queries(8):  # and the second factor's device
            sekretaris.get(_url(disetujui))


@pytest.mark.django_db
class TestMenandatangani:
    def test_a_wrong_password_signs_nothing_and_says_so_by_the_field(self, sekretaris, disetujui):
        response = sekretaris.post(_url(disetujui), _isi("bukan-sandinya"))

        assert response.status_code == 400
        html = response.content.decode()
        assert 'id="galat-password">' + PESAN_SANDI_SALAH in html
        assert 'class="form-control is-invalid"' in html
        _belum_ditandatangani(disetujui)

    def test_an_empty_password_signs_nothing(self, sekretaris, disetujui):
        response = sekretaris.post(_url(disetujui), _isi(""))

        assert response.status_code == 400
        assert "Tulis kata sandi Anda untuk menandatangani." in response.content.decode()
        _belum_ditandatangani(disetujui)

    def test_the_right_password_signs_and_publishes(self, sekretaris, disetujui, tmp_path):
        response = sekretaris.post(_url(disetujui), _isi())

        assert response.status_code == 302
        assert response["Location"] == reverse("dokumen:detail", args=[disetujui.pk])
        disetujui.refresh_from_db()
        assert disetujui.status == StatusDokumen.TERBIT
        assert [r.aksi for r in disetujui.riwayat.order_by("pk")][-1] == "TERBITKAN"
        with disetujui.berkas_pdf.open("rb") as berkas:
            pdf = berkas.read()
        periksa = periksa_tanda_tangan(pdf)
        assert periksa.valid
        assert periksa.mencakup_seluruh
        assert periksa.nama_penandatangan == disetujui.penandatangan.nama
        (tanda,) = disetujui.tanda_tangan.all()
        assert tanda.nama == disetujui.penandatangan.nama
        berkas = tmp_path / "terbit.pdf"
        berkas.write_bytes(pdf)
        pdfsig = subprocess.run(["pdfsig", str(berkas)], capture_output=True, text=True)
        assert "Signature Validation: Signature is Valid." in pdfsig.stdout
        assert f"{ALAMAT}/verifikasi/{disetujui.token_verifikasi}/" in _pdftotext(pdf)
        html = sekretaris.get(response["Location"]).content.decode()
        assert "Dokumen ditandatangani secara elektronik dan diterbitkan." in html

    def test_without_a_second_factor_it_signs_nothing_and_says_where_to_set_one_up(
        self, sekretaris, disetujui
    ):
        TOTPDevice.objects.filter(user__username=PENANDATANGAN).delete()

        response = sekretaris.post(_url(disetujui), {"password": PASSWORD_DEMO, "kode": "123456"})

        assert response.status_code == 400
        html = response.content.decode()
        assert 'id="galat-ttd"' in html
        assert "memerlukan verifikasi dua langkah" in html
        _belum_ditandatangani(disetujui)

    def test_a_wrong_code_signs_nothing_and_says_so_by_its_field(self, sekretaris, disetujui):
        kode_sekali(_user(PENANDATANGAN))  # set up, but this is not its code

        response = sekretaris.post(_url(disetujui), {"password": PASSWORD_DEMO, "kode": "000000"})

        assert response.status_code == 400
        assert 'id="galat-kode">' + PESAN_KODE_SALAH in response.content.decode()
        _belum_ditandatangani(disetujui)

    def test_the_code_given_at_login_does_not_sign(self, client, disetujui):
        app = perangkat(_user(PENANDATANGAN))
        kode = kode_totp(app)
        client.post(reverse("login"), {"username": PENANDATANGAN, "password": PASSWORD_DEMO})
        client.post(reverse("dua_faktor:verifikasi"), {"kode": kode, "next": "/"})

        response = client.post(_url(disetujui), {"password": PASSWORD_DEMO, "kode": kode})

        assert response.status_code == 400
        assert PESAN_KODE_SALAH in response.content.decode()
        _belum_ditandatangani(disetujui)

    def test_wrong_passwords_count_toward_the_login_lockout(self, sekretaris, disetujui):
        for _ in range(5):
            sekretaris.post(_url(disetujui), _isi("salah"))
        assert AccessAttempt.objects.get(username=PENANDATANGAN).failures_since_start == 5

        # Locked: even the right password signs nothing now.
        response = sekretaris.post(_url(disetujui), _isi())

        assert response.status_code == 429
        assert "Akun dikunci sementara" in response.content.decode()
        _belum_ditandatangani(disetujui)

    def test_a_site_url_other_than_this_address_refuses(self, sekretaris, disetujui, settings):
        settings.SITE_URL = "http://127.0.0.1:8000"

        halaman = sekretaris.get(_url(disetujui)).content.decode()
        response = sekretaris.post(_url(disetujui), _isi())

        for html in (halaman, response.content.decode()):
            assert 'id="masalah-alamat"' in html
            assert "http://127.0.0.1:8000" in html
            assert "sedangkan halaman ini dibuka di http://testserver" in html
        assert response.status_code == 400
        assert not AccessAttempt.objects.exists()  # the password was not even tried
        _belum_ditandatangani(disetujui)

    def test_the_same_address_with_its_default_port_is_the_same(
        self, sekretaris, disetujui, settings
    ):
        settings.SITE_URL = "http://TestServer:80/"

        html = sekretaris.get(_url(disetujui)).content.decode()

        assert "masalah-alamat" not in html


@pytest.mark.django_db
class TestAkses:
    def test_the_ketua_may_not_open_what_the_sekretaris_signs(self, client, disetujui):
        client.force_login(akun_satker(disetujui.satker, Peran.KETUA))

        assert client.get(_url(disetujui)).status_code == 403
        assert client.post(_url(disetujui), {"password": PASSWORD_DEMO}).status_code == 403
        _belum_ditandatangani(disetujui)

    def test_another_satkers_document_is_404(self, client, disetujui):
        client.force_login(_user("operator.kota-serang"))

        assert client.get(_url(disetujui)).status_code == 404
        pratinjau = reverse("dokumen:tandatangani-pratinjau", args=[disetujui.pk])
        assert client.get(pratinjau).status_code == 404

    def test_a_document_not_yet_approved_goes_back_to_its_page(self, sekretaris, rak_lebak):
        response = sekretaris.get(_url(rak_lebak))

        assert response["Location"] == reverse("dokumen:detail", args=[rak_lebak.pk])

    def test_the_one_click_step_no_longer_signs(self, sekretaris, disetujui):
        response = sekretaris.post(reverse("dokumen:aksi", args=[disetujui.pk, "TERBITKAN"]))

        assert response["Location"] == _url(disetujui)
        _belum_ditandatangani(disetujui)

    def test_the_document_page_links_to_the_signing_page(self, sekretaris, disetujui):
        html = sekretaris.get(reverse("dokumen:detail", args=[disetujui.pk])).content.decode()

        assert f'href="{_url(disetujui)}"' in html
        assert reverse("dokumen:aksi", args=[disetujui.pk, "TERBITKAN"]) not in html


def _pdftotext(pdf: bytes) -> str:
    hasil = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(hasil.stdout.decode().split())


@pytest.mark.django_db
def test_without_pdftoppm_the_page_points_to_the_pdf_instead(sekretaris, disetujui, monkeypatch):
    monkeypatch.setenv("PATH", "/tidak-ada")  # the system's pdftoppm is out of reach

    response = sekretaris.get(_url(disetujui))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="tanpa-gambar"' in html
    assert 'name="password"' in html


@pytest.mark.django_db
def test_several_parties_are_listed_in_signing_order_with_their_headings(
    client, pki_aktif, settings
):
    iku = jenis_terdaftar("IKU")
    pertama = PihakTtd(PihakTandaTangan.PENANDATANGAN, Jabatan.SEKRETARIS, "Pihak Pertama,")
    kedua = PihakTtd(PihakTandaTangan.PENANDATANGAN, Jabatan.KETUA, "Pihak Kedua,")
    settings.SITE_URL = ALAMAT
    with jenis_sementara(dataclasses.replace(iku, pihak_ttd=(pertama, kedua))):
        satker = KabKotaFactory()
        sekretaris = SekretarisFactory(satker=satker, nama="RAHMAT UJI PERTAMA, S.E.")
        ketua = KetuaFactory(satker=satker, nama="NI'MATULLAH UJI KEDUA")
        pastikan_kunci_tte()
        dokumen = ke_status(IkuFactory(satker=satker, penandatangan=sekretaris), "DISETUJUI")
        client.force_login(akun_penandatangan(dokumen))

        response = client.get(_url(dokumen))

    html = response.content.decode()
    assert [p.tanda_tangan.nama for p in response.context["pratinjau"].pihak] == [
        sekretaris.nama,
        ketua.nama,
    ]
    assert html.index("Pihak Pertama,") < html.index(sekretaris.nama) < html.index("Pihak Kedua,")
    assert html.index("Pihak Kedua,") < html.index(escape(ketua.nama))
    assert "tanpa NIP" in html  # the Ketua, a commissioner, has none
    assert html.count('class="row small mb-0 mt-2 sertifikat"') == 2


def test_the_preview_token_is_as_long_as_a_real_one():
    assert len(TOKEN_PRATINJAU) == len(secrets.token_urlsafe(BYTE_TOKEN))
