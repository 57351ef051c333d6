"""Two submissions of one TW report at the same moment: the row lock lets exactly one through,
the other sees it submitted; one step in the history. PostgreSQL only (real row locks)."""

import threading
from decimal import Decimal as D

import pytest
from django.db import connection, connections

from dokumen.penolakan import TransisiDitolak
from pengukuran.alur import laporan_transisi
from pengukuran.models import AksiLaporan, RiwayatLaporan, StatusLaporan
from pengukuran.services import laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import IndikatorPk
from satker.models import Peran
from tests.factories import akun_satker

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="butuh PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_dua_pengajuan_serentak_hanya_satu_tercatat(pk_terbit):
    operator = akun_satker(pk_terbit.satker, Peran.OPERATOR)
    sekretaris = akun_satker(pk_terbit.satker, Peran.SEKRETARIS)
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    isian = {
        i.pk: {"nilai": D(3) if i.agregasi == "KUMULATIF" else D(91)}
        for i in IndikatorPk.objects.filter(sasaran__dokumen=pk_terbit)
    }
    laporan = realisasi_simpan(laporan=laporan, isian=isian, suntingan=0, oleh=operator)
    serentak = threading.Barrier(2)
    hasil: list = [None, None]

    def ajukan(nomor: int, user) -> None:
        try:
            serentak.wait(timeout=30)
            laporan_transisi(laporan=laporan, user=user, aksi=AksiLaporan.AJUKAN)
            hasil[nomor] = "ok"
        except TransisiDitolak as alasan:
            hasil[nomor] = str(alasan)
        finally:
            connections.close_all()

    utas = [
        threading.Thread(target=ajukan, args=(n, user))
        for n, user in enumerate([operator, sekretaris])
    ]
    for t in utas:
        t.start()
    for t in utas:
        t.join(timeout=60)

    assert sorted(hasil) == [
        "Laporan berstatus diajukan; langkah ini tidak dapat dilakukan sekarang.",
        "ok",
    ]
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIAJUKAN
    assert laporan.suntingan == 2  # the save, then one step
    assert RiwayatLaporan.objects.count() == 1
