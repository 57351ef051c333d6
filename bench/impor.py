"""Import benchmark: the preview of a 200-row RAK, from .xlsx and from .docx, against merely
opening the same file with its library.

    DEBUG=1 .venv/bin/python bench/impor.py [--ulang 5] [--baris 200]

Loads the seed fixtures if missing (idempotent), makes (inside a transaction rolled back at
the end) a RAK of Lebak with its seed rows repeated to `--baris` rows, exports it as .xlsx
(pertukaran.xlsx) and as Word lays such a document out (tests/pertukaran/docx_uji.py: tables
split over pages, merged sasaran cells, ✓ marks), then measures in turns: the bare read of each
file (openpyxl read-only over every cell; python-docx over every table cell: the baseline) and
the whole preview (pertukaran.impor.pratinjau_buat: checks, reading, joining, mapping, the row
rules). Prints medians and ratios. Target: each preview under 2 s; exit status 1 otherwise.
"""

import argparse
import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_kinerja.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from bench.xlsx import median_bergiliran  # noqa: E402
from dokumen.fixture import muat_fixture  # noqa: E402
from dokumen.jenis import jenis_terdaftar  # noqa: E402
from dokumen.models import Dokumen  # noqa: E402
from dokumen.services import dokumen_buat  # noqa: E402
from pertukaran.impor import pratinjau_buat  # noqa: E402
from pertukaran.xlsx import xlsx_dokumen  # noqa: E402

BATAS_DETIK = 2.0
TAHUN = 2099  # no such document: the preview reads as for a new draft


class _Batal(Exception):
    """Leaves the transaction: the bench's document is never kept."""


def rak_besar(jumlah: int) -> Dokumen:
    """A RAK of Lebak with `jumlah` rows: the seed's sasaran repeated, renumbered."""
    terdaftar = jenis_terdaftar("RAK")
    seed = Dokumen.objects.get(satker__kode="kab-lebak", jenis="RAK", tahun=2024, versi=1)
    asal = [
        {k: v for k, v in s.items() if k not in ("kunci", "asal")}
        | {
            "baris": [
                {k: v for k, v in b.items() if k not in ("kunci", "asal")} for b in s["baris"]
            ]
        }
        for s in terdaftar.baca_baris(seed)
    ]
    baris, daun = [], 0
    while daun < jumlah:
        for sasaran in asal:
            if daun >= jumlah:
                break
            anak = sasaran["baris"][: jumlah - daun]
            baris.append(sasaran | {"nomor": str(len(baris) + 1), "baris": anak})
            daun += len(anak)
    dokumen = dokumen_buat(satker=seed.satker, jenis="RAK", tahun=TAHUN - 1)
    terdaftar.ganti_baris(dokumen, baris)
    return dokumen


def baca_polos_xlsx(isi: bytes) -> int:
    buku = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    jumlah = sum(1 for ws in buku.worksheets for baris in ws.iter_rows() for _ in baris)
    buku.close()
    return jumlah


def baca_polos_docx(isi: bytes) -> int:
    from docx import Document

    dokumen = Document(io.BytesIO(isi))
    return sum(len(sel.text) for t in dokumen.tables for r in t.rows for sel in r.cells)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", type=int, default=5, help="repetitions per measurement")
    parser.add_argument("--baris", type=int, default=200, help="rows of the RAK")
    argumen = parser.parse_args()

    muat_fixture(Path(settings.BASE_DIR) / "fixtures")
    from tests.pertukaran.docx_uji import docx_dokumen

    hasil = []
    try:
        with transaction.atomic():
            dokumen = rak_besar(argumen.baris)
            berkas = {"xlsx": xlsx_dokumen(dokumen), "docx": docx_dokumen(dokumen)}
            polos = {"xlsx": baca_polos_xlsx, "docx": baca_polos_docx}
            for format_berkas, isi in berkas.items():

                def pratinjau(isi=isi, format_berkas=format_berkas):
                    p = pratinjau_buat(
                        satker=dokumen.satker,
                        terdaftar=jenis_terdaftar("RAK"),
                        tahun=TAHUN,
                        nama_berkas=f"rak.{format_berkas}",
                        isi=isi,
                    )
                    assert p.jumlah_baris == argumen.baris, (p.jumlah_baris, p.galat)

                pratinjau()  # once untimed: imports and caches warm
                waktu_polos, waktu_pratinjau = median_bergiliran(
                    lambda i=isi, f=polos[format_berkas]: f(i), pratinjau, ulang=argumen.ulang
                )
                hasil.append((format_berkas, len(isi), waktu_polos, waktu_pratinjau))
            raise _Batal
    except _Batal:
        pass

    print(f"{'berkas':<8}{'baris':>6}{'KB':>7}{'polos':>9}{'pratinjau':>11}{'rasio':>8}")
    for format_berkas, ukuran, waktu_polos, waktu_pratinjau in hasil:
        print(
            f"{format_berkas:<8}{argumen.baris:>6}{ukuran / 1024:>7.1f}{waktu_polos:>9.3f}"
            f"{waktu_pratinjau:>11.3f}{waktu_pratinjau / waktu_polos:>8.2f}"
        )
    print(
        f"(detik, median dari {argumen.ulang} kali; rasio = pratinjau impor / membuka berkas "
        "yang sama dengan pustakanya saja)"
    )
    terlama = max(h[3] for h in hasil)
    tercapai = terlama < BATAS_DETIK
    print(
        f"Pratinjau terlama {terlama:.3f} s, target < {BATAS_DETIK} s: "
        f"{'TERCAPAI' if tercapai else 'TIDAK TERCAPAI'}"
    )
    return 0 if tercapai else 1


if __name__ == "__main__":
    sys.exit(main())
