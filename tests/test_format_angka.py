"""Indonesian numbers as capaian and rows print them: "1.234,5", "82,50"."""

from decimal import Decimal

import pytest

from kpu_kinerja.formats import desimal


@pytest.mark.parametrize(
    ("angka", "tempat", "teks"),
    [
        (Decimal("82.5"), 2, "82,50"),
        (Decimal("66.666666"), 2, "66,67"),
        (Decimal("0.005"), 2, "0,01"),  # half up, as people round
        (Decimal("1234.5"), None, "1.234,5"),
        (Decimal("0.3000"), None, "0,3"),
        (Decimal("80.0000"), None, "80"),
        (Decimal("8170412000"), None, "8.170.412.000"),
        (Decimal("-50"), 2, "−50,00"),
        (Decimal("-0.001"), 2, "0,00"),  # rounds to zero: no "−0,00"
    ],
)
def test_desimal(angka, tempat, teks):
    assert desimal(angka, tempat) == teks
