"""Entering a quarter's realisasi: against the published PK, checked field by field, saved
whole or not at all, and measured by the one engine."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from dokumen.models import StatusDokumen
from pengukuran.models import AturanPengukuran, BatasCapaian, Realisasi
from pengukuran.selectors import tabel_pengukuran, tw_berakhir
from pengukuran.services import (
    LaporanBerubah,
    LaporanTidakBisaDiubah,
    laporan_buka,
    realisasi_simpan,
)
from perjanjian_kinerja.models import IndikatorPk
from tests.factories import PkFactory

pytestmark = pytest.mark.django_db


def _indikator(pk):
    return list(
        IndikatorPk.objects.filter(sasaran__dokumen=pk).order_by("sasaran__urutan", "urutan")
    )


def _simpan(laporan, isian, oleh):
    return realisasi_simpan(laporan=laporan, isian=isian, suntingan=laporan.suntingan, oleh=oleh)


def test_tanpa_pk_terbit_tidak_ada_laporan():
    draf = PkFactory()

    with pytest.raises(ValidationError, match="Belum ada Perjanjian Kinerja 2024 yang terbit"):
        laporan_buka(satker=draf.satker, tahun=2024, tw=1)


def test_realisasi_dan_capaian_per_triwulan(pk_terbit, operator):
    jumlah, persen, *_ = _indikator(pk_terbit)
    lap1 = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    _simpan(
        lap1,
        {jumlah.pk: {"nilai": D(3)}, persen.pk: {"pembilang": D(45), "penyebut": D(50)}},
        operator,
    )
    lap2 = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=2)
    _simpan(lap2, {jumlah.pk: {"nilai": D(2), "kendala": "Rapat tertunda"}}, operator)

    tabel = tabel_pengukuran(pk_terbit.satker, 2024, sampai_tw=2)

    baris_jumlah, baris_persen = tabel.sasaran[0].indikator
    tw1, tw2 = baris_jumlah.triwulan[:2]
    assert tw1.capaian.penjelasan == (
        "Kumulatif TW I: 3; target TW I 3. Capaian = 3 ÷ 3 × 100 % = 100,00 %"
    )
    assert tw2.capaian.penjelasan == (
        "Kumulatif TW I–II: 3 + 2 = 5; target TW II 6. Capaian = 5 ÷ 6 × 100 % = 83,33 %"
    )
    assert tw2.realisasi.kendala == "Rapat tertunda"
    assert baris_jumlah.capaian_tahun.nilai == tw2.capaian.nilai
    # 45 of 50 is 90 %, the figure computed from its fraction; TW II empty: the last filled.
    assert baris_persen.triwulan[0].realisasi_tertulis == "90"
    assert baris_persen.capaian_tahun.penjelasan.startswith("Nilai TW I 90; target tahunan 92")


def test_triwulan_yang_belum_berakhir_tidak_masuk_capaian_tahun(pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    lap = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    _simpan(lap, {jumlah.pk: {"nilai": D(3)}}, operator)

    tabel = tabel_pengukuran(pk_terbit.satker, 2024, sampai_tw=0)

    baris = tabel.sasaran[0].indikator[0]
    assert baris.capaian_tahun.nilai is None
    assert baris.capaian_tahun.penjelasan == "Belum ada triwulan yang berakhir."


@pytest.mark.parametrize(
    ("urutan", "isian", "kolom", "pesan"),
    [
        (0, {"nilai": "tiga"}, "nilai", "harus berupa angka"),
        (0, {"nilai": D(-1)}, "nilai", "Realisasi tidak boleh negatif."),
        (0, {"nilai": D("1.23456")}, "nilai", "paling banyak 4 angka di belakang koma"),
        (0, {"nilai_skala": "WTP"}, "nilai", "diukur dengan angka, bukan nilai skala"),
        (1, {"pembilang": D(60), "penyebut": D(50)}, "pembilang", "tidak boleh melebihi penyebut"),
        (1, {"pembilang": D(6)}, "penyebut", "Pembilang dan penyebut diisi bersama."),
        (1, {"pembilang": D(0), "penyebut": D(0)}, "penyebut", "Penyebut harus lebih dari 0."),
        (0, {"tidak_terukur": True}, "alasan_tidak_terukur", "Tuliskan alasan"),
        (0, {"nilai": D(3), "warna": "merah"}, "__all__", "Kolom tidak dikenal: warna."),
    ],
)
def test_masukan_salah_ditolak_di_kolomnya_tanpa_menyimpan(
    pk_terbit, operator, urutan, isian, kolom, pesan
):
    indikator = _indikator(pk_terbit)
    lap = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    benar = indikator[1 - urutan]
    isi_benar = {"nilai": D(3)} if benar.agregasi == "KUMULATIF" else {"nilai": D(91)}

    with pytest.raises(ValidationError) as galat:
        _simpan(lap, {benar.pk: isi_benar, indikator[urutan].pk: isian}, operator)

    assert pesan in galat.value.message_dict[f"{indikator[urutan].pk}-{kolom}"][0]
    assert not Realisasi.objects.exists()  # the good entry was not saved either
    lap.refresh_from_db()
    assert lap.suntingan == 0


def test_indikator_pk_lain_ditolak(pk_terbit, operator):
    lain = _indikator(PkFactory())[0]
    lap = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)

    with pytest.raises(ValidationError) as galat:
        _simpan(lap, {lain.pk: {"nilai": D(1)}}, operator)

    assert "tidak ada pada Perjanjian Kinerja" in galat.value.message_dict[f"{lain.pk}-__all__"][0]


def test_dua_orang_menyimpan_satu_triwulan(pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    lap = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    dibuka = lap.suntingan
    realisasi_simpan(
        laporan=lap, isian={jumlah.pk: {"nilai": D(3)}}, suntingan=dibuka, oleh=operator
    )

    with pytest.raises(LaporanBerubah):
        realisasi_simpan(
            laporan=lap, isian={jumlah.pk: {"nilai": D(9)}}, suntingan=dibuka, oleh=operator
        )

    assert Realisasi.objects.get().nilai == D(3)  # the first save is not lost


def test_mengosongkan_isian_menghapus_realisasinya(pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    lap = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    lap = _simpan(lap, {jumlah.pk: {"nilai": D(3)}}, operator)

    _simpan(lap, {jumlah.pk: {"nilai": None, "catatan": "  "}}, operator)

    assert not Realisasi.objects.exists()


def test_laporan_yang_diajukan_tidak_bisa_diubah(pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    lap = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    lap.status = "DIAJUKAN"
    lap.save()

    with pytest.raises(LaporanTidakBisaDiubah):
        _simpan(lap, {jumlah.pk: {"nilai": D(3)}}, operator)


def test_batas_capaian_satker(pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    lap = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    _simpan(lap, {jumlah.pk: {"nilai": D(6)}}, operator)
    AturanPengukuran.objects.create(satker=pk_terbit.satker, batas=BatasCapaian.SERATUS_DUA_PULUH)

    capaian = (
        tabel_pengukuran(pk_terbit.satker, 2024, sampai_tw=1).sasaran[0].indikator[0].capaian_tahun
    )

    assert (capaian.mentah, capaian.nilai) == (D(200), D(120))


def test_realisasi_mengikuti_pk_perubahan(pk_terbit, operator):
    # TW I reported against v1; the PK Perubahan (v2) is published; TW I still shows beside
    # v2's indicator (the row copied from v1's), and TW II is entered against v2.
    from dokumen.alur import dokumen_buat_revisi
    from tests.factories import ke_status

    jumlah, *_ = _indikator(pk_terbit)
    lap1 = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    _simpan(lap1, {jumlah.pk: {"nilai": D(3)}}, operator)
    v2 = dokumen_buat_revisi(
        dokumen=pk_terbit, user=operator, alasan="Revisi anggaran (DIPA revisi)."
    )
    v2.tanggal_ttd = datetime.date(2024, 7, 1)  # a revision is signed on its own day
    v2.save(update_fields=["tanggal_ttd"])
    v2 = ke_status(v2, StatusDokumen.TERBIT)
    jumlah_v2 = _indikator(v2)[0]
    lap2 = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=2)
    _simpan(lap2, {jumlah_v2.pk: {"nilai": D(3)}}, operator)

    tabel = tabel_pengukuran(pk_terbit.satker, 2024, sampai_tw=2)

    assert tabel.pk == v2
    baris = tabel.sasaran[0].indikator[0]
    assert baris.indikator == jumlah_v2
    assert [sel.realisasi_tertulis for sel in baris.triwulan] == ["3", "3", "", ""]
    assert baris.capaian_tahun.penjelasan.startswith("Kumulatif TW I–II: 3 + 3 = 6; target TW II 6")


def test_query_tetap_berapa_pun_indikatornya(
    django_assert_num_queries, pki_aktif, operator, pk_terbit
):
    from tests.factories import sasaran_pk

    besar = PkFactory(baris=sasaran_pk(jumlah=5, indikator=4), status=StatusDokumen.TERBIT)
    for pk in (pk_terbit, besar):
        for tw in (1, 2):
            laporan_buka(satker=pk.satker, tahun=2024, tw=tw)
    # PK in force, reports, satker rules, the year's versions, realisasi, indicators.
    with django_assert_num_queries(6):
        kecil = tabel_pengukuran(pk_terbit.satker, 2024, sampai_tw=2)
    with django_assert_num_queries(6):
        besar_tabel = tabel_pengukuran(besar.satker, 2024, sampai_tw=2)

    assert sum(len(s.indikator) for s in kecil.sasaran) == 4
    assert sum(len(s.indikator) for s in besar_tabel.sasaran) == 20


@pytest.mark.parametrize(
    ("hari", "tw"),
    [
        (datetime.date(2023, 12, 31), 0),
        (datetime.date(2024, 3, 31), 0),
        (datetime.date(2024, 4, 1), 1),
        (datetime.date(2024, 7, 1), 2),
        (datetime.date(2024, 12, 31), 3),
        (datetime.date(2025, 1, 1), 4),
    ],
)
def test_tw_berakhir(hari, tw):
    assert tw_berakhir(hari, 2024) == tw
