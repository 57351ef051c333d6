from decimal import Decimal

import pytest

from dokumen.target import baca_target


@pytest.mark.parametrize(
    ("teks", "nilai", "satuan"),
    [
        ("85%", Decimal("85"), "%"),
        ("100 %", Decimal("100"), "%"),
        ("87,5%", Decimal("87.5"), "%"),
        ("12 Laporan", Decimal("12"), "Laporan"),
        ("3 kali", Decimal("3"), "kali"),
        ("2 Lap", Decimal("2"), "Lap"),
        ("Rp8.170.412.000", Decimal("8170412000"), "Rp"),
        ("Rp 1.500.000", Decimal("1500000"), "Rp"),
        ("8.170.412.000", Decimal("8170412000"), ""),
    ],
)
def test_it_reads_number_and_unit(teks, nilai, satuan):
    terbaca = baca_target(teks)
    assert (terbaca.nilai, terbaca.satuan) == (nilai, satuan)


@pytest.mark.parametrize(
    "teks", ["", "WTP", "minimal B", "KPU yang", "abc 12", "Rp abc", "1.2.3", "12" + "x" * 40]
)
def test_it_keeps_no_number_for_text_it_cannot_read(teks):
    terbaca = baca_target(teks)
    assert terbaca.nilai is None
    assert terbaca.satuan == ""
