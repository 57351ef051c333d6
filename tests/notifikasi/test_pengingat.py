"""`manage.py kirim_pengingat --tanggal`: the window opens today, closes in 3 days, closed
yesterday with the report missing; each reminder once, however often it runs."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from notifikasi.models import JenisNotifikasi, Notifikasi, PengingatTerkirim
from pengukuran.models import StatusLaporan
from pengukuran.services import laporan_buka
from satker.models import Peran
from tests.factories import KabKotaFactory, PkFactory, akun_satker
from tests.pengukuran.bantu_alur import atur_waktu, jendela
from tests.pengukuran.conftest import pk_terbit  # noqa: F401 — the fixture
from tests.surel_uji import smtp  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def satker(pk_terbit, admin_ri):  # noqa: F811
    """A Kab/Kota with a published PK 2024 and its staff; TW II's national window is 1 to 15
    July 2024. A neighbour with only a draft PK does not report."""
    for peran in (Peran.OPERATOR, Peran.SEKRETARIS, Peran.KETUA):
        akun_satker(pk_terbit.satker, peran)
    tetangga = KabKotaFactory(induk=pk_terbit.satker.induk)
    PkFactory(satker=tetangga)
    akun_satker(tetangga, Peran.OPERATOR)
    jendela(admin_ri, tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    return pk_terbit.satker


def _kirim(tanggal: str) -> str:
    keluaran = StringIO()
    call_command("kirim_pengingat", "--tanggal", tanggal, stdout=keluaran)
    return keluaran.getvalue()


def _penerima(satker, jenis) -> set[str]:
    return set(Notifikasi.objects.filter(jenis=jenis).values_list("penerima__username", flat=True))


def _akun(satker, *peran) -> set[str]:
    return {akun_satker(satker, p).username for p in peran}


def test_the_day_a_window_opens_the_writers_are_told_once(satker):
    assert "Masa pelaporan triwulan dibuka: 2 penerima." in _kirim("2024-07-01")

    assert _penerima(satker, JenisNotifikasi.JENDELA_DIBUKA) == _akun(
        satker, Peran.OPERATOR, Peran.SEKRETARIS
    )
    n = Notifikasi.objects.filter(jenis=JenisNotifikasi.JENDELA_DIBUKA).first()
    assert n.judul == f"Masa pelaporan TW II 2024 {satker} dibuka"
    assert "dibuka 1 Juli 2024 sampai 15 Juli 2024" in n.teks
    assert n.tautan == reverse("pengukuran:triwulan", args=[satker.kode, 2024, 2])

    # Again the same day, and the next: recorded, not sent again.
    assert "tidak ada pengingat baru" in _kirim("2024-07-01")
    assert "tidak ada pengingat baru" in _kirim("2024-07-02")
    assert Notifikasi.objects.count() == 2
    assert PengingatTerkirim.objects.count() == 2


def test_nothing_before_the_window_opens(satker):
    assert "tidak ada pengingat baru" in _kirim("2024-06-30")
    assert not Notifikasi.objects.exists()


def test_three_days_before_closing_the_writers_are_reminded(satker):
    _kirim("2024-07-01")
    assert "tidak ada pengingat baru" in _kirim("2024-07-11")  # 4 days left

    assert "Masa pelaporan ditutup dalam 3 hari: 2 penerima." in _kirim("2024-07-12")
    n = Notifikasi.objects.filter(jenis=JenisNotifikasi.JENDELA_SEGERA_DITUTUP).first()
    assert n.judul == f"Masa pelaporan TW II 2024 {satker} ditutup 15 Juli 2024"
    assert n.teks.startswith("Tinggal 3 hari")
    assert "tidak ada pengingat baru" in _kirim("2024-07-13")


def test_closed_yesterday_with_the_report_missing_tells_the_staff_and_ketua(satker):
    _kirim("2024-07-01")
    _kirim("2024-07-12")

    assert "laporan belum diajukan: 3 penerima." in _kirim("2024-07-16")
    assert _penerima(satker, JenisNotifikasi.JENDELA_DITUTUP) == _akun(
        satker, Peran.OPERATOR, Peran.SEKRETARIS, Peran.KETUA
    )
    n = Notifikasi.objects.filter(jenis=JenisNotifikasi.JENDELA_DITUTUP).first()
    assert n.teks.startswith("Masa pelaporan TW II 2024 ditutup pada 15 Juli 2024.")
    assert "tidak ada pengingat baru" in _kirim("2024-07-17")


def test_a_submitted_report_is_not_reminded(satker, monkeypatch):
    atur_waktu(monkeypatch, 2024, 7, 5, 9, 0)  # opened inside its window
    laporan = laporan_buka(satker=satker, tahun=2024, tw=2)
    laporan.status = StatusLaporan.DIAJUKAN
    laporan.save()

    for hari in ("2024-07-01", "2024-07-12", "2024-07-16"):
        assert "tidak ada pengingat baru" in _kirim(hari)
    assert not Notifikasi.objects.exists()


def test_a_missed_cron_day_is_caught_up_but_not_weeks_later(satker):
    assert "laporan belum diajukan" in _kirim("2024-07-20")
    Notifikasi.objects.all().delete()
    PengingatTerkirim.objects.all().delete()
    assert "tidak ada pengingat baru" in _kirim("2024-08-30")


def test_a_bad_date_is_refused_with_a_message(satker):
    with pytest.raises(CommandError, match="--tanggal harus berbentuk YYYY-MM-DD"):
        _kirim("16-07-2024")


def test_the_reminder_arrives_by_email(satker, smtp, jalankan):  # noqa: F811
    operator = akun_satker(satker, Peran.OPERATOR)
    operator.email = "operator@kpu-uji.go.id"
    operator.save()

    # The test's transaction never commits: its commit callbacks are run here instead.
    with jalankan():
        _kirim("2024-07-01")

    [pesan] = smtp.tunggu(1)
    assert pesan["To"] == "operator@kpu-uji.go.id"
    assert pesan["Subject"] == f"[SAKIP KPU] Masa pelaporan TW II 2024 {satker} dibuka"
    assert "dibuka 1 Juli 2024 sampai 15 Juli 2024" in pesan.get_content()
    assert f"https://kinerja.kpu.go.id/pengukuran/{satker.kode}/2024/tw/2/" in pesan.get_content()
