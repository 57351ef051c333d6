from decimal import Decimal

import pytest

from dokumen.target import (
    PESAN_DESIMAL,
    PESAN_TANPA_ANGKA,
    PESAN_TERLALU_BESAR,
    baca_target,
    peringatan_target,
)


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


@pytest.mark.parametrize(
    ("teks", "nilai", "satuan"),
    [
        ("0.2%", Decimal("0.2"), "%"),
        ("12.5 %", Decimal("12.5"), "%"),
        ("1000.5 Laporan", Decimal("1000.5"), "Laporan"),
        ("0.200%", Decimal("0.2"), "%"),
        ("1.000", Decimal("1000"), ""),
        ("1.000,5 kali", Decimal("1000.5"), "kali"),
        ("87,50%", Decimal("87.5"), "%"),
    ],
)
def test_it_reads_a_dot_decimal_where_it_cannot_be_a_thousands_separator(teks, nilai, satuan):
    terbaca = baca_target(teks)
    assert (terbaca.nilai, terbaca.satuan, terbaca.galat) == (nilai, satuan, "")


@pytest.mark.parametrize("teks", ["١٢٣٤%", "８５%", "1,000.5 %", "lOOo/o"])
def test_non_ascii_digits_and_garbled_text_give_no_number(teks):
    assert baca_target(teks).nilai is None


@pytest.mark.parametrize(
    ("teks", "galat"),
    [
        ("12345678901234567 %", PESAN_TERLALU_BESAR),
        ("1" * 30, PESAN_TERLALU_BESAR),
        ("1,12345%", PESAN_DESIMAL),
    ],
)
def test_a_number_too_long_to_store_is_not_kept_and_says_why(teks, galat):
    terbaca = baca_target(teks)
    assert (terbaca.nilai, terbaca.galat) == (None, galat)


def test_sixteen_digits_and_four_decimals_are_kept():
    assert baca_target("1234567890123456,1234 %").nilai == Decimal("1234567890123456.1234")


@pytest.mark.parametrize(
    ("teks", "peringatan"),
    [
        ("", ""),
        ("85%", ""),
        ("WTP", PESAN_TANPA_ANGKA),
        ("lOOo/o", PESAN_TANPA_ANGKA),
        ("12345678901234567 %", ""),  # refused by the forms with its own message
    ],
)
def test_a_written_target_without_a_number_gets_a_warning(teks, peringatan):
    assert peringatan_target(teks) == peringatan
