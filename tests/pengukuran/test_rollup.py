"""The roll-up of shared indicators: the arithmetic written out by hand (counts summed,
Σ pembilang ÷ Σ penyebut for percentages, the last value for "nilai triwulan terakhir"),
which rows are shared, constant queries, the cache and its invalidation."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pengukuran.muat import muat_pengukuran
from pengukuran.rollup import hitung_rollup, rollup, teks_baku
from pengukuran.services import laporan_buka, realisasi_simpan
from tests.factories import ProvinsiFactory
from tests.pengukuran.data_rekap import isi, n, pecahan, satker_ber_pk

pytestmark = pytest.mark.django_db


@pytest.fixture
def provinsi():
    return ProvinsiFactory()


@pytest.fixture
def tiga(provinsi, admin_ri):
    """A, B, C share "Jumlah laporan uji 1.1" (cumulative, 3/6/9/12) and "Persentase
    indikator uji 1.2" (last quarter, 92 %); C reports nothing."""
    _, pk_a, (jumlah_a, persen_a) = satker_ber_pk(provinsi)
    _, pk_b, (jumlah_b, persen_b) = satker_ber_pk(provinsi)
    satker_ber_pk(provinsi)
    isi(pk_a, 1, {jumlah_a: n(3), persen_a: pecahan(45, 50)}, admin_ri)
    isi(pk_a, 2, {jumlah_a: n(2), persen_a: pecahan(47, 50)}, admin_ri)
    isi(pk_b, 1, {jumlah_b: n(1), persen_b: pecahan(18, 20)}, admin_ri)
    return pk_a, pk_b


def _baris(hasil, awal):
    return next(b for b in hasil.baris if b.indikator.startswith(awal))


def test_counts_are_summed_over_the_satker_with_a_result(admin_ri, provinsi, tiga):
    baris = _baris(rollup(admin_ri, 2024, provinsi), "Jumlah laporan")

    assert baris.jumlah_satker == 3
    tw1, tw2, tw3, _ = baris.triwulan
    # TW I: (3 + 1) ÷ (3 + 3) = 66,67 %.
    assert (tw1.melapor, tw1.realisasi, tw1.target) == (2, "4", "6")
    assert tw1.capaian.quantize(D("0.01")) == D("66.67")
    # TW II: B's TW II is missing, so its running total is no result; A: (3 + 2) ÷ 6.
    assert (tw2.melapor, tw2.realisasi, tw2.target) == (1, "5", "6")
    assert tw2.capaian.quantize(D("0.01")) == D("83.33")
    assert tw3.melapor == 0
    assert tw3.capaian is None


def test_percentages_sum_numerators_and_denominators(admin_ri, provinsi, tiga):
    baris = _baris(rollup(admin_ri, 2024, provinsi), "Persentase")

    tw1, tw2, *_ = baris.triwulan
    # TW I: (45 + 18) ÷ (50 + 20) = 90 %, against 92 % → 97,83 %.
    assert (tw1.melapor, tw1.realisasi, tw1.target) == (2, "90", "92")
    assert tw1.capaian.quantize(D("0.01")) == D("97.83")
    # TW II, each satker's last filled quarter: A's TW II 47/50, B's TW I 18/20:
    # 65 ÷ 70 = 92,8571 % → 92,8571 ÷ 92 = 100,93 %.
    assert (tw2.melapor, tw2.realisasi) == (2, "92,86")
    assert tw2.capaian.quantize(D("0.01")) == D("100.93")


def test_a_last_value_count_takes_each_satkers_last_quarter(admin_ri, provinsi):
    baris = [
        {
            "nomor": "1",
            "sasaran": "Sasaran",
            "indikator": [
                {
                    "indikator": "Jumlah dokumen tersusun",
                    "satuan": "Dokumen",
                    "target": "10 Dokumen",
                    "polaritas": "NAIK",
                    "agregasi": "TERAKHIR",
                }
            ],
        }
    ]
    _, pk_a, (a,) = satker_ber_pk(provinsi, baris=baris)
    _, pk_b, (b,) = satker_ber_pk(provinsi, baris=baris)
    isi(pk_a, 1, {a: n(4)}, admin_ri)
    isi(pk_a, 2, {a: n(6)}, admin_ri)
    isi(pk_b, 1, {b: n(5)}, admin_ri)

    tw2 = _baris(rollup(admin_ri, 2024, provinsi), "Jumlah dokumen").triwulan[1]

    # 6 (A's TW II) + 5 (B's TW I) = 11 against 10 + 10: 55 %.
    assert (tw2.realisasi, tw2.target) == ("11", "20")
    assert tw2.capaian == D("55")


def test_shared_means_the_same_normalised_text_satuan_and_method(admin_ri, provinsi):
    def baris(teks, agregasi="KUMULATIF"):
        return [
            {
                "nomor": "1",
                "sasaran": "S",
                "indikator": [
                    {
                        "indikator": teks,
                        "satuan": "Laporan",
                        "target": "12 Laporan",
                        "polaritas": "NAIK",
                        "agregasi": agregasi,
                    }
                ],
            }
        ]

    satker_ber_pk(provinsi, baris=baris("Presentase laporan keuangan."))
    satker_ber_pk(provinsi, baris=baris("  PERSENTASE   Laporan-Keuangan"))
    satker_ber_pk(provinsi, baris=baris("Persentase laporan keuangan", "TERAKHIR"))
    satker_ber_pk(provinsi, baris=baris("Indikator satu satker saja"))

    hasil = rollup(admin_ri, 2024, provinsi)

    assert [(b.indikator, b.jumlah_satker) for b in hasil.baris] == [
        ("Presentase laporan keuangan.", 2)
    ]
    assert teks_baku("Presentase  Laporan-Keuangan.") == "persentase laporan keuangan"


def test_kpu_ri_rolls_up_across_provinsi(admin_ri, tiga):
    lain = ProvinsiFactory()
    _, pk, (jumlah, _) = satker_ber_pk(lain)
    isi(pk, 1, {jumlah: n(2)}, admin_ri)

    tw1 = _baris(rollup(admin_ri, 2024), "Jumlah laporan").triwulan[0]

    # (3 + 1 + 2) ÷ (3 + 3 + 3).
    assert (tw1.melapor, tw1.realisasi, tw1.target) == (3, "6", "9")


def _hitung(fungsi) -> int:
    with CaptureQueriesContext(connection) as kueri:
        fungsi()
    return len(kueri.captured_queries)


def test_it_costs_the_same_queries_for_2_or_6_satker_and_2_or_10_indicators(admin_ri):
    ukuran = []
    for satker, indikator in ((2, 2), (6, 10)):
        provinsi = ProvinsiFactory()
        data = [satker_ber_pk(provinsi, indikator=indikator) for _ in range(satker)]
        for _, pk, daftar in data:
            isi(pk, 1, {i: n(3) for i in daftar}, admin_ri)
        ids = [s.pk for s, _, _ in data]
        ukuran.append(_hitung(lambda ids=ids: hitung_rollup(muat_pengukuran(ids, 2024), 2024)))

    assert ukuran == [4, 4]


def test_it_is_cached_then_rebuilt_after_a_realisasi_is_saved(admin_ri, provinsi, tiga):
    pk_a, _ = tiga
    pertama = rollup(admin_ri, 2024, provinsi)

    assert _hitung(lambda: rollup(admin_ri, 2024, provinsi)) == 3  # the version only
    assert rollup(admin_ri, 2024, provinsi) == pertama

    laporan = laporan_buka(satker=pk_a.satker, tahun=2024, tw=3)
    jumlah = next(i for i in pk_a.sasaran_pk.get().indikator.all() if i.urutan == 1)
    realisasi_simpan(
        laporan=laporan, isian={jumlah.pk: {"nilai": D(4)}}, suntingan=0, oleh=admin_ri
    )

    tw3 = _baris(rollup(admin_ri, 2024, provinsi), "Jumlah laporan").triwulan[2]
    # A: 3 + 2 + 4 = 9 against 9.
    assert (tw3.melapor, tw3.realisasi, tw3.capaian) == (1, "9", D("100"))


def test_a_unit_written_with_words_is_a_percentage_as_on_the_entry_form(admin_ri, provinsi):
    # "% (persen)" is a percentage for the form (IndikatorPk.persentase), so for the roll-up.
    baris = [
        {
            "nomor": "1",
            "sasaran": "Sasaran uji",
            "indikator": [
                {
                    "indikator": "Persentase partisipasi",
                    "satuan": "% (persen)",
                    "target": "80",
                    "polaritas": "NAIK",
                    "agregasi": "TERAKHIR",
                }
            ],
        }
    ]
    (_, pk_a, (a,)), (_, pk_b, (b,)) = (satker_ber_pk(provinsi, baris=baris) for _ in range(2))
    isi(pk_a, 1, {a: pecahan(30, 40)}, admin_ri)
    isi(pk_b, 1, {b: pecahan(90, 100)}, admin_ri)

    tw1 = _baris(rollup(admin_ri, 2024, provinsi), "Persentase partisipasi").triwulan[0]

    # Σ pembilang ÷ Σ penyebut = 120 ÷ 140 = 85,71 %, not the mean of 75 % and 90 %.
    assert tw1.realisasi == "85,71"
