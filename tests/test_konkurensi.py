"""Concurrent saves through the API: several clients PATCH the same draft with the same `revisi`
at the same moment; exactly one wins, the others get 409 and nothing of theirs is kept.

Real concurrency needs real connections and row locks, so this runs on PostgreSQL only (SQLite
serialises writers on the whole file). Each thread is its own API client with its own database
connection; a barrier releases them together.
"""

import copy
import threading
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test.utils import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dokumen.api import PESAN_KONFLIK
from dokumen.baris import data_baris
from dokumen.fixture import muat_fixture
from dokumen.models import Dokumen
from satker.demo import buat_akun_demo
from tests.conftest import FAST_HASHER, dokumen_seed

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="butuh PostgreSQL: penguncian baris antar-koneksi (SQLite mengunci seluruh berkas)",
)

KLIEN = 6
OPERATOR = "operator.kab-lebak"


@pytest.fixture
def data_seed(transactional_db):
    """The seed documents and accounts, loaded again into the freshly flushed database."""
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        muat_fixture(Path(django_settings.BASE_DIR) / "fixtures")
        buat_akun_demo()


def _perubahan(awal: dict, nomor: int) -> dict:
    """Client `nomor`'s edit: a header field for the first two, one RAK row each for the rest."""
    if nomor == 0:
        return {"tempat_ttd": "Tempat dari klien 0"}
    if nomor == 1:
        return {"label_lampiran": "LAMPIRAN KLIEN 1"}
    baris = copy.deepcopy(awal["baris"])
    semua = [b for sasaran in baris for b in sasaran["baris"]]
    semua[nomor - 2]["kegiatan"] = f"Kegiatan dari klien {nomor}"
    return {"baris": baris}


def _klien(token: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


@pytest.mark.usefixtures("data_seed")
def test_of_simultaneous_saves_of_one_version_exactly_one_wins():
    rak = dokumen_seed("kab-lebak", "RAK")
    token = Token.objects.create(user=get_user_model().objects.get(username=OPERATOR)).key
    url = f"/api/v1/dokumen/{rak.pk}/"
    awal = _klien(token).get(url).json()
    assert sum(len(s["baris"]) for s in awal["baris"]) >= KLIEN - 2
    perubahan = [_perubahan(awal, nomor) for nomor in range(KLIEN)]
    serentak = threading.Barrier(KLIEN)
    hasil: list = [None] * KLIEN

    def kirim(nomor: int) -> None:
        try:
            api = _klien(token)
            isian = {"suntingan": awal["suntingan"], **perubahan[nomor]}
            serentak.wait(timeout=30)
            response = api.patch(url, isian, format="json")
            hasil[nomor] = (response.status_code, response.json())
        except Exception as galat:  # reported by the assertions below
            hasil[nomor] = (None, repr(galat))
        finally:
            connections.close_all()

    utas = [threading.Thread(target=kirim, args=(nomor,)) for nomor in range(KLIEN)]
    for t in utas:
        t.start()
    for t in utas:
        t.join(timeout=60)

    kode = [status for status, _ in hasil]
    assert sorted(kode) == [200] + [409] * (KLIEN - 1), hasil
    pemenang = kode.index(200)
    for status, isi in hasil:
        if status == 409:
            assert isi == {"detail": PESAN_KONFLIK}
    akhir = Dokumen.objects.get(pk=rak.pk)
    assert akhir.suntingan == awal["suntingan"] + 1
    harapan = awal | perubahan[pemenang]
    assert akhir.tempat_ttd == harapan["tempat_ttd"]
    assert akhir.label_lampiran == harapan["label_lampiran"]
    assert data_baris(akhir) == harapan["baris"]
    assert hasil[pemenang][1]["suntingan"] == akhir.suntingan
