"""The reporting window: which one applies, when it is open (Jakarta time), reopenings, who is
late, and entries refused outside it with nothing saved."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pengukuran.jendela import (
    KeadaanJendela,
    Masa,
    StatusTw,
    keadaan_jendela,
    status_tw_satker,
)
from pengukuran.models import JendelaPelaporan, PembukaanKembali, Realisasi, StatusLaporan
from pengukuran.services import MasaPelaporanDitutup, laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import IndikatorPk
from satker.models import Satker, Tingkat
from tests.factories import KabKotaFactory
from tests.pengukuran.bantu_alur import atur_waktu, jendela

pytestmark = pytest.mark.django_db

TGL = datetime.date


MASA = Masa(TGL(2024, 7, 1), TGL(2024, 7, 15), dari_provinsi=False)


def _keadaan(hari, masa=MASA, sampai=None):
    return KeadaanJendela(2024, 2, masa, sampai, hari)


@pytest.mark.parametrize(
    ("hari", "terbuka", "sisa"),
    [
        (TGL(2024, 6, 30), False, None),
        (TGL(2024, 7, 1), True, 14),
        (TGL(2024, 7, 15), True, 0),
        (TGL(2024, 7, 16), False, None),
    ],
)
def test_terbuka_dari_hari_dibuka_sampai_akhir_hari_ditutup(hari, terbuka, sisa):
    keadaan = _keadaan(hari)

    assert (keadaan.terbuka, keadaan.sisa_hari) == (terbuka, sisa)


def test_pesan_sebelum_dan_sesudah_masa():
    assert _keadaan(TGL(2024, 6, 30)).pesan_tutup == (
        "Masa pelaporan TW II 2024 baru dibuka pada 1 Juli 2024."
    )
    assert _keadaan(TGL(2024, 7, 16)).pesan_tutup == (
        "Masa pelaporan TW II 2024 ditutup pada 15 Juli 2024."
    )
    assert _keadaan(TGL(2024, 7, 10)).pesan_tutup == ""


def test_tanpa_masa_selalu_terbuka_dan_tidak_pernah_terlambat():
    keadaan = _keadaan(TGL(2030, 1, 1), masa=None)

    assert keadaan.terbuka
    assert keadaan.sisa_hari is None
    assert not keadaan.terlambat(None)


def test_dibuka_kembali_sampai_tanggalnya():
    masih = _keadaan(TGL(2024, 7, 18), sampai=TGL(2024, 7, 20))
    lewat = _keadaan(TGL(2024, 7, 21), sampai=TGL(2024, 7, 20))

    assert (masih.terbuka, masih.dibuka_kembali, masih.sisa_hari) == (True, True, 2)
    assert not masih.terlambat(StatusLaporan.DRAF)
    assert not lewat.terbuka
    assert lewat.pesan_tutup == (
        "Masa pelaporan TW II 2024 ditutup pada 15 Juli 2024; pembukaan kembali berakhir "
        "pada 20 Juli 2024."
    )
    assert lewat.terlambat(StatusLaporan.DRAF)


@pytest.mark.parametrize(
    ("status", "terlambat"),
    [
        (None, True),
        (StatusLaporan.DRAF, True),
        (StatusLaporan.DIAJUKAN, False),
        (StatusLaporan.DISETUJUI, False),
    ],
)
def test_terlambat_bila_masa_lewat_dan_belum_diajukan(status, terlambat):
    assert _keadaan(TGL(2024, 7, 16)).terlambat(status) is terlambat
    assert not _keadaan(TGL(2024, 7, 15)).terlambat(status)


def test_masa_provinsi_mengalahkan_nasional(pk_terbit, admin_ri, django_assert_num_queries):
    satker = pk_terbit.satker
    jendela(admin_ri)
    jendela(admin_ri, provinsi=satker.induk, ditutup=(2024, 7, 31))
    jendela(admin_ri, provinsi=KabKotaFactory().induk, ditutup=(2024, 7, 5))  # another's

    with django_assert_num_queries(1):
        keadaan = keadaan_jendela(satker, 2024, 2, hari=TGL(2024, 7, 20))
    lain = keadaan_jendela(KabKotaFactory(), 2024, 2, hari=TGL(2024, 7, 20))

    assert keadaan.masa == Masa(TGL(2024, 7, 1), TGL(2024, 7, 31), dari_provinsi=True)
    assert keadaan.terbuka
    assert keadaan.sisa_hari == 11
    assert lain.masa.ditutup == TGL(2024, 7, 15)  # a provinsi without its own: the national
    assert not lain.terbuka


def test_ditutup_pada_akhir_hari_waktu_jakarta(monkeypatch, pk_terbit, operator, admin_ri):
    jendela(admin_ri)
    # 23.30 WIB on the closing day is 16.30 UTC: still open.
    atur_waktu(monkeypatch, 2024, 7, 15, 23, 30)
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=2)
    # 00.10 WIB the day after is still 15 July in UTC: closed.
    atur_waktu(monkeypatch, 2024, 7, 16, 0, 10)

    with pytest.raises(MasaPelaporanDitutup) as galat:
        _simpan_satu(laporan, operator)

    assert str(galat.value) == "Masa pelaporan TW II 2024 ditutup pada 15 Juli 2024."


def _simpan_satu(laporan, oleh):
    indikator = IndikatorPk.objects.filter(sasaran__dokumen=laporan.perjanjian).first()
    return realisasi_simpan(
        laporan=laporan,
        isian={indikator.pk: {"nilai": D(3)}},
        suntingan=laporan.suntingan,
        oleh=oleh,
    )


def test_simpan_setelah_ditutup_ditolak_tanpa_menyimpan(monkeypatch, pk_terbit, operator, admin_ri):
    jendela(admin_ri)
    atur_waktu(monkeypatch, 2024, 7, 10, 9, 0)
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=2)
    atur_waktu(monkeypatch, 2024, 7, 16, 9, 0)

    with pytest.raises(ValidationError) as galat:
        _simpan_satu(laporan, operator)

    assert galat.value.message_dict == {
        "__all__": ["Masa pelaporan TW II 2024 ditutup pada 15 Juli 2024."]
    }
    assert not Realisasi.objects.exists()
    laporan.refresh_from_db()
    assert laporan.suntingan == 0


def test_laporan_tidak_dibuka_di_luar_masa(monkeypatch, pk_terbit, admin_ri):
    jendela(admin_ri)
    atur_waktu(monkeypatch, 2024, 6, 20, 9, 0)

    with pytest.raises(MasaPelaporanDitutup, match="baru dibuka pada 1 Juli 2024"):
        laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=2)


def test_tanpa_masa_pelaporan_boleh_diisi_kapan_saja(monkeypatch, pk_terbit, operator):
    atur_waktu(monkeypatch, 2031, 1, 1, 9, 0)
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=2)

    _simpan_satu(laporan, operator)

    assert Realisasi.objects.count() == 1


def test_dibuka_kembali_boleh_disimpan_sampai_tanggalnya(
    monkeypatch, pk_terbit, operator, admin_ri
):
    jendela(admin_ri)
    atur_waktu(monkeypatch, 2024, 7, 10, 9, 0)
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=2)
    PembukaanKembali.objects.create(
        satker=pk_terbit.satker,
        tahun=2024,
        tw=2,
        alasan="Gangguan jaringan",
        sampai=TGL(2024, 7, 20),
        oleh=admin_ri,
    )
    atur_waktu(monkeypatch, 2024, 7, 20, 22, 0)
    laporan = _simpan_satu(laporan, operator)
    atur_waktu(monkeypatch, 2024, 7, 21, 8, 0)

    with pytest.raises(MasaPelaporanDitutup, match="pembukaan kembali berakhir pada 20 Juli"):
        _simpan_satu(laporan, operator)


def test_masa_unik_dan_tanggal_berurutan(admin_ri):
    provinsi = Satker.objects.filter(tingkat=Tingkat.PROVINSI).first()
    jendela(admin_ri)
    jendela(admin_ri, provinsi=provinsi)

    for provinsi_lagi in (None, provinsi):
        with pytest.raises(IntegrityError), transaction.atomic():
            jendela(admin_ri, provinsi=provinsi_lagi)
    salah = JendelaPelaporan(
        tahun=2024,
        tw=3,
        dibuka=TGL(2024, 10, 15),
        ditutup=TGL(2024, 10, 1),
        ditetapkan_oleh=admin_ri,
    )
    with pytest.raises(ValidationError) as galat:
        salah.full_clean()
    assert "Tanggal ditutup tidak boleh sebelum tanggal dibuka." in str(galat.value)


def test_masa_hanya_untuk_provinsi(admin_ri):
    kabkota = KabKotaFactory()
    salah = JendelaPelaporan(
        tahun=2024,
        tw=2,
        provinsi=kabkota,
        dibuka=TGL(2024, 7, 1),
        ditutup=TGL(2024, 7, 15),
        ditetapkan_oleh=admin_ri,
    )

    with pytest.raises(ValidationError) as galat:
        salah.full_clean()

    assert galat.value.message_dict["provinsi"] == ["Pilih satker tingkat KPU Provinsi."]


def test_status_tw_massal(monkeypatch, pk_terbit, operator, admin_ri, django_assert_num_queries):
    satker = pk_terbit.satker
    jendela(admin_ri, tw=1, dibuka=(2024, 4, 1), ditutup=(2024, 4, 15))
    jendela(admin_ri, tw=2)
    atur_waktu(monkeypatch, 2024, 4, 10, 9, 0)
    tw1 = laporan_buka(satker=satker, tahun=2024, tw=1)
    tw1 = _simpan_satu(tw1, operator)
    tw1.status = StatusLaporan.DIAJUKAN
    tw1.save()
    atur_waktu(monkeypatch, 2024, 7, 10, 9, 0)
    _simpan_satu(laporan_buka(satker=satker, tahun=2024, tw=2), operator)
    teman = KabKotaFactory(induk=satker.induk)  # no report at all
    atur_waktu(monkeypatch, 2024, 7, 16, 9, 0)
    qs = Satker.objects.filter(pk__in=[satker.pk, teman.pk])

    with django_assert_num_queries(4):
        status = status_tw_satker(qs, 2024)

    assert status[satker.pk] == {
        1: StatusTw.DIAJUKAN,
        2: StatusTw.TERLAMBAT,
        3: StatusTw.BELUM_MULAI,
        4: StatusTw.BELUM_MULAI,
    }
    assert status[teman.pk][1] == StatusTw.TERLAMBAT
    # Reopened: no longer late while it lasts, a draft again.
    PembukaanKembali.objects.create(
        satker=satker, tahun=2024, tw=2, alasan="Susulan", sampai=TGL(2024, 7, 20), oleh=admin_ri
    )
    assert status_tw_satker(qs, 2024)[satker.pk][2] == StatusTw.DRAF


def test_status_tw_massal_query_tetap(admin_ri, django_assert_num_queries):
    # A provinsi matrix asks this of every satker: the queries do not grow with them.
    jendela(admin_ri)
    for provinsi in Satker.objects.filter(tingkat=Tingkat.PROVINSI)[:3]:
        jendela(admin_ri, provinsi=provinsi, ditutup=(2024, 7, 20))
    kabkota = Satker.objects.filter(tingkat=Tingkat.KABKOTA)

    with django_assert_num_queries(4):
        status = status_tw_satker(kabkota, 2024, hari=TGL(2024, 7, 18))

    assert len(status) == kabkota.count()
    assert {s[2] for s in status.values()} <= {StatusTw.TERLAMBAT, StatusTw.BELUM_MULAI}
