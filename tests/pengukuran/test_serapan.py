"""Serapan anggaran (pengukuran.serapan), worked by hand: realisasi ÷ anggaran × 100 %,
cumulative over the quarters, per kegiatan and per group; no anggaran said in words."""

from decimal import Decimal as D

import pytest

from pengukuran.serapan import (
    hitung,
    kumulatif,
    rupiah_desimal,
    serapan_gabungan,
    serapan_kegiatan,
)


@pytest.mark.parametrize(
    ("anggaran", "realisasi", "persen", "penjelasan"),
    [
        (
            5_000_000,
            D(1_250_000),
            D("25.00"),
            "Serapan = Rp1.250.000 ÷ Rp5.000.000 × 100 % = 25,00 %",
        ),
        (
            3_000_000,
            D(1_000_000),
            D("33.33"),
            "Serapan = Rp1.000.000 ÷ Rp3.000.000 × 100 % = 33,33 %",
        ),
        (
            3_000_000,
            D(2_000_000),
            D("66.67"),
            "Serapan = Rp2.000.000 ÷ Rp3.000.000 × 100 % = 66,67 %",
        ),
        (8_170_412_000, D(8_170_412_000), D("100.00"), None),
        (1_000, D(0), D("0.00"), "Serapan = Rp0 ÷ Rp1.000 × 100 % = 0,00 %"),
        (1_000, D("250.50"), D("25.05"), "Serapan = Rp250,5 ÷ Rp1.000 × 100 % = 25,05 %"),
        (None, D(500), None, "Serapan tidak dihitung: anggaran belum diisi di RAK."),
        (0, D(0), None, "Serapan tidak dihitung: anggaran Rp0."),
    ],
)
def test_hitung(anggaran, realisasi, persen, penjelasan):
    hasil = hitung(anggaran, realisasi)
    assert hasil.persen == persen
    if penjelasan:
        assert hasil.penjelasan == penjelasan


def test_kumulatif_menjumlahkan_triwulan_dan_yang_kosong_nol():
    assert kumulatif([D(100), None, D(50), D(25)]) == [D(100), D(100), D(150), D(175)]


def test_rupiah_desimal():
    assert rupiah_desimal(D("8170412000.00")) == "Rp8.170.412.000"
    assert rupiah_desimal(None) == ""


def test_serapan_kegiatan_per_triwulan():
    k = serapan_kegiatan(4_000_000, [D(1_000_000), None, D(2_000_000), D(1_000_000)])
    assert [s.persen for s in k.per_tw] == [D("25.00"), D("25.00"), D("75.00"), D("100.00")]
    assert k.per_tw[2].penjelasan == "Serapan = Rp3.000.000 ÷ Rp4.000.000 × 100 % = 75,00 %"


def test_gabungan_menjumlahkan_anggaran_dan_realisasi():
    # 1.000.000 + 3.000.000 = 4.000.000; TW I 500.000 + 500.000 = 1.000.000 → 25 %;
    # TW II adds 1.000.000 on the second → 2.000.000 → 50 %.
    a = serapan_kegiatan(1_000_000, [D(500_000), None, None, None])
    b = serapan_kegiatan(3_000_000, [D(500_000), D(1_000_000), None, None])
    tw = serapan_gabungan([a, b])
    assert [s.persen for s in tw] == [D("25.00"), D("50.00"), D("50.00"), D("50.00")]
    assert tw[1].penjelasan == "Serapan = Rp2.000.000 ÷ Rp4.000.000 × 100 % = 50,00 %"


def test_gabungan_tidak_menghitung_kegiatan_tanpa_anggaran():
    # The kegiatan without anggaran spent Rp0 (the service refuses more); one with Rp0
    # anggaran is left out of the ratio as well, and named only when it spent something.
    a = serapan_kegiatan(2_000_000, [D(500_000), None, None, None])
    tanpa = serapan_kegiatan(None, [D(0), None, None, None])
    nol = serapan_kegiatan(0, [None, None, None, None])
    tw = serapan_gabungan([a, tanpa, nol])
    assert tw[0].persen == D("25.00")
    assert tw[0].anggaran == D(2_000_000)
    assert tw[0].penjelasan == "Serapan = Rp500.000 ÷ Rp2.000.000 × 100 % = 25,00 %"


def test_gabungan_menyebut_belanja_di_luar_anggaran():
    a = serapan_kegiatan(2_000_000, [D(500_000), None, None, None])
    lepas = serapan_kegiatan(None, [D(100_000), None, None, None])
    assert serapan_gabungan([a, lepas])[0].penjelasan.endswith(
        "(tanpa Rp100.000 dari kegiatan yang tidak beranggaran)"
    )


def test_gabungan_tanpa_kegiatan_beranggaran():
    tw = serapan_gabungan([serapan_kegiatan(None, [None] * 4)])
    assert tw[0].persen is None
    assert tw[0].penjelasan == "Serapan tidak dihitung: anggaran belum diisi di RAK."
    assert serapan_gabungan([])[3].persen is None


def test_grafik_serapan_batang_kumulatif_dan_triwulan_belum_diisi():
    from pengukuran.grafik_serapan import grafik_serapan

    k = serapan_kegiatan(4_000_000, [D(1_000_000), D(1_000_000), None, None])
    svg = grafik_serapan(serapan_gabungan([k]), "Serapan <uji>", [True, True, False, False])

    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert "Serapan &lt;uji&gt;" in svg
    assert "<uji>" not in svg
    assert svg.count("<rect") == 3  # two bars and the legend's swatch
    assert ">25,00 %</text>" in svg
    assert ">50,00 %</text>" in svg
    assert "TW III: belum diisi" in svg
    assert ' id="' not in svg


def test_grafik_serapan_di_atas_pagu_memperpanjang_sumbu():
    from pengukuran.grafik_serapan import grafik_serapan

    k = serapan_kegiatan(1_000, [D(1_200), None, None, None])
    svg = grafik_serapan(serapan_gabungan([k]))
    assert ">150 %</text>" in svg  # 120 % on an axis of round steps
    assert ">120,00 %</text>" in svg
