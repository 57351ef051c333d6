"""The IKU's page and print table group rows by program the way the editor does: a row's
program, or, when empty, the program of the row above (the editor saves it on a group's first
row only), so a document saved by the editor prints the same groups."""

import pytest

from indikator.selectors import tabel_iku
from tests.factories import IkuFactory, baris_iku

PROGRAM_A = "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]"
PROGRAM_B = "PROGRAM PENYELENGGARAAN PEMILU DALAM PROSES KONSOLIDASI DEMOKRASI [076.01.CQ]"


def _kelompok(dokumen) -> list[tuple[str, int]]:
    return [(k.program, len(k.baris)) for k in tabel_iku(dokumen).kelompok]


@pytest.mark.django_db
@pytest.mark.parametrize("diulang", [False, True], ids=["sekali", "setiap-baris"])
def test_rows_below_a_program_belong_to_it_whether_or_not_it_is_repeated(diulang):
    baris = baris_iku(5)
    for posisi, program in enumerate([PROGRAM_A, PROGRAM_A, PROGRAM_A, PROGRAM_B, PROGRAM_B]):
        pertama = posisi in (0, 3)
        baris[posisi]["program"] = program if pertama or diulang else ""

    assert _kelompok(IkuFactory(baris=baris)) == [(PROGRAM_A, 3), (PROGRAM_B, 2)]


@pytest.mark.django_db
def test_rows_before_any_program_are_a_group_without_one():
    baris = baris_iku(3)
    baris[2]["program"] = PROGRAM_A
    assert _kelompok(IkuFactory(baris=baris)) == [("", 2), (PROGRAM_A, 1)]
