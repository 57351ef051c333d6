"""`manage.py impor_satker` and the Admin RI page: the same service, its preview printed or
shown, applied only when asked (the flag) or confirmed (the page's signed token)."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from satker.models import JejakProfil, Satker
from tests.factories import AdminRiFactory
from tests.satker.test_impor import csv_dari

pytestmark = pytest.mark.django_db

BERKAS = csv_dari(
    "kab-pandeglang,KPU Kabupaten Pandeglang,KABKOTA,prov-banten,Pandeglang,Jl. Raya",
    "kab-lebak,KPU Kabupaten Lebak,KABKOTA,prov-banten,Rangkasbitung Baru,",
)
BERKAS_GALAT = csv_dari(
    "kab-pandeglang,KPU Kabupaten Pandeglang,KABKOTA,prov-banten,Pandeglang,",
    "kab-x,KPU Kab X,KABKOTA,prov-tidak-ada,X,",
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _perintah(tmp_path, isi: bytes, *argumen: str, nama: str = "satker.csv") -> str:
    jalur = tmp_path / nama
    jalur.write_bytes(isi)
    keluaran = StringIO()
    call_command("impor_satker", "--berkas", str(jalur), *argumen, stdout=keluaran)
    return keluaran.getvalue()


# The command ------------------------------------------------------------------------------


def test_the_command_prints_the_preview_and_changes_nothing(tmp_path):
    keluaran = _perintah(tmp_path, BERKAS)

    baris = keluaran.splitlines()
    assert baris[0].startswith("Berkas: satker.csv (SHA-256 ")
    assert (
        baris[1] == "Baris    2  kab-pandeglang  BARU     KPU Kabupaten Pandeglang "
        "(KABKOTA, induk prov-banten)"
    )
    assert baris[2] == (
        "Baris    3  kab-lebak       BERUBAH  kota penandatanganan: “Rangkasbitung” → "
        "“Rangkasbitung Baru”"
    )
    assert baris[3] == "Ringkasan: 1 baru, 1 berubah, 0 tetap, 0 galat."
    assert baris[4].startswith("9 satker di basis data tidak ada di berkas (4 di antaranya")
    assert baris[5] == (
        "Pratinjau saja: tidak ada yang diubah. Jalankan lagi dengan --terapkan untuk menerapkan."
    )
    assert not Satker.objects.filter(kode="kab-pandeglang").exists()


def test_the_command_applies_with_terapkan_and_then_has_nothing_left(tmp_path):
    keluaran = _perintah(tmp_path, BERKAS, "--terapkan")

    assert keluaran.splitlines()[-1] == "Diterapkan: 1 satker baru, 1 diubah."
    assert Satker.objects.get(kode="kab-lebak").kota_ttd == "Rangkasbitung Baru"
    assert JejakProfil.objects.filter(satker__kode="kab-lebak", oleh=None).exists()

    lagi = _perintah(tmp_path, BERKAS, "--terapkan")
    assert "Ringkasan: 0 baru, 0 berubah, 2 tetap, 0 galat." in lagi
    assert lagi.splitlines()[-1] == (
        "Tidak ada yang perlu diterapkan: semua satker sudah sesuai berkas."
    )


@pytest.mark.parametrize("argumen", [(), ("--terapkan",)])
def test_the_command_fails_on_errors_and_applies_nothing(tmp_path, argumen):
    keluaran = StringIO()
    jalur = tmp_path / "satker.csv"
    jalur.write_bytes(BERKAS_GALAT)

    with pytest.raises(CommandError) as galat:
        call_command("impor_satker", "--berkas", str(jalur), *argumen, stdout=keluaran)

    assert (
        "Baris    3  kab-x           GALAT    Satker induk “prov-tidak-ada” tidak ada di berkas "
        "maupun di basis data."
    ) in keluaran.getvalue()
    assert "Tidak ada yang diubah" in str(galat.value) or "tidak ada yang diubah" in str(
        galat.value
    )
    assert not Satker.objects.filter(kode="kab-pandeglang").exists()


def test_the_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("impor_satker", "--berkas", str(tmp_path / "tidak-ada.csv"))


# The page ---------------------------------------------------------------------------------


def _unggah(client, isi: bytes, nama: str = "satker.csv"):
    return client.post(
        reverse("satker-impor"), {"berkas": SimpleUploadedFile(nama, isi, "text/csv")}
    )


@pytest.mark.parametrize("persona", ["operator_lebak", "reviewer_banten", "ketua_lebak"])
def test_only_the_admin_ri_may_open_the_page(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("satker-impor")).status_code == 403
    assert _unggah(client, BERKAS).status_code == 403
    assert "Impor daftar satker" not in client.get(reverse("satker-list")).content.decode()


def test_upload_preview_then_confirm_applies_the_file(client):
    admin = AdminRiFactory()  # an Admin RI who is not a superuser
    client.force_login(admin)
    assert "Impor daftar satker" in client.get(reverse("satker-list")).content.decode()

    pratinjau = _unggah(client, BERKAS)

    assert pratinjau.status_code == 200
    html = pratinjau.content.decode()
    assert "1 baru" in html
    assert "1 berubah" in html
    assert "kota penandatanganan: “Rangkasbitung” → “Rangkasbitung Baru”" in html
    assert not Satker.objects.filter(kode="kab-pandeglang").exists()
    token = pratinjau.context["token"]

    hasil = client.post(reverse("satker-impor"), {"token": token}, follow=True)

    assert "Daftar satker diterapkan: 1 satker baru, 1 diubah, 0 tetap." in hasil.content.decode()
    assert Satker.objects.filter(kode="kab-pandeglang").exists()
    assert JejakProfil.objects.get(satker__kode="kab-lebak").oleh == admin
    # The kept file is gone: the same token applies nothing twice.
    lagi = client.post(reverse("satker-impor"), {"token": token}, follow=True)
    assert "Pratinjau sudah kedaluwarsa atau tidak dikenal" in lagi.content.decode()


def test_a_file_with_errors_shows_them_and_offers_no_confirmation(client, admin_ri):
    client.force_login(admin_ri)

    response = _unggah(client, BERKAS_GALAT)

    html = response.content.decode()
    assert "Satker induk “prov-tidak-ada” tidak ada di berkas maupun di basis data." in html
    assert "Berkas tidak dapat diterapkan" in html
    assert "token" not in response.context


def test_a_token_of_another_user_or_tampered_is_refused(client, admin_ri):
    client.force_login(admin_ri)
    token = _unggah(client, BERKAS).context["token"]
    client.force_login(AdminRiFactory())

    response = client.post(reverse("satker-impor"), {"token": token}, follow=True)
    assert "Pratinjau sudah kedaluwarsa atau tidak dikenal" in response.content.decode()
    client.force_login(admin_ri)
    response = client.post(reverse("satker-impor"), {"token": token + "x"}, follow=True)
    assert "Pratinjau sudah kedaluwarsa atau tidak dikenal" in response.content.decode()
    assert not Satker.objects.filter(kode="kab-pandeglang").exists()


def test_a_file_changed_in_storage_after_the_preview_is_refused(client, admin_ri, settings):
    client.force_login(admin_ri)
    pratinjau = _unggah(client, BERKAS)
    (settings.MEDIA_ROOT / "impor_satker" / pratinjau.context["pratinjau"].sidik).write_bytes(
        BERKAS + b"kab-y,KPU Y,KABKOTA,prov-banten,Y,\n"
    )

    response = client.post(reverse("satker-impor"), {"token": pratinjau.context["token"]})

    assert response.status_code == 409
    assert not Satker.objects.filter(kode="kab-pandeglang").exists()


def test_a_too_large_upload_is_refused(client, admin_ri, monkeypatch):
    monkeypatch.setattr("satker.views_impor.UKURAN_MAKS", 100)
    client.force_login(admin_ri)

    response = _unggah(client, BERKAS)

    assert "Berkas terlalu besar: paling besar 0 MB." in response.content.decode()
