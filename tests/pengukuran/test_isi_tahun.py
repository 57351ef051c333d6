"""The year page's body is built once per version of its data (pengukuran/isi_tahun.py,
pengukuran/versi.py): a second view reads nothing but the version, and every change a reader
could see — a saved figure, a report step, a PK version, the satker's cap — shows at once."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pengukuran.alur import laporan_transisi
from pengukuran.models import AksiLaporan, AturanPengukuran, BatasCapaian, LaporanTriwulan
from pengukuran.services import laporan_buka, realisasi_simpan
from pengukuran.versi import versi_pengukuran
from perjanjian_kinerja.models import IndikatorPk
from satker.models import Satker

pytestmark = pytest.mark.django_db


def _indikator(pk):
    return list(
        IndikatorPk.objects.filter(sasaran__dokumen=pk).order_by("sasaran__urutan", "urutan")
    )


def _simpan(pk, tw, isian, oleh):
    laporan = laporan_buka(satker=pk.satker, tahun=pk.tahun, tw=tw)
    return realisasi_simpan(laporan=laporan, isian=isian, suntingan=laporan.suntingan, oleh=oleh)


def _lihat(client, pk) -> tuple[int, str]:
    url = reverse("pengukuran:tahun", args=[pk.satker.kode, pk.tahun])
    with CaptureQueriesContext(connection) as kueri:
        response = client.get(url)
    assert response.status_code == 200
    return len(kueri), response.content.decode()


def _isi(html: str) -> str:
    """The cached body: from the quarters' status to the end of the charts."""
    return html[html.index('id="status-laporan"') : html.index('id="grafik-pengukuran"')]


def _versi(pk) -> str:
    return versi_pengukuran(Satker.objects.filter(pk=pk.satker_id), pk.tahun)


def test_the_second_view_reads_only_the_version(client, pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(3)}}, operator)
    client.force_login(operator)

    pertama, html_pertama = _lihat(client, pk_terbit)
    kedua, html_kedua = _lihat(client, pk_terbit)

    assert _isi(html_kedua) == _isi(html_pertama)
    assert kedua == pertama - 6  # the table's six reads are skipped


def test_a_saved_figure_shows_on_the_next_view(client, pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(3)}}, operator)
    client.force_login(operator)
    _lihat(client, pk_terbit)

    laporan = LaporanTriwulan.objects.get(satker=pk_terbit.satker, tw=1)
    realisasi_simpan(
        laporan=laporan,
        isian={jumlah.pk: {"nilai": D(7)}},
        suntingan=laporan.suntingan,
        oleh=operator,
    )
    _, html = _lihat(client, pk_terbit)

    assert '<span class="fw-semibold nilai-realisasi">7</span>' in html


def test_a_report_step_shows_on_the_next_view(client, pk_terbit, operator):
    indikator = _indikator(pk_terbit)
    laporan = _simpan(pk_terbit, 1, {i.pk: {"nilai": D(1)} for i in indikator}, operator)
    client.force_login(operator)
    _, sebelum = _lihat(client, pk_terbit)

    laporan_transisi(laporan=laporan, user=operator, aksi=AksiLaporan.AJUKAN)
    _, sesudah = _lihat(client, pk_terbit)

    assert 'data-isi="1"' in sebelum
    assert 'data-status="DIAJUKAN"' in sesudah
    assert 'data-isi="1"' not in sesudah  # a submitted report is read, not filled


def test_a_new_cap_shows_on_the_next_view(client, pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    # Far above the year's target: 120 % at most once the cap is set.
    _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(1000)}}, operator)
    client.force_login(operator)
    _, tanpa_batas = _lihat(client, pk_terbit)

    aturan = AturanPengukuran.objects.create(
        satker=pk_terbit.satker, batas=BatasCapaian.SERATUS_DUA_PULUH
    )
    _, berbatas = _lihat(client, pk_terbit)
    aturan.batas = BatasCapaian.SERATUS
    aturan.save()
    _, seratus = _lihat(client, pk_terbit)

    assert "120,00 %" not in tanpa_batas
    assert "120,00 %" in berbatas
    assert "120,00 %" not in seratus
    assert "100,00 %" in seratus


def test_the_version_moves_with_each_kind_of_change(pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    awal = _versi(pk_terbit)
    laporan = _simpan(pk_terbit, 1, {jumlah.pk: {"nilai": D(3)}}, operator)
    setelah_isi = _versi(pk_terbit)
    AturanPengukuran.objects.create(satker=pk_terbit.satker)
    setelah_aturan = _versi(pk_terbit)
    AturanPengukuran.objects.filter(satker=pk_terbit.satker).delete()
    setelah_hapus = _versi(pk_terbit)
    laporan.delete()

    assert len({awal, setelah_isi, setelah_aturan}) == 3
    # The same data, the same version: nothing is rebuilt for a change undone.
    assert setelah_hapus == setelah_isi
    assert _versi(pk_terbit) == awal
