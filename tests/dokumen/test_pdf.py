"""The PDF rendering, checked on the real WeasyPrint output read back with poppler's pdftotext.

Each seed document is rendered once per module (draft), plus a few pre-signing renders. Text is
read with `pdftotext -raw` (content-stream order, so a table cell's lines stay together) and
compared with all whitespace removed on both sides: a long cell wraps across lines, and a line
may break after "/" or "-" ("Pemilu/" + "Pemilihan"), so spaces are not reliable either way.
"""

import datetime
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse

from dokumen.kotak import HasilRender
from dokumen.pdf import render_html, render_pdf
from dokumen.selectors import tanggal_ttd_tertulis
from dokumen.services import dokumen_buat
from dokumen.tte import AsalSertifikat, InfoSertifikat
from indikator.models import BarisIku
from indikator.services import baris_iku_ganti
from kpu_kinerja.formats import ribuan
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from satker.models import Satker
from tests.conftest import dokumen_seed
from tests.factories import AdminRiFactory, RakFactory, RktFactory, sasaran_rak, sasaran_rkt

SEED = [
    ("kab-kutai-barat", "IKU"),
    ("kota-banjarbaru", "IKU"),
    ("kota-serang", "IKU"),
    ("kab-barito-selatan", "IKU"),
    ("kab-lebak", "IKU"),
    ("kab-lebak", "RKT"),
    ("kab-lebak", "RAK"),
]
DITANDATANGANI = [("kab-lebak", "RAK"), ("kota-serang", "IKU")]
URL = "https://contoh/verifikasi/abc/"
PERNYATAAN_TTE = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik",
    "Dokumen ini dapat dibuktikan keasliannya dengan memindai QR Code",
)
# A BSrE-issued certificate as the signing page reads it (the footer names its issuer).
SERTIFIKAT_BSRE = InfoSertifikat(
    nama="RAHMAT SETIAWAN TONIDAYA",
    subjek="Nama: RAHMAT SETIAWAN TONIDAYA",
    penerbit="Nama: OSD BSrE; Organisasi: Badan Siber dan Sandi Negara",
    nama_penerbit="OSD BSrE",
    nomor_seri="abc123",
    berlaku_dari=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    berlaku_sampai=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC),
    asal=AsalSertifikat.BSRE,
)
KOLOM_TEKS_IKU = (
    "program",
    "sasaran",
    "indikator",
    "cara_penghitungan",
    "target",
    "sumber_data",
    "keterangan",
)
KOLOM_TEKS_RAK = ("indikator", "target", "kegiatan", "target_kegiatan_aksi", "pelaksana")


def padat(teks: str) -> str:
    return re.sub(r"\s+", "", teks)


@dataclass
class PdfTerbaca:
    hasil: HasilRender
    halaman: list[str]  # text of each page
    ukuran: list[tuple[float, float]]  # (width, height) of each page, in points
    bbox: str  # pdftotext -bbox output: every word with its position

    @property
    def teks(self) -> str:
        return "\n".join(self.halaman)

    def memuat(self, potongan: str) -> bool:
        return padat(potongan) in padat(self.teks)


def baca(hasil: HasilRender) -> PdfTerbaca:
    with tempfile.TemporaryDirectory() as folder:
        berkas = Path(folder) / "dokumen.pdf"
        berkas.write_bytes(hasil.pdf)

        def jalankan(*perintah: str) -> str:
            return subprocess.run(
                [*perintah], capture_output=True, check=True, text=True, encoding="utf-8"
            ).stdout

        teks = jalankan("pdftotext", "-raw", "-enc", "UTF-8", str(berkas), "-")
        info = jalankan("pdfinfo", "-f", "1", "-l", "999", str(berkas))
        bbox = jalankan("pdftotext", "-bbox", "-enc", "UTF-8", str(berkas), "-")
    halaman = teks.split("\f")[: hasil.jumlah_halaman]
    ukuran = [
        (float(lebar), float(tinggi))
        for lebar, tinggi in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    ]
    return PdfTerbaca(hasil, halaman, ukuran, bbox)


@pytest.fixture(scope="module")
def draf(django_db_setup, django_db_blocker) -> dict[tuple[str, str], PdfTerbaca]:
    with django_db_blocker.unblock():
        return {kunci: baca(render_pdf(dokumen_seed(*kunci))) for kunci in SEED}


@pytest.fixture(scope="module")
def siap_tte(django_db_setup, django_db_blocker) -> dict[tuple[str, str], PdfTerbaca]:
    with django_db_blocker.unblock():
        return {
            kunci: baca(
                render_pdf(dokumen_seed(*kunci), url_verifikasi=URL, sertifikat=[SERTIFIKAT_BSRE])
            )
            for kunci in DITANDATANGANI
        }


def _teks_baris(dokumen) -> list[str]:
    """Every text the rows of `dokumen` hold, read straight from the models."""
    if dokumen.jenis == "IKU":
        return [
            getattr(baris, kolom)
            for baris in BarisIku.objects.filter(dokumen=dokumen)
            for kolom in KOLOM_TEKS_IKU
        ]
    if dokumen.jenis == "RKT":
        return [s.sasaran for s in SasaranRkt.objects.filter(dokumen=dokumen)] + [
            teks
            for i in IndikatorRkt.objects.filter(sasaran__dokumen=dokumen)
            for teks in (i.indikator, i.target, i.kegiatan_aksi)
        ]
    return (
        [s.sasaran for s in SasaranRak.objects.filter(dokumen=dokumen)]
        + [
            getattr(baris, kolom)
            for baris in BarisRak.objects.filter(sasaran__dokumen=dokumen)
            for kolom in KOLOM_TEKS_RAK
        ]
        + [
            ribuan(baris.anggaran)
            for baris in BarisRak.objects.filter(sasaran__dokumen=dokumen)
            if baris.anggaran is not None
        ]
    )


@pytest.mark.django_db
class TestIsi:
    @pytest.mark.parametrize("kunci", SEED, ids=lambda k: "-".join(k))
    def test_every_row_text_is_in_the_pdf(self, draf, kunci):
        pdf = draf[kunci]
        hilang = [t for t in _teks_baris(dokumen_seed(*kunci)) if t and not pdf.memuat(t)]
        assert hilang == []

    @pytest.mark.parametrize("kunci", [k for k in SEED if k[1] == "IKU"], ids=lambda k: k[0])
    def test_the_iku_shows_the_satkers_tupoksi_and_identity(self, draf, kunci):
        pdf = draf[kunci]
        dokumen = dokumen_seed(*kunci)
        satker = dokumen.satker
        butir = [t.teks for t in satker.tupoksi.all()]
        assert butir
        assert [t for t in butir if not pdf.memuat(t)] == []
        assert pdf.memuat(f"Nama/Unit Organisasi : {satker.nama_lengkap}")
        assert pdf.memuat(f"INDIKATOR KINERJA UTAMA (IKU) {satker.nama_lengkap.upper()}")
        assert pdf.memuat(f"TAHUN {dokumen.tahun}")

    def test_the_lebak_iku_numbers_its_fungsi_and_serang_letters_them(self, draf):
        assert pdf_memuat_urut(draf[("kab-lebak", "IKU")], ["1. Sebagai Penyelenggara", "2."])
        assert draf[("kota-serang", "IKU")].memuat("a. menjabarkan program")
        assert draf[("kab-barito-selatan", "IKU")].memuat("- Penyusunan program")

    def test_the_lampiran_label_shows_only_where_set(self, draf):
        assert "LAMPIRAN 1" in draf[("kota-banjarbaru", "IKU")].halaman[0]
        assert "LAMPIRAN" not in draf[("kota-serang", "IKU")].teks

    def test_the_rkt_and_rak_rows_come_in_order(self, draf):
        rkt = dokumen_seed("kab-lebak", "RKT")
        aksi = IndikatorRkt.objects.filter(sasaran__dokumen=rkt).order_by(
            "sasaran__urutan", "urutan"
        )
        assert pdf_memuat_urut(draf[("kab-lebak", "RKT")], [i.kegiatan_aksi for i in aksi])
        rak = dokumen_seed("kab-lebak", "RAK")
        kegiatan = BarisRak.objects.filter(sasaran__dokumen=rak).order_by(
            "sasaran__urutan", "urutan"
        )
        assert pdf_memuat_urut(draf[("kab-lebak", "RAK")], [b.kegiatan for b in kegiatan])

    def test_the_rak_shows_ticks_and_the_budget_as_written(self, draf):
        pdf = draf[("kab-lebak", "RAK")]
        assert pdf.memuat("8.170.412.000")
        assert "Rp" not in pdf.teks
        rak = dokumen_seed("kab-lebak", "RAK")
        centang = sum(sum(b.triwulan) for b in BarisRak.objects.filter(sasaran__dokumen=rak))
        assert pdf.teks.count("✓") == centang

    @pytest.mark.parametrize("kunci", SEED, ids=lambda k: "-".join(k))
    def test_the_signature_block_is_printed(self, draf, kunci):
        pdf = draf[kunci]
        dokumen = dokumen_seed(*kunci)
        terakhir = pdf.halaman[-1]
        assert padat(f"{dokumen.tempat_ttd}, {tanggal_ttd_tertulis(dokumen)}") in padat(terakhir)
        pejabat = dokumen.penandatangan
        if pejabat is not None:
            assert padat(pejabat.sebutan_jabatan) in padat(terakhir)
            assert padat(pejabat.nama) in padat(terakhir)

    def test_the_lebak_rak_is_signed_by_the_sekretaris_with_nip(self, draf):
        terakhir = draf[("kab-lebak", "RAK")].halaman[-1]
        assert "Rangkasbitung, 26 Januari 2024" in terakhir
        assert "Sekretaris KPU Kabupaten Lebak" in terakhir
        assert "RAHMAT SETIAWAN TONIDAYA" in terakhir
        assert "NIP. 198301282009021004" in terakhir

    def test_names_are_printed_as_stored_and_commissioners_have_no_nip(self, draf):
        pdf = draf[("kota-serang", "IKU")]
        assert "Nanas Nasihudin" in pdf.teks
        assert "NANAS NASIHUDIN" not in pdf.teks
        assert "NIP." not in pdf.teks

    def test_barito_selatan_shows_what_is_missing(self, draf):
        pdf = draf[("kab-barito-selatan", "IKU")]
        assert "Buntok, Januari 2024" in pdf.teks
        assert "[penandatangan belum ditetapkan]" in pdf.teks
        assert pdf.memuat("Tahun Anggaran : 2023")
        assert pdf.hasil.kotak_ttd is None


@pytest.mark.django_db
class TestHalaman:
    @pytest.mark.parametrize("kunci", SEED, ids=lambda k: "-".join(k))
    def test_pages_are_a4_and_numbered_x_of_y(self, draf, kunci):
        pdf = draf[kunci]
        jumlah = pdf.hasil.jumlah_halaman
        assert len(pdf.ukuran) == jumlah == len(pdf.halaman)
        for nomor, teks in enumerate(pdf.halaman, start=1):
            assert f"Halaman {nomor} dari {jumlah}" in teks
        for lebar, tinggi in pdf.ukuran:
            pendek, panjang = sorted((lebar, tinggi))
            assert pendek == pytest.approx(595.3, abs=1)
            assert panjang == pytest.approx(841.9, abs=1)
            if kunci[1] == "RAK":
                assert lebar > tinggi
            else:
                assert tinggi > lebar

    def test_the_rak_header_repeats_on_every_page(self, draf):
        pdf = draf[("kab-lebak", "RAK")]
        assert 2 <= pdf.hasil.jumlah_halaman <= 8
        for teks in pdf.halaman:
            for judul in (
                "SASARAN PROGRAM/ KEGIATAN",
                "INDIKATOR KINERJA",
                "TARGET KEGIATAN AKSI",
                "Pelaksanaan Kegiatan",
                "I II III IV",
                "ANGGARAN",
                "PELAKSANA",
                "1 2 3 4 5 6 7 8 9",
            ):
                assert padat(judul) in padat(teks)

    def test_the_rkt_header_repeats_on_every_page(self, draf):
        pdf = draf[("kab-lebak", "RKT")]
        assert pdf.hasil.jumlah_halaman >= 2
        for teks in pdf.halaman:
            assert padat("NAMA KEGIATAN AKSI 1 2 3 4 5") in padat(teks)

    @pytest.mark.parametrize("kunci", SEED, ids=lambda k: "-".join(k))
    def test_the_title_is_printed_once(self, draf, kunci):
        pdf = draf[kunci]
        judul = {"IKU": "INDIKATOR KINERJA UTAMA (IKU)", "RKT": "RENCANA KINERJA TAHUNAN 2024"}
        judul["RAK"] = "RENCANA AKSI KINERJA TAHUN 2024"
        assert pdf.teks.count(judul[kunci[1]]) == 1
        assert judul[kunci[1]] in pdf.halaman[0]


@pytest.mark.django_db
class TestDrafDanTte:
    @pytest.mark.parametrize("kunci", SEED, ids=lambda k: "-".join(k))
    def test_a_draft_is_marked_on_every_page_without_the_tte_footer(self, draf, kunci):
        pdf = draf[kunci]
        for teks in pdf.halaman:
            assert "DRAF" in teks
        for pernyataan in PERNYATAAN_TTE:
            assert not pdf.memuat(pernyataan)
        assert URL not in pdf.teks

    @pytest.mark.parametrize("kunci", DITANDATANGANI, ids=lambda k: "-".join(k))
    def test_the_version_to_sign_has_the_tte_footer_on_every_page(self, siap_tte, kunci):
        pdf = siap_tte[kunci]
        assert "DRAF" not in pdf.teks
        for teks in pdf.halaman:
            for pernyataan in PERNYATAAN_TTE:
                assert padat(pernyataan) in padat(teks)
            assert URL in teks

    @pytest.mark.parametrize("kunci", DITANDATANGANI, ids=lambda k: "-".join(k))
    def test_both_renders_lay_out_the_same(self, draf, siap_tte, kunci):
        assert siap_tte[kunci].hasil.jumlah_halaman == draf[kunci].hasil.jumlah_halaman
        assert siap_tte[kunci].hasil.kotak_ttd == draf[kunci].hasil.kotak_ttd

    def test_the_verification_url_is_escaped(self):
        html = render_html(
            dokumen_seed("kab-lebak", "RAK"),
            url_verifikasi='https://x/"><b>',
            sertifikat=[SERTIFIKAT_BSRE],
        )
        assert '"><b>' not in html
        assert "&quot;&gt;&lt;b&gt;" in html


@pytest.mark.django_db
class TestKotakTtd:
    @pytest.mark.parametrize(
        "kunci", [k for k in SEED if k[0] != "kab-barito-selatan"], ids=lambda k: "-".join(k)
    )
    def test_the_box_is_on_the_last_page_inside_it(self, draf, kunci):
        pdf = draf[kunci]
        kotak = pdf.hasil.kotak_ttd
        assert kotak is not None
        assert kotak.halaman == pdf.hasil.jumlah_halaman - 1
        lebar, tinggi = pdf.ukuran[kotak.halaman]
        assert 0 <= kotak.x1 < kotak.x2 <= lebar
        assert 0 <= kotak.y1 < kotak.y2 <= tinggi
        # About 5 cm × 2.2 cm (1 cm = 28.35 pt).
        assert kotak.x2 - kotak.x1 == pytest.approx(50 / 25.4 * 72, abs=2)
        assert kotak.y2 - kotak.y1 == pytest.approx(22 / 25.4 * 72, abs=2)
        assert kotak.box == tuple(round(v) for v in (kotak.x1, kotak.y1, kotak.x2, kotak.y2))

    def test_the_lebak_rak_box_sits_between_the_jabatan_and_the_name(self, draf):
        pdf = draf[("kab-lebak", "RAK")]
        kotak = pdf.hasil.kotak_ttd
        _, tinggi = pdf.ukuran[kotak.halaman]
        jabatan = posisi_kata(pdf, kotak.halaman, "Sekretaris")
        nama = posisi_kata(pdf, kotak.halaman, "RAHMAT")
        # pdftotext -bbox measures from the top; the box from the bottom.
        atas_kotak, bawah_kotak = tinggi - kotak.y2, tinggi - kotak.y1
        assert jabatan[3] <= atas_kotak
        assert bawah_kotak <= nama[1]
        assert kotak.x1 - 30 <= nama[0] <= kotak.x2  # the name starts under the box
        assert kotak.x1 > pdf.ukuran[kotak.halaman][0] / 2  # the right-hand side


def posisi_kata(pdf: PdfTerbaca, halaman: int, kata: str) -> tuple[float, float, float, float]:
    """(xMin, yMin, xMax, yMax) of the last `kata` on page `halaman` (0-based), from pdftotext."""
    bagian = pdf.bbox.split("<page ")[halaman + 1]
    cocok = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
        + re.escape(kata)
        + "</word>",
        bagian,
    )
    assert cocok, f"{kata!r} tidak ada di halaman {halaman + 1}"
    return tuple(float(v) for v in cocok[-1])


def pdf_memuat_urut(pdf: PdfTerbaca, potongan: list[str]) -> bool:
    """True when every piece is in the text, each after the one before."""
    teks, mulai = padat(pdf.teks), 0
    for bagian in potongan:
        letak = teks.find(padat(bagian), mulai)
        if letak < 0:
            return False
        mulai = letak + len(padat(bagian))
    return True


@pytest.mark.django_db
def test_cell_text_is_inert():
    satker = Satker.objects.get(kode="kab-lebak")
    dokumen = dokumen_buat(
        satker=satker,
        jenis="IKU",
        tahun=2031,
        tempat_ttd="<i>Rangkasbitung</i>",
        tanggal_ttd=datetime.date(2031, 1, 2),
    )
    serangan = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">']
    baris_iku_ganti(
        dokumen=dokumen,
        baris=[
            {
                "nomor": "1.",
                "indikator": serangan[0],
                "cara_penghitungan": serangan[1],
                "sumber_data": "<style>body{display:none}</style>",
            }
        ],
    )
    html = render_html(dokumen)
    assert "<script>" not in html
    assert "<img" not in html
    pdf = baca(render_pdf(dokumen))
    for teks in [*serangan, "<style>body{display:none}</style>", "<i>Rangkasbitung</i>, 2"]:
        assert pdf.memuat(teks)
    assert pdf.hasil.kotak_ttd is None
    assert "[penandatangan belum ditetapkan]" in pdf.teks


@pytest.mark.django_db
def test_missing_place_date_and_signatory_show_as_placeholders():
    dokumen = dokumen_buat(satker=Satker.objects.get(kode="kab-lebak"), jenis="RKT", tahun=2032)
    html = render_html(dokumen)
    assert "[tempat]" in html
    assert "[tanggal]" in html
    assert "[penandatangan belum ditetapkan]" in html
    assert 'id="kotak-ttd"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ["RKT", "RAK"])
def test_a_drafts_sasaran_without_rows_is_printed_marked_in_the_preview(client, jenis):
    if jenis == "RKT":
        data = sasaran_rkt(3, indikator=1)
        dokumen = RktFactory(baris=data[:1] + [data[1] | {"indikator": []}] + data[2:])
    else:
        data = sasaran_rak(3, baris=1)
        dokumen = RakFactory(baris=data[:1] + [data[1] | {"baris": []}] + data[2:])
    client.force_login(AdminRiFactory())
    response = client.get(reverse("dokumen:pdf", args=[dokumen.pk]))
    assert response.status_code == 200
    with tempfile.TemporaryDirectory() as folder:
        berkas = Path(folder) / "pratinjau.pdf"
        berkas.write_bytes(response.content)
        teks = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(berkas), "-"],
            capture_output=True,
            check=True,
            text=True,
            encoding="utf-8",
        ).stdout
    assert padat(f"2 {data[1]['sasaran']} [belum ada baris]") in padat(teks)
    assert padat(teks).index(padat(data[0]["sasaran"])) < padat(teks).index("[belumadabaris]")
    assert padat(teks).index("[belumadabaris]") < padat(teks).index(padat(data[2]["sasaran"]))
