"""`manage.py capaian`, the command-line contract of issue 14: names, flags and output."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command


def _capaian(*args: str) -> str:
    keluaran = StringIO()
    call_command("capaian", *args, stdout=keluaran)
    return keluaran.getvalue()


def test_teks_seperti_halaman():
    assert _capaian("--polaritas", "naik", "--target", "80", "--realisasi", "66") == (
        "Capaian: 82,50 % (Hampir tercapai)\nCapaian = 66 ÷ 80 × 100 % = 82,50 %\n"
    )


def test_json_dengan_batas():
    data = json.loads(
        _capaian(
            "--polaritas",
            "naik",
            "--target",
            "100",
            "--realisasi",
            "130",
            "--batas",
            "120",
            "--json",
        )
    )

    assert data == {
        "capaian": 120.0,
        "capaian_mentah": 130.0,
        "kategori": "Tercapai",
        "penjelasan": "Capaian = 130 ÷ 100 × 100 % = 130,00 %; dibatasi 120,00 %",
    }


@pytest.mark.parametrize(
    ("args", "capaian", "penjelasan"),
    [
        (
            ["--polaritas", "turun", "--target", "0,2", "--realisasi", "0,3"],
            50.0,
            "Indikator menurun: (2 − 0,3 ÷ 0,2) × 100 % = 50,00 %",
        ),
        (
            [
                "--polaritas",
                "rentang",
                "--target",
                "20",
                "--target-atas",
                "30",
                "--realisasi",
                "15",
            ],
            75.0,
            "Di bawah rentang 20–30: 15 ÷ 20 × 100 % = 75,00 %",
        ),
        (
            ["--polaritas", "kualitatif", "--skala", "predikat", "--target", "minimal B"]
            + ["--realisasi", "BB"],
            100.0,
            "Kualitatif (AA > A > BB > B > CC > C > D): realisasi BB, target minimal B → "
            "tercapai, 100,00 %",
        ),
        (
            ["--polaritas", "kualitatif", "--skala", "opini-bpk", "--target", "WTP"]
            + ["--realisasi", "WDP"],
            0.0,
            "Kualitatif (WTP > WDP > TW > TMP): realisasi WDP, target WTP → belum tercapai, 0,00 %",
        ),
    ],
)
def test_setiap_polaritas(args, capaian, penjelasan):
    data = json.loads(_capaian(*args, "--json"))

    assert (data["capaian"], data["penjelasan"]) == (capaian, penjelasan)


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        (["--polaritas", "naik", "--target", "0", "--realisasi", "3"], "Target 0 tidak dapat"),
        (["--polaritas", "naik", "--target", "sepuluh", "--realisasi", "3"], "bukan angka"),
        (["--polaritas", "rentang", "--target", "20", "--realisasi", "3"], "--target-atas"),
        (["--polaritas", "kualitatif", "--target", "WTP", "--realisasi", "WTP"], "--skala"),
    ],
)
def test_masukan_salah_pesan_jelas(args, pesan):
    with pytest.raises(CommandError, match=pesan):
        _capaian(*args)


def test_dari_baris_perintah_kode_keluar_dan_stderr():
    # Batch jobs read the exit status: 0 with the JSON on stdout, 1 with the reason on stderr.
    def jalankan(*args):
        return subprocess.run(
            [sys.executable, "manage.py", "capaian", *args],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    baik = jalankan("--polaritas", "turun", "--target", "10", "--realisasi", "8", "--json")
    buruk = jalankan("--polaritas", "naik", "--target", "0", "--realisasi", "1")

    assert baik.returncode == 0, baik.stderr
    assert json.loads(baik.stdout)["capaian"] == 120.0
    assert buruk.returncode == 1
    assert "Target 0 tidak dapat dipakai" in buruk.stderr
