"""`manage.py export_dokumen … --format xlsx --out f.xlsx` beside the PDF (the default)."""

import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook


@pytest.mark.django_db
def test_it_writes_the_xlsx_when_asked(tmp_path):
    keluar = tmp_path / "rak.xlsx"
    out = StringIO()

    call_command(
        "export_dokumen", "--satker", "kab-lebak", "--jenis", "rak", "--tahun", "2024",
        "--format", "xlsx", "--out", str(keluar), stdout=out,
    )  # fmt: skip

    assert load_workbook(io.BytesIO(keluar.read_bytes())).active.title == "RAK"
    assert f"RAK 2024 KPU Kabupaten Lebak (Draf) → {keluar}" in out.getvalue()


@pytest.mark.django_db
def test_the_default_format_stays_pdf(tmp_path):
    keluar = tmp_path / "iku.pdf"

    call_command(
        "export_dokumen", "--satker", "kota-serang", "--jenis", "iku", "--tahun", "2024",
        "--out", str(keluar), stdout=StringIO(),
    )  # fmt: skip

    assert keluar.read_bytes().startswith(b"%PDF")


@pytest.mark.django_db
def test_it_refuses_an_unknown_format(tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'docx'"):
        call_command(
            "export_dokumen", "--satker", "kab-lebak", "--jenis", "rak", "--tahun", "2024",
            "--format", "docx", "--out", str(tmp_path / "x"),
        )  # fmt: skip


@pytest.mark.django_db
def test_it_refuses_xlsx_for_an_output_without_it(tmp_path):
    with pytest.raises(CommandError, match="--format xlsx belum tersedia untuk --jenis pengukuran"):
        call_command(
            "export_dokumen", "--satker", "kab-lebak", "--jenis", "pengukuran", "--tahun",
            "2024", "--tw", "1", "--format", "xlsx", "--out", str(tmp_path / "x.xlsx"),
        )  # fmt: skip
