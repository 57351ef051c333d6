"""The TW report's PDF: title, the eleven columns, each indicator's figures and category, the
engine's explanation of every capaian as a numbered footnote, sasaran cells spanning their
indicators, A4 landscape, and the DRAF mark until signed."""

import re
import subprocess

import pytest

from pengukuran.laporan import isi_laporan, warna_muda
from pengukuran.pdf import INDIKATOR_PER_BLOK, blok_cetak, render_html, render_pdf
from pengukuran.ttd import penandatangan_laporan
from satker.models import Peran
from tests.factories import akun_satker
from tests.pengukuran.data_laporan import KENDALA_PANJANG, laporan_tw2, pk_realistis

pytestmark = pytest.mark.django_db

KOLOM = (
    "NO",
    "SASARAN",
    "INDIKATOR",
    "SATUAN",
    "TARGET TAHUN",
    "TARGET TW II",
    "REALISASI TW II",
    "CAPAIAN",
    "KATEGORI",
    "KENDALA",
    "TINDAK LANJUT",
)


@pytest.fixture
def laporan(pki_aktif):
    pk = pk_realistis()
    return laporan_tw2(pk, akun_satker(pk.satker, Peran.OPERATOR))


@pytest.fixture
def pdf(laporan) -> bytes:
    return render_pdf(laporan, pejabat=penandatangan_laporan(laporan)).pdf


def _teks(pdf: bytes, *, tata_letak: bool = False) -> str:
    hasil = subprocess.run(
        ["pdftotext", "-layout" if tata_letak else "-raw", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return hasil.stdout.decode() if tata_letak else " ".join(hasil.stdout.decode().split())


def test_it_prints_the_title_and_the_satker(laporan, pdf):
    teks = _teks(pdf)

    assert "LAPORAN PENGUKURAN KINERJA TRIWULAN II TAHUN 2024" in teks
    assert laporan.satker.nama_lengkap.upper() in teks
    assert "KOMISI PEMILIHAN UMUM" in teks  # the PK's kop


def test_it_prints_the_eleven_columns_in_order(laporan):
    html = render_html(laporan, pejabat=penandatangan_laporan(laporan))
    kepala = re.search(r"<thead>.*?<tr>(.*?)</tr>", html, re.S).group(1)

    assert tuple(re.findall(r"<th>(.*?)</th>", kepala)) == KOLOM
    assert html.count("<col ") == len(KOLOM)


def test_it_is_a4_landscape(pdf):
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    lebar, tinggi = re.search(rb"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout).groups()

    assert round(float(lebar)) == 842
    assert round(float(tinggi)) == 595


def test_each_indicator_prints_its_figures_and_category(pdf):
    teks = _teks(pdf)

    # The cumulative count: TW II's own figure, the cumulative target, the running capaian.
    assert "Jumlah laporan pemutakhiran data pemilih berkelanjutan Laporan 12 Laporan 6 2" in teks
    assert "83,33 %" in teks
    assert "Hampir tercapai" in teks
    # The qualitative indicator, met.
    assert "Opini BPK atas laporan keuangan Opini WTP – WTP 100,00 %" in teks
    # Lower is better: 12 complaints against 10.
    assert "80,00 %" in teks
    assert "Tidak dapat diukur" in teks
    assert "[belum diisi]" in teks  # sasaran 3's first indicator has no TW II figure
    assert "Aduan meningkat menjelang penetapan DPT." in teks
    assert "Percepatan pengadaan triwulan III." in teks
    assert " ".join(KENDALA_PANJANG.split()) in teks


def test_every_capaian_carries_its_explanation_as_a_numbered_footnote(laporan, pdf):
    isi = isi_laporan(laporan)
    teks = _teks(pdf)

    assert [n for n, _ in isi.catatan] == list(range(1, 8))
    for nomor, penjelasan in isi.catatan:
        assert f"{nomor}. {penjelasan}" in teks
    penjelasan = dict(isi.catatan)
    assert penjelasan[1] == (
        "Kumulatif TW I–II: 3 + 2 = 5; target TW II 6. Capaian = 5 ÷ 6 × 100 % = 83,33 %"
    )
    assert penjelasan[3].startswith("Nilai TW II 12; target tahunan 10. Indikator menurun:")
    assert (
        "Kualitatif (WTP > WDP > TW > TMP): realisasi WTP, target WTP → tercapai" in (penjelasan[4])
    )
    assert penjelasan[7] == (
        "TW II tidak dapat diukur: Survei kepuasan baru dilaksanakan pada triwulan III."
    )


def test_sasaran_cells_span_their_indicators(laporan):
    html = render_html(laporan, pejabat=penandatangan_laporan(laporan))
    blok = re.findall(r'<tbody class="blok">(.*?)</tbody>', html, re.S)

    assert [b.count("<tr>") for b in blok] == [3, 2, 2]
    for isi, jumlah in zip(blok, [3, 2, 2], strict=True):
        assert isi.count(f'rowspan="{jumlah}"') == 2  # No and Sasaran, once per block
    assert html.count('class="catatan-kaki"') == 7


def test_the_capaian_cell_is_tinted_by_its_category(laporan):
    html = render_html(laporan, pejabat=penandatangan_laporan(laporan))

    assert f'style="background: {warna_muda("#198754")}"' in html  # Tercapai
    assert f'style="background: {warna_muda("#dc3545")}"' in html  # Belum tercapai
    assert warna_muda("#000000") == "#cccccc"


def test_each_footnote_is_on_the_page_of_its_row(laporan, pdf):
    # A footnote area with padding once let WeasyPrint place only four a page and push the
    # rest onto later pages, away from their rows.
    catatan_kaki = re.compile(r"^\s*(\d+)\. ", flags=re.MULTILINE)
    # A call follows the capaian (a percentage, or "–" when there is none): "83,33 % 1", or
    # stands on a line of its own above a capaian set lower.
    panggilan = re.compile(r"(?:%|–) ?(\d{1,2})(?= )|^\s+(\d{1,2})\s*$")
    halaman = [h for h in _teks(pdf, tata_letak=True).split("\f") if h.strip()]
    for teks in halaman:
        baris_tabel = [b for b in teks.splitlines() if not catatan_kaki.match(b)]
        dipanggil = {n for b in baris_tabel for c in panggilan.findall(b) for n in c if n}
        assert set(catatan_kaki.findall(teks)) == dipanggil
    semua = {n for teks in halaman for n in catatan_kaki.findall(teks)}
    assert semua == {str(n) for n in range(1, 8)}


def test_a_long_sasaran_is_printed_in_blocks_that_name_it(laporan):
    isi = isi_laporan(laporan)
    panjang = isi.sasaran[0]
    panjang.baris = panjang.baris * 3  # 9 indicators

    blok = blok_cetak([panjang])

    assert [len(b.baris) for b in blok] == [INDIKATOR_PER_BLOK, 9 - INDIKATOR_PER_BLOK]
    assert [b.lanjutan for b in blok] == [False, True]
    assert {b.sasaran for b in blok} == {panjang.sasaran}


def test_a_draft_is_marked_and_signed_by_the_sekretaris(laporan, pdf):
    teks = _teks(pdf)
    sekretaris = penandatangan_laporan(laporan)

    assert "DRAF" in teks
    assert sekretaris.nama in teks
    assert f"NIP. {sekretaris.nip}" in teks
    assert f"{laporan.satker.kota_ttd}, " in teks
