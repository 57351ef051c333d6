"""The database holds the five seed documents faithfully.

Cells are compared with text read from fixtures/seeds/*.txt at test time, after collapsing
whitespace. A seed cell is located by its 1-based line number in the seed file and its 1-based
column (tab-separated lines split on tabs; markdown rows split on `|`).
"""

import re
from collections import Counter
from decimal import Decimal
from functools import cache

import pytest

from rencana_aksi.models import BarisRak, IndikatorRkt
from satker.models import Satker
from tests.conftest import FIXTURES, dokumen_seed

pytestmark = pytest.mark.django_db

SEEDS = {
    "kab-kutai-barat": "000_9acf2ddc442e9efc.txt",
    "kota-banjarbaru": "001_9fceddc6d779b3a9.txt",
    "kota-serang": "002_a977b74a16b02a17.txt",
    "kab-barito-selatan": "003_3c44485e731022be.txt",
    "kab-lebak": "004_e16f25f016000dd9.txt",
}

# (satker, jenis) → first and last seed line of the document's table.
TABLES = {
    ("kab-kutai-barat", "IKU"): (39, 52),
    ("kota-banjarbaru", "IKU"): (50, 71),
    ("kota-serang", "IKU"): (45, 62),
    ("kab-barito-selatan", "IKU"): (18, 26),
    ("kab-lebak", "IKU"): (66, 74),
    ("kab-lebak", "RKT"): (89, 115),
    ("kab-lebak", "RAK"): (128, 158),
}

# Seed cells (satker, line, column) whose text was repaired while transcribing, so they are
# not expected verbatim in the database.
KNOWN_REPAIRS = {
    # fixtures/README.md, Banjarbaru: WA row 5's Sumber Data is joined with its page-break orphan.
    ("kota-banjarbaru", 66, 4),
    ("kota-banjarbaru", 70, 4),
    # fixtures/README.md, Serang: OCR misreadings "Dukuagan", "Penbuatan", "Peilaian".
    ("kota-serang", 50, 2),
    ("kota-serang", 53, 2),
    ("kota-serang", 61, 3),
    # fixtures/README.md, Barito Selatan: OCR misreadings; row 1's word-interleaved Sumber Data;
    # row 2 shifted and interleaved; rows 3-4's "KPU yang" merged back into PERHITUNGAN;
    # "Adhock" in row 6.
    *(("kab-barito-selatan", 20, col) for col in (2, 3, 5, 6, 7, 8)),
    *(("kab-barito-selatan", 21, col) for col in (2, 3, 4, 5, 8)),
    *(("kab-barito-selatan", 23, col) for col in (2, 3, 4)),
    *(("kab-barito-selatan", 24, col) for col in (3, 4)),
    *(("kab-barito-selatan", 26, col) for col in (2, 3, 5)),
}
# fixtures/README.md, RAK row 17b: shifted one column right, so its ticks are not under I-IV.
RAK_SHIFTED_TICK_LINES = {156}
TICK = "\u2713"
TW_COLUMNS = slice(6, 10)  # RAK columns 7-10: quarters I-IV


def norm(text) -> str:
    return " ".join(str(text).split())


@cache
def seed_lines(satker: str) -> tuple[str, ...]:
    path = FIXTURES / "seeds" / SEEDS[satker]
    return tuple(path.read_text(encoding="utf-8").splitlines())


def seed_line(satker: str, line: int) -> str:
    return norm(seed_lines(satker)[line - 1])


def split_cells(raw: str) -> list[str] | None:
    """The cells of a table line, or None when the line is not a table row."""
    if raw.lstrip().startswith("|"):
        return [norm(cell) for cell in raw.strip()[1:-1].split("|")]
    if "\t" in raw:
        return [norm(cell) for cell in raw.split("\t")]
    return None


def seed_cell(satker: str, line: int, column: int) -> str:
    cells = split_cells(seed_lines(satker)[line - 1])
    assert cells is not None, f"{SEEDS[satker]}:{line} is not a table row"
    return cells[column - 1]


def is_header_or_rule(cells: list[str]) -> bool:
    """Headers, "1 2 3 4" / "I II III IV" rows, `|--|` rules and seed 000's `----` junk row."""
    filled = [cell for cell in cells if cell]
    return (
        cells[0].lower().rstrip(".") == "no"
        or all(re.fullmatch(r"\d+|I{1,3}|IV", cell) for cell in filled)
        or all(re.fullmatch(r"-+", cell) for cell in filled)
    )


def seed_table(satker: str, jenis: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every table row of a document that is not a header."""
    first, last = TABLES[satker, jenis]
    rows = []
    for number in range(first, last + 1):
        cells = split_cells(seed_lines(satker)[number - 1])
        if cells and any(cells) and not is_header_or_rule(cells):
            rows.append((number, cells))
    return rows


def stored_rows(satker: str, jenis: str) -> list:
    dokumen = dokumen_seed(satker, jenis)
    if jenis == "IKU":
        return list(dokumen.baris_iku.order_by("urutan"))
    model = IndikatorRkt if jenis == "RKT" else BarisRak
    return list(
        model.objects.filter(sasaran__dokumen=dokumen)
        .select_related("sasaran")
        .order_by("sasaran__urutan", "urutan")
    )


def stored_cells(satker: str, jenis: str) -> set[str]:
    """Every cell value of a document, normalised; amounts printed the way the paper does."""
    fields = {
        "IKU": ["program", "nomor", "sasaran", "indikator", "cara_penghitungan", "target"]
        + ["sumber_data", "keterangan"],
        "RKT": ["sasaran.nomor", "sasaran.sasaran", "indikator", "target", "kegiatan_aksi"],
        "RAK": ["sasaran.nomor", "sasaran.sasaran", "indikator", "target", "kegiatan"]
        + ["target_kegiatan_aksi", "pelaksana"],
    }[jenis]
    values = set()
    for row in stored_rows(satker, jenis):
        for field in fields:
            obj = row.sasaran if field.startswith("sasaran.") else row
            values.add(norm(getattr(obj, field.removeprefix("sasaran."))))
        if jenis == "RAK" and row.anggaran is not None:
            values.add(f"{row.anggaran:,}".replace(",", "."))
    return values


def stored(satker: str, where: str):
    """A stored value by "JENIS row field": "IKU 3 sasaran", "RKT 1 sasaran" (the sasaran
    itself), "RKT 1.3 indikator" (its third indicator), "RAK 5.2 kegiatan"."""
    jenis, row, field = where.split()
    rows = stored_rows(satker, jenis)
    if jenis == "IKU":
        return getattr(rows[int(row) - 1], field)
    sasaran, _, anak = row.partition(".")
    obj = next(r for r in rows if (r.sasaran.urutan, r.urutan) == (int(sasaran), int(anak or 1)))
    return getattr(obj if anak else obj.sasaran, field)


# --- 1. Row counts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("satker", "jenis", "rows", "sasaran"),
    [
        ("kab-kutai-barat", "IKU", 10, 0),
        ("kota-banjarbaru", "IKU", 8, 0),
        ("kota-serang", "IKU", 13, 0),
        ("kab-barito-selatan", "IKU", 6, 0),
        ("kab-lebak", "IKU", 7, 0),
        ("kab-lebak", "RKT", 22, 18),
        ("kab-lebak", "RAK", 24, 19),
    ],
)
def test_each_document_has_as_many_rows_and_sasaran_as_the_seed(satker, jenis, rows, sasaran):
    dokumen = dokumen_seed(satker, jenis)
    assert len(stored_rows(satker, jenis)) == rows
    assert dokumen.sasaran_rkt.count() + dokumen.sasaran_rak.count() == sasaran


def test_banjarbaru_rows_stay_under_their_budget_program():
    programs = Counter(row.program for row in stored_rows("kota-banjarbaru", "IKU"))
    cq, wa = seed_cell("kota-banjarbaru", 53, 1), seed_cell("kota-banjarbaru", 61, 1)
    assert (cq[-11:], wa[-11:]) == ("[076.01.CQ]", "[076.01.WA]")
    assert programs == {cq: 3, wa: 5}


@pytest.mark.parametrize(
    ("satker", "counts"),
    [
        ("kab-kutai-barat", {"TUGAS": 1, "FUNGSI": 15}),
        ("kota-banjarbaru", {"TUGAS": 12, "WEWENANG": 6, "KEWAJIBAN": 15}),
        ("kota-serang", {"TUGAS": 12, "FUNGSI": 6}),
        ("kab-barito-selatan", {"TUGAS": 5, "FUNGSI": 1}),
        ("kab-lebak", {"TUGAS": 1, "FUNGSI": 17}),
    ],
)
def test_each_satker_keeps_its_tupoksi(satker, counts):
    tupoksi = Satker.objects.get(kode=satker).tupoksi.values_list("jenis", flat=True)
    assert Counter(tupoksi) == counts


@pytest.mark.parametrize(
    ("satker", "officials"),
    [
        ("kab-kutai-barat", {"KETUA": 60}),
        ("kota-banjarbaru", {"KETUA": 79}),
        ("kota-serang", {"KETUA": 71}),
        ("kab-barito-selatan", {}),
        ("kab-lebak", {"KETUA": 84, "SEKRETARIS": 165}),
    ],
)
def test_each_satker_has_the_officials_named_in_the_seed(satker, officials):
    """`officials` maps each jabatan to the seed line that prints the name."""
    pejabat = Satker.objects.get(kode=satker).pejabat.all()
    expected = {jabatan: seed_line(satker, line) for jabatan, line in officials.items()}
    assert {p.jabatan: p.nama for p in pejabat} == expected


def test_lebak_sekretaris_keeps_the_nip_printed_under_the_name():
    sekretaris = Satker.objects.get(kode="kab-lebak").pejabat.get(jabatan="SEKRETARIS")
    assert sekretaris.nip == seed_line("kab-lebak", 166).removeprefix("NIP. ")
    assert sekretaris.nip == "198301282009021004"


# --- 2. Exact cells -----------------------------------------------------------------------

SAMPLES = [
    # (satker, seed line, seed column) → stored "JENIS row field"
    ("kab-kutai-barat", 40, 2, "IKU 1 sasaran"),
    ("kab-kutai-barat", 45, 3, "IKU 5 keterangan"),  # after the blank line (page break)
    ("kab-kutai-barat", 45, 4, "IKU 5 sumber_data"),
    ("kab-kutai-barat", 46, 1, "IKU 6 nomor"),
    ("kab-kutai-barat", 51, 4, "IKU 10 sumber_data"),
    ("kota-banjarbaru", 53, 1, "IKU 1 program"),
    ("kota-banjarbaru", 54, 3, "IKU 1 cara_penghitungan"),
    ("kota-banjarbaru", 61, 1, "IKU 4 program"),  # second table
    ("kota-banjarbaru", 65, 2, "IKU 7 indikator"),
    ("kota-banjarbaru", 66, 3, "IKU 8 cara_penghitungan"),
    ("kota-serang", 47, 2, "IKU 1 indikator"),
    ("kota-serang", 57, 3, "IKU 8 cara_penghitungan"),  # after the page break
    ("kota-serang", 59, 3, "IKU 10 cara_penghitungan"),
    ("kota-serang", 62, 4, "IKU 13 sumber_data"),
    ("kab-barito-selatan", 20, 4, "IKU 1 target"),
    ("kab-barito-selatan", 23, 5, "IKU 3 sumber_data"),  # after the blank line
    ("kab-barito-selatan", 24, 2, "IKU 4 indikator"),
    ("kab-barito-selatan", 26, 4, "IKU 6 target"),
    ("kab-lebak", 67, 2, "IKU 1 indikator"),
    ("kab-lebak", 68, 3, "IKU 2 cara_penghitungan"),
    ("kab-lebak", 71, 2, "IKU 4 indikator"),  # after the blank line
    ("kab-lebak", 74, 4, "IKU 7 sumber_data"),
    ("kab-lebak", 93, 3, "RKT 1.3 indikator"),
    ("kab-lebak", 108, 5, "RKT 11.1 kegiatan_aksi"),  # after the repeated header
    ("kab-lebak", 110, 5, "RKT 13.1 kegiatan_aksi"),
    ("kab-lebak", 115, 2, "RKT 18 sasaran"),
    ("kab-lebak", 136, 5, "RAK 5.2 kegiatan"),
    ("kab-lebak", 142, 12, "RAK 11.1 pelaksana"),
    ("kab-lebak", 148, 5, "RAK 12.2 kegiatan"),  # after the repeated header
    ("kab-lebak", 149, 12, "RAK 13.1 pelaksana"),
    ("kab-lebak", 158, 3, "RAK 19.1 indikator"),
]


@pytest.mark.parametrize(("satker", "line", "column", "where"), SAMPLES)
def test_stored_cell_equals_the_seed_cell(satker, line, column, where):
    expected = seed_cell(satker, line, column)
    assert expected, f"{SEEDS[satker]}:{line} column {column} is empty"
    assert norm(stored(satker, where)) == expected


# --- 3. Every seed row is present ---------------------------------------------------------


@pytest.mark.parametrize(("satker", "jenis"), list(TABLES))
def test_every_unrepaired_seed_cell_is_stored(satker, jenis):
    stored_values = stored_cells(satker, jenis)
    missing = [
        f"{SEEDS[satker]}:{line} column {column}: {cell!r}"
        for line, cells in seed_table(satker, jenis)
        for column, cell in enumerate(cells, start=1)
        if cell
        and cell != TICK
        and (satker, line, column) not in KNOWN_REPAIRS
        and cell not in stored_values
    ]
    assert missing == []


@pytest.mark.parametrize(("satker", "jenis"), list(TABLES))
def test_every_seed_data_row_is_a_stored_row(satker, jenis):
    """Group rows and page-break orphans fill one cell; data rows fill two or more."""
    data_rows = [cells for _, cells in seed_table(satker, jenis) if sum(map(bool, cells)) > 1]
    assert len(data_rows) == len(stored_rows(satker, jenis))
    if jenis == "IKU":
        assert [row.nomor for row in stored_rows(satker, jenis)] == [c[0] for c in data_rows]


def test_lebak_rak_rows_tick_the_quarters_the_seed_ticks():
    seed = seed_table("kab-lebak", "RAK")
    rows = stored_rows("kab-lebak", "RAK")
    assert len(seed) == len(rows)
    for (line, cells), row in zip(seed, rows, strict=True):
        if line not in RAK_SHIFTED_TICK_LINES:
            assert row.triwulan == [c == TICK for c in cells[TW_COLUMNS]], f"seed line {line}"


# --- 4. Quirks ----------------------------------------------------------------------------


def test_barito_selatan_is_dated_to_the_month_with_its_own_budget_year_and_no_signer():
    d = dokumen_seed("kab-barito-selatan", "IKU")
    assert (d.tahun, d.tahun_anggaran, d.tanggal_ttd_presisi) == (2024, 2023, "BULAN")
    assert d.penandatangan is None


def test_lebak_rak_budgets_sit_on_five_rows_only():
    rows = stored_rows("kab-lebak", "RAK")
    anggaran = [(r.sasaran.nomor, r.urutan, r.anggaran) for r in rows if r.anggaran is not None]
    assert anggaran == [
        ("1", 1, 8170412000),
        ("7", 1, 2012063000),
        ("11", 1, 225836000),
        ("13", 1, 507642000),
        ("16", 1, 22880000),
    ]


def test_lebak_rak_row_8_runs_in_the_second_and_fourth_quarters_only():
    assert stored("kab-lebak", "RAK 8.1 triwulan") == [False, True, False, True]


@pytest.mark.parametrize(
    ("jenis", "jabatan"), [("IKU", "KETUA"), ("RKT", "KETUA"), ("RAK", "SEKRETARIS")]
)
def test_lebak_documents_are_signed_by_the_official_of_the_seed(jenis, jabatan):
    assert dokumen_seed("kab-lebak", jenis).penandatangan.jabatan == jabatan


def test_kutai_barat_keeps_3_twice():
    assert [row.nomor for row in stored_rows("kab-kutai-barat", "IKU")].count("3.") == 2


def test_banjarbaru_keeps_its_lampiran_label():
    assert dokumen_seed("kota-banjarbaru", "IKU").label_lampiran == "LAMPIRAN 1"
    assert seed_line("kota-banjarbaru", 3) == "LAMPIRAN 1"


@pytest.mark.parametrize(
    ("satker", "where", "target", "nilai", "satuan"),
    [
        ("kab-barito-selatan", "IKU 1", "100 %", Decimal(100), "%"),
        ("kab-lebak", "RKT 3.1", "12 Laporan", Decimal(12), "Laporan"),
    ],
)
def test_targets_are_parsed_into_number_and_unit(satker, where, target, nilai, satuan):
    assert stored(satker, f"{where} target") == target
    assert stored(satker, f"{where} target_nilai") == nilai
    assert stored(satker, f"{where} target_satuan") == satuan
