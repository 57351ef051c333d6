"""Issue 10, finding 18: simultaneous `revisi/` calls on one published document: one creates
version 2, every other gets 409 like the other conflicts (it was 400), and one draft exists.

Real concurrency needs real connections and row locks: PostgreSQL only, one thread per client
with its own connection, released together by a barrier (as tests/test_konkurensi.py).
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from rest_framework.authtoken.models import Token

from dokumen.models import Dokumen, StatusDokumen
from tests.conftest import dokumen_seed
from tests.test_konkurensi import _klien, data_seed  # noqa: F401

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="butuh PostgreSQL: penguncian baris antar-koneksi (SQLite mengunci seluruh berkas)",
)

KLIEN = 4


@pytest.mark.usefixtures("data_seed")
def test_of_simultaneous_revisions_one_wins_and_the_others_get_409():
    rak = dokumen_seed("kab-lebak", "RAK")
    Dokumen.objects.filter(pk=rak.pk).update(
        status=StatusDokumen.TERBIT, sha256="0" * 64, token_verifikasi="t" * 32
    )
    user = get_user_model().objects.get(username="operator.kab-lebak")
    token = Token.objects.create(user=user).key
    url = f"/api/v1/dokumen/{rak.pk}/revisi/"
    serentak = threading.Barrier(KLIEN)
    hasil: list = [None] * KLIEN

    def kirim(nomor: int) -> None:
        try:
            api = _klien(token)
            serentak.wait(timeout=30)
            response = api.post(url, {"alasan": f"Revisi {nomor}"}, format="json")
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

    kode = sorted(status for status, _ in hasil)
    assert kode == [201] + [409] * (KLIEN - 1), hasil
    for status, isi in hasil:
        if status == 409:
            assert set(isi) == {"detail"}
    versi = Dokumen.objects.filter(satker=rak.satker, jenis="RAK", tahun=rak.tahun)
    assert sorted(versi.values_list("versi", "status")) == [
        (1, StatusDokumen.TERBIT),
        (2, StatusDokumen.DRAF),
    ]
