"""The TW report's workflow: submitted → the Sekretaris and Ketua who approve; returned → the
satker's staff, with the note; nothing to anyone outside the satker."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from notifikasi.models import JenisNotifikasi, Notifikasi
from pengukuran.alur import laporan_transisi
from pengukuran.models import AksiLaporan
from pengukuran.services import laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import IndikatorPk
from satker.models import Peran
from tests.factories import KabKotaFactory, KetuaPenggunaFactory, akun_satker
from tests.pengukuran.conftest import operator, pk_terbit  # noqa: F401 — fixtures used by name

pytestmark = pytest.mark.django_db


@pytest.fixture
def laporan_lengkap(pk_terbit, operator):  # noqa: F811
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    isian = {
        i.pk: {"nilai": D(3) if i.agregasi == "KUMULATIF" else D(91)}
        for i in IndikatorPk.objects.filter(sasaran__dokumen=laporan.perjanjian)
    }
    KetuaPenggunaFactory(satker=KabKotaFactory(induk=pk_terbit.satker.induk))  # a neighbour
    return realisasi_simpan(
        laporan=laporan, isian=isian, suntingan=laporan.suntingan, oleh=operator
    )


def _penerima(jenis) -> set[str]:
    return set(Notifikasi.objects.filter(jenis=jenis).values_list("penerima__username", flat=True))


def test_a_submitted_report_waits_for_the_sekretaris_and_ketua(laporan_lengkap, operator, jalankan):  # noqa: F811
    satker = laporan_lengkap.satker
    with jalankan():
        laporan_transisi(laporan=laporan_lengkap, user=operator, aksi=AksiLaporan.AJUKAN)

    harapan = {akun_satker(satker, p).username for p in (Peran.SEKRETARIS, Peran.KETUA)}
    assert _penerima(JenisNotifikasi.MENUNGGU_PERSETUJUAN) == harapan
    n = Notifikasi.objects.first()
    assert n.judul == f"Laporan TW I 2024 {satker} menunggu persetujuan Anda"
    assert n.tautan == reverse("pengukuran:alur", args=[satker.kode, 2024, 1])


def test_a_returned_report_tells_the_staff_with_the_note(laporan_lengkap, operator, jalankan):  # noqa: F811
    satker = laporan_lengkap.satker
    laporan = laporan_transisi(laporan=laporan_lengkap, user=operator, aksi=AksiLaporan.AJUKAN)
    reviewer = akun_satker(satker.induk, Peran.REVIEWER_PROVINSI)
    with jalankan():
        laporan_transisi(
            laporan=laporan, user=reviewer, aksi=AksiLaporan.KEMBALIKAN, catatan="Bukti kurang."
        )

    staf = {akun_satker(satker, p).username for p in (Peran.OPERATOR, Peran.SEKRETARIS)}
    staf.add(akun_satker(satker, Peran.KETUA).username)
    assert _penerima(JenisNotifikasi.DIKEMBALIKAN) == staf
    assert "Bukti kurang." in Notifikasi.objects.filter(jenis=JenisNotifikasi.DIKEMBALIKAN)[0].teks
