"""Backup and restore (`manage.py backup` / `restore`): the whole database and the signed PDFs
make the round trip, on whichever database the suite runs (SQLite or PostgreSQL).

The tests are transactional, as a restore is: the restore commits (or rolls back) for real, and
the seed data is loaded again at the start of each test (the database is flushed after each).
"""

import hashlib
import io
import json
import shutil
import tarfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connections
from django.test.utils import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dokumen.alur import dokumen_terbitkan_langsung
from dokumen.baris import data_baris
from dokumen.fixture import muat_fixture
from dokumen.models import Dokumen, JejakPerubahan
from dokumen.services import KOLOM_KEPALA, dokumen_simpan
from dokumen.tte import init_pki
from dokumen.verifikasi import Putusan, periksa_berkas
from kpu_kinerja.cadangan import NAMA_MANIFEST, jumlah_baris
from satker.demo import PASSWORD_DEMO, buat_akun_demo
from tests.conftest import FAST_HASHER, dokumen_seed
from tests.dokumen.conftest import pki_aktif, pki_dir  # noqa: F401

OPERATOR = "operator.kab-lebak"


def _di_utas_lain(fungsi, **kwargs):
    """`fungsi(**kwargs)` in a thread of its own, with its own database connection.

    pyHanko signs and validates through asyncio.run(), which refuses to run where an event loop
    is already running; the browser tests' Playwright (session-scoped) keeps one running in the
    main thread, and these transactional tests run after them.
    """

    def jalankan():
        try:
            return fungsi(**kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pelaksana:
        return pelaksana.submit(jalankan).result()


@pytest.fixture
def data_seed(transactional_db, settings, tmp_path, pki_aktif):  # noqa: F811
    """Seed documents and accounts, a throw-away MEDIA_ROOT, and one published signed RAK.

    The officials get new ids with each reload, and the development keys are filed by id: so
    each test has its own PKI (the settings of `pki_aktif`, another folder).
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PKI_DIR = tmp_path / "pki"
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        muat_fixture(Path(django_settings.BASE_DIR) / "fixtures")
        buat_akun_demo()
    init_pki(settings.PKI_DIR)
    operator = get_user_model().objects.get(username=OPERATOR)
    Token.objects.create(user=operator)
    iku = dokumen_seed("kab-lebak", "IKU")
    kepala = {kolom: getattr(iku, kolom) for kolom in KOLOM_KEPALA} | {"tempat_ttd": "Cadangan"}
    dokumen_simpan(
        dokumen=iku, kepala=kepala, baris=data_baris(iku), suntingan=iku.suntingan, oleh=operator
    )
    return _di_utas_lain(dokumen_terbitkan_langsung, dokumen=dokumen_seed("kab-lebak", "RAK"))


def _cadangkan(tmp_path: Path) -> Path:
    arsip = tmp_path / "cadangan" / "kinerja.tar.gz"
    call_command("backup", out=arsip)
    return arsip


def _manifest(arsip: Path) -> dict:
    with tarfile.open(arsip, "r:gz") as isi:
        return json.load(isi.extractfile(NAMA_MANIFEST))


def test_a_backup_survives_losing_the_database_and_the_files(data_seed, tmp_path, client):
    terbit = data_seed
    sebelum = jumlah_baris()
    berkas = Path(terbit.berkas_pdf.path)
    token = Token.objects.get(user__username=OPERATOR).key

    arsip = _cadangkan(tmp_path)
    manifest = _manifest(arsip)
    # Everything is gone: the database emptied, the media folder deleted.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(django_settings.MEDIA_ROOT)
    assert not berkas.exists()
    assert not Dokumen.objects.exists()

    call_command("restore", str(arsip))

    assert jumlah_baris() == sebelum == manifest["jumlah"]
    for label in ("dokumen.dokumen", "dokumen.jejakperubahan", "auth.user", "authtoken.token"):
        assert sebelum[label], label
    pulih = Dokumen.objects.get(pk=terbit.pk)
    isi = Path(pulih.berkas_pdf.path).read_bytes()
    assert hashlib.sha256(isi).hexdigest() == pulih.sha256 == terbit.sha256
    assert _di_utas_lain(periksa_berkas, dokumen=pulih, pdf=isi).putusan == Putusan.ASLI
    assert JejakPerubahan.objects.filter(dokumen__jenis="IKU", oleh__username=OPERATOR).exists()
    # Accounts work as before: passwords, the reviewer group's permissions, API tokens.
    masuk = client.post("/masuk/", {"username": OPERATOR, "password": PASSWORD_DEMO})
    assert masuk.status_code == 302
    reviewer = get_user_model().objects.get(username="reviewer.banten")
    assert reviewer.has_perm("dokumen.view_jejakperubahan")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get(f"/api/v1/dokumen/{terbit.pk}/").status_code == 200


def test_the_manifest_describes_the_backup(data_seed, tmp_path):
    manifest = _manifest(_cadangkan(tmp_path))

    assert manifest["format"] == 1
    assert manifest["versi_aplikasi"] == django_settings.APP_VERSION
    assert manifest["dibuat"]
    assert "dokumen.0005_jejak_perubahan" in manifest["migrasi"]
    assert list(manifest["media"]) == [data_seed.berkas_pdf.name]
    assert not {"contenttypes.contenttype", "auth.permission", "sessions.session"} & set(
        manifest["jumlah"]
    )
    assert not [label for label in manifest["jumlah"] if label.startswith("axes.")]


def test_restore_refuses_a_database_that_holds_data_unless_told_to_replace_it(data_seed, tmp_path):
    arsip = _cadangkan(tmp_path)
    sebelum = jumlah_baris()
    Dokumen.objects.filter(pk=data_seed.pk).update(tempat_ttd="Diubah setelah cadangan")

    with pytest.raises(CommandError, match="--ya"):
        call_command("restore", str(arsip))
    assert Dokumen.objects.get(pk=data_seed.pk).tempat_ttd == "Diubah setelah cadangan"

    call_command("restore", str(arsip), ya=True)

    assert jumlah_baris() == sebelum
    assert Dokumen.objects.get(pk=data_seed.pk).tempat_ttd == data_seed.tempat_ttd


def _ubah_manifest(arsip: Path, tujuan: Path, ubah) -> Path:
    with tarfile.open(arsip, "r:gz") as lama, tarfile.open(tujuan, "w:gz") as baru:
        for anggota in lama.getmembers():
            isi = lama.extractfile(anggota).read()
            if anggota.name == NAMA_MANIFEST:
                manifest = json.loads(isi)
                ubah(manifest)
                isi = json.dumps(manifest).encode()
                anggota.size = len(isi)
            baru.addfile(anggota, io.BytesIO(isi))
    return tujuan


def _simpan_iku(oleh) -> None:
    """Save Lebak's IKU unchanged: new row ids, and a new audit entry."""
    iku = dokumen_seed("kab-lebak", "IKU")
    kepala = {kolom: getattr(iku, kolom) for kolom in KOLOM_KEPALA}
    dokumen_simpan(
        dokumen=iku, kepala=kepala, baris=data_baris(iku), suntingan=iku.suntingan, oleh=oleh
    )


def test_a_count_that_differs_after_loading_rolls_everything_back(data_seed, tmp_path):
    operator = get_user_model().objects.get(username=OPERATOR)
    arsip = _cadangkan(tmp_path)
    rusak = _ubah_manifest(
        arsip,
        tmp_path / "rusak.tar.gz",
        lambda manifest: manifest["jumlah"].update({"dokumen.dokumen": 1}),
    )
    _simpan_iku(operator)  # rows with ids beyond those in the backup
    Dokumen.objects.filter(pk=data_seed.pk).update(tempat_ttd="Tetap")
    sebelum = jumlah_baris()

    with pytest.raises(CommandError, match="dokumen.dokumen 1 → "):
        call_command("restore", str(rusak), ya=True)

    assert jumlah_baris() == sebelum
    assert Dokumen.objects.get(pk=data_seed.pk).tempat_ttd == "Tetap"
    # New ids still come after the existing rows: the flush's sequence reset was rolled back.
    _simpan_iku(operator)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        ({"catatan.txt": b"bukan cadangan"}, "bukan arsip cadangan"),
        ({NAMA_MANIFEST: b'{"format": 1}', "../luar.txt": b"x"}, "tidak aman"),
    ],
    ids=["no-manifest", "path-traversal"],
)
def test_restore_refuses_what_is_not_a_backup(tmp_path, isi, pesan):
    arsip = tmp_path / "asing.tar.gz"
    with tarfile.open(arsip, "w:gz") as tar:
        for nama, data in isi.items():
            info = tarfile.TarInfo(nama)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

    with pytest.raises(CommandError, match=pesan):
        call_command("restore", str(arsip), ya=True)
    assert not (tmp_path.parent / "luar.txt").exists()
