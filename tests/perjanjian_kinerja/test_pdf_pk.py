"""The PK's PDF in the official layout (DOMAIN.md §5), on real WeasyPrint output read back with
poppler's pdftotext, and signed by both parties with real pyHanko.

Page 1 is the agreement (kop, title, both parties, the paragraphs, place and date, Pihak Kedua
left and Pihak Pertama right); the lampiran follows with the sasaran and program tables and the
signatures repeated. Text is compared with all whitespace removed on both sides, as in
tests/dokumen/test_pdf.py: a cell's text wraps wherever its column ends.

The PK's two parties record a placeholder `pihak` on this branch; nothing here reads it.
"""

import html
import re
import subprocess
from dataclasses import dataclass
from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields

from dokumen.kotak import HasilRender
from dokumen.models import Dokumen
from dokumen.pdf import render_html, render_pdf
from dokumen.tte import penandatangan_aktif, tandatangani_berurutan
from kpu_kinerja.formats import ribuan
from perjanjian_kinerja.models import (
    JANJI_BAWAAN,
    PEMBUKA_BAWAAN,
    PENGAWASAN_BAWAAN,
    IndikatorPk,
    NaskahPk,
    SasaranPk,
    target_tercetak,
)
from perjanjian_kinerja.pdf import INDIKATOR_PER_BLOK, baris_kop
from perjanjian_kinerja.services import program_ganti
from satker.models import Jabatan, Pejabat, StatusJabatan
from tests.conftest import dokumen_seed
from tests.dokumen.conftest import pejabat_lebak
from tests.factories import (
    KabKotaFactory,
    KetuaFactory,
    PkFactory,
    SekretarisFactory,
)

URL = "https://kinerja.contoh.go.id/verifikasi/abc/"
WA = 8_170_412_000  # Lebak's "Program Dukungan Manajemen" in its RAK 2024


def padat(teks: str) -> str:
    return re.sub(r"\s+", "", teks)


@dataclass
class PdfTerbaca:
    hasil: HasilRender
    halaman: list[str]  # text of each page, pdftotext -raw
    bbox: list[str]  # pdftotext -bbox of each page

    def memuat(self, potongan: str, halaman: int | None = None) -> bool:
        teks = "\n".join(self.halaman) if halaman is None else self.halaman[halaman]
        return padat(potongan) in padat(teks)

    def jumlah(self, potongan: str) -> int:
        return padat("\n".join(self.halaman)).count(padat(potongan))

    def x(self, kata: str, halaman: int) -> float:
        """xMin of the last word `kata` on page `halaman` (0-based): the signature block's, as
        the block ends its page (page 1's parties table names them too)."""
        x = [
            float(x_min)
            for x_min, teks in re.findall(
                r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', self.bbox[halaman]
            )
            if html.unescape(teks) == kata
        ]
        assert x, f"{kata!r} tidak ada di halaman {halaman + 1}"
        return x[-1]


def baca(hasil: HasilRender) -> PdfTerbaca:
    def jalankan(*perintah: str) -> str:
        return subprocess.run(
            [*perintah, "-enc", "UTF-8", "-", "-"], input=hasil.pdf, capture_output=True, check=True
        ).stdout.decode()

    teks = jalankan("pdftotext", "-raw").split("\f")[: hasil.jumlah_halaman]
    bbox = jalankan("pdftotext", "-bbox").split("<page ")[1:]
    assert len(teks) == len(bbox) == hasil.jumlah_halaman
    return PdfTerbaca(hasil, teks, bbox)


def cetak(dokumen: Dokumen, **kwargs) -> PdfTerbaca:
    return baca(render_pdf(dokumen, **kwargs))


@pytest.fixture(scope="module")
def lebak_pdf(django_db_setup, django_db_blocker) -> PdfTerbaca:
    """Lebak's PK 2024 (fixture, made from its RKT) as a draft."""
    with django_db_blocker.unblock():
        return cetak(dokumen_seed("kab-lebak", "PK"))


@pytest.fixture
def lebak(db) -> Dokumen:
    return dokumen_seed("kab-lebak", "PK")


def _sasaran(jumlah: int, indikator: int, **isian) -> list[dict]:
    return [
        {
            "nomor": str(i),
            "sasaran": f"Sasaran strategis cetak {i}",
            "indikator": [
                {
                    "indikator": f"Persentase indikator cetak {i}.{j}",
                    "satuan": "%",
                    "target": f"{80 + j}%",
                    "polaritas": "NAIK",
                    "agregasi": "TERAKHIR",
                }
                | isian
                for j in range(1, indikator + 1)
            ],
        }
        for i in range(1, jumlah + 1)
    ]


# --- Page 1: the agreement ---------------------------------------------------------------------


@pytest.mark.django_db
class TestPernyataan:
    def test_page_one_is_the_agreement_and_the_lampiran_starts_on_page_two(self, lebak_pdf):
        assert lebak_pdf.memuat("KOMISI PEMILIHAN UMUM KABUPATEN LEBAK", 0)
        assert lebak_pdf.memuat("PERJANJIAN KINERJA TAHUN 2024", 0)
        assert "PERUBAHAN" not in lebak_pdf.halaman[0]
        assert "LAMPIRAN" not in lebak_pdf.halaman[0]
        assert lebak_pdf.memuat("LAMPIRAN PERJANJIAN KINERJA TAHUN 2024 KPU KABUPATEN LEBAK", 1)
        assert padat(lebak_pdf.halaman[1]).removeprefix("DRAF").startswith("LAMPIRAN")

    def test_both_parties_are_named_with_their_jabatan_and_role(self, lebak_pdf):
        sekretaris = pejabat_lebak(Jabatan.SEKRETARIS)
        ketua = pejabat_lebak(Jabatan.KETUA)
        jabatan_ketua = " ".join(ketua.sebutan_jabatan.split()).removesuffix(",")

        assert lebak_pdf.memuat(
            f"Nama : {sekretaris.nama} Jabatan : {sekretaris.sebutan_jabatan} "
            "selanjutnya disebut pihak pertama.",
            0,
        )
        # The Ketua's jabatan on one line, without the signature line's trailing comma.
        assert lebak_pdf.memuat(
            f"Nama : {ketua.nama} Jabatan : {jabatan_ketua} "
            "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.",
            0,
        )
        assert lebak_pdf.memuat(ketua.sebutan_jabatan, 0)  # in the signature column, as is

    def test_only_the_sekretaris_has_a_nip_on_each_signature_block(self, lebak_pdf):
        sekretaris = pejabat_lebak(Jabatan.SEKRETARIS)
        assert sekretaris.nip
        assert not pejabat_lebak(Jabatan.KETUA).nip

        assert lebak_pdf.jumlah("NIP.") == 2  # page 1 and the lampiran's repeat
        assert lebak_pdf.jumlah(f"NIP. {sekretaris.nip}") == 2
        assert lebak_pdf.memuat(f"NIP. {sekretaris.nip}", 0)

    def test_the_default_paragraphs_print_when_the_satker_has_no_wording(self, lebak_pdf):
        assert not NaskahPk.objects.filter(satker__kode="kab-lebak").exists()
        for paragraf in (PEMBUKA_BAWAAN, JANJI_BAWAAN, PENGAWASAN_BAWAAN):
            assert lebak_pdf.memuat(paragraf, 0)

    def test_the_satkers_own_wording_replaces_the_default(self, lebak):
        NaskahPk.objects.create(
            satker=lebak.satker,
            pembuka="Pembuka khusus Lebak untuk perjanjian ini:",
            janji="Janji khusus Lebak atas target dalam lampiran.",
            pengawasan="Supervisi khusus Lebak oleh pihak kedua.",
        )

        pdf = cetak(lebak)

        assert pdf.memuat("Pembuka khusus Lebak untuk perjanjian ini:", 0)
        assert pdf.memuat("Janji khusus Lebak atas target dalam lampiran.", 0)
        assert pdf.memuat("Supervisi khusus Lebak oleh pihak kedua.", 0)
        assert not pdf.memuat(JANJI_BAWAAN)
        assert not pdf.memuat(PEMBUKA_BAWAAN)

    def test_place_and_date_and_pihak_kedua_left_of_pihak_pertama_on_both_blocks(self, lebak_pdf):
        terakhir = lebak_pdf.hasil.jumlah_halaman - 1
        assert lebak_pdf.memuat("Rangkasbitung, 26 Januari 2024", 0)
        for halaman in (0, terakhir):
            assert lebak_pdf.x("Kedua,", halaman) < lebak_pdf.x("Pertama,", halaman)
            assert lebak_pdf.x("NI'MATULLAH", halaman) < lebak_pdf.x("RAHMAT", halaman)
            assert lebak_pdf.x("Kedua,", halaman) < 250 < lebak_pdf.x("Pertama,", halaman)

    def test_both_signature_boxes_are_on_page_one_pihak_pertama_right(self, lebak_pdf):
        pertama, kedua = lebak_pdf.hasil.kotak_pihak

        assert pertama is not None
        assert kedua is not None
        assert pertama.halaman == kedua.halaman == 0
        assert kedua.x2 < pertama.x1
        assert (kedua.y1, kedua.y2) == pytest.approx((pertama.y1, pertama.y2), abs=0.5)

    def test_the_lampirans_repeat_carries_no_box_and_no_qr(self, pki_aktif, lebak):
        # The footer names the certificate's issuer: the test PKI, not whatever var/pki holds.
        sertifikat = [penandatangan_aktif().sertifikat(lebak.penandatangan)]
        html = render_html(lebak, url_verifikasi=URL, sertifikat=sertifikat)

        assert html.count('id="kotak-ttd"') == 1
        assert html.count('id="kotak-ttd-2"') == 1
        assert html.count('class="qr-verifikasi"') == 1
        assert html.count('class="tanda-tangan-banyak"') == 2
        assert html.index('id="kotak-ttd"') < html.index("LAMPIRAN PERJANJIAN KINERJA")

    def test_the_lampirans_repeat_says_each_party_signs_electronically_on_page_one(
        self, pki_aktif, lebak
    ):
        sertifikat = [penandatangan_aktif().sertifikat(lebak.penandatangan)]
        html = render_html(lebak, url_verifikasi=URL, sertifikat=sertifikat)
        lampiran = html[html.index("LAMPIRAN PERJANJIAN KINERJA") :]

        assert lampiran.count("Ditandatangani secara elektronik") == 2  # both parties
        assert "Ditandatangani secara elektronik" not in render_html(lebak)  # a draft

    def test_a_version_two_is_a_pk_perubahan(self, db):
        satker = KabKotaFactory()
        sekretaris = SekretarisFactory(satker=satker)
        KetuaFactory(satker=satker)
        dokumen = PkFactory(
            satker=satker, versi=2, alasan_revisi="Revisi DIPA", penandatangan=sekretaris
        )

        pdf = cetak(dokumen)

        assert pdf.memuat("PERJANJIAN KINERJA PERUBAHAN TAHUN 2024", 0)
        assert pdf.memuat("LAMPIRAN PERJANJIAN KINERJA PERUBAHAN TAHUN 2024", 1)

    def test_a_pk_without_a_ketua_prints_the_gap_and_one_box(self, db):
        satker = KabKotaFactory()
        dokumen = PkFactory(satker=satker, penandatangan=SekretarisFactory(satker=satker))
        Pejabat.objects.filter(satker=satker, jabatan=Jabatan.KETUA).delete()

        pdf = cetak(dokumen)

        kosong = "[belum ada pejabat Ketua aktif untuk pihak kedua]"
        assert pdf.memuat(f"Nama : {kosong}", 0)
        assert pdf.memuat("selaku atasan pihak pertama, selanjutnya disebut pihak kedua.", 0)
        assert pdf.jumlah(kosong) == 3  # the parties' table and both signature blocks
        assert pdf.hasil.kotak_pihak[0] is not None
        assert pdf.hasil.kotak_pihak[1] is None

    def test_an_acting_sekretaris_prints_as_plt_with_the_kop_address(self, db):
        satker = KabKotaFactory(alamat="Jl. Multatuli No. 5, Rangkasbitung")
        plt = SekretarisFactory(
            satker=satker,
            nama="HASAN PELAKSANA, S.E.",
            status=StatusJabatan.PLT,
            sebutan_jabatan=f"Sekretaris {satker.nama}",
        )
        KetuaFactory(satker=satker)
        dokumen = PkFactory(satker=satker, penandatangan=plt)

        pdf = cetak(dokumen)

        assert pdf.memuat("Jl. Multatuli No. 5, Rangkasbitung", 0)
        assert pdf.memuat(f"Nama : HASAN PELAKSANA, S.E. Jabatan : Plt. Sekretaris {satker.nama}")
        # The parties' table, page 1's block and the lampiran's repeat.
        assert pdf.jumlah(f"Plt. Sekretaris {satker.nama}") == 3


# --- The lampiran -------------------------------------------------------------------------------


@pytest.mark.django_db
class TestLampiran:
    def test_every_sasaran_indicator_and_target_of_lebak_is_printed(self, lebak_pdf, lebak):
        sasaran = list(SasaranPk.objects.filter(dokumen=lebak))
        indikator = list(IndikatorPk.objects.filter(sasaran__dokumen=lebak))
        assert (len(sasaran), len(indikator)) == (18, 22)

        teks = [s.sasaran for s in sasaran] + [
            t for i in indikator for t in (i.indikator, target_tercetak(i.target, i.satuan))
        ]
        assert [t for t in teks if not lebak_pdf.memuat(t)] == []

    def test_the_indicators_come_in_order_under_the_number_row(self, lebak_pdf, lebak):
        lampiran = padat("\n".join(lebak_pdf.halaman[1:]))
        assert padat("NO SASARAN STRATEGIS INDIKATOR KINERJA TARGET") in lampiran
        urutan = IndikatorPk.objects.filter(sasaran__dokumen=lebak).order_by(
            "sasaran__urutan", "urutan"
        )
        posisi = [lampiran.index(padat(i.indikator)) for i in urutan]
        assert posisi == sorted(posisi)

    def test_quarterly_columns_show_when_an_indicator_has_them(self, lebak_pdf, lebak):
        laporan = IndikatorPk.objects.get(
            sasaran__dokumen=lebak,
            indikator="Jumlah laporan sistem akuntansi dan pelaporan keuangan",
        )
        assert laporan.target_triwulan == ["3", "6", "9", "12"]

        assert lebak_pdf.memuat("TARGET TRIWULAN TW I TW II TW III TW IV", 1)
        assert lebak_pdf.memuat(f"{laporan.indikator} 12 Laporan 3 6 9 12", 1)

    def test_no_quarterly_columns_without_quarterly_targets(self, db):
        dokumen = PkFactory(baris=_sasaran(2, 2))

        pdf = cetak(dokumen)

        assert pdf.memuat("NO SASARAN STRATEGIS INDIKATOR KINERJA TARGET 1 2 3 4", 1)
        assert "TRIWULAN" not in "".join(pdf.halaman)
        assert "TW I" not in "".join(pdf.halaman)

    def test_programs_with_their_code_and_anggaran_and_the_total(self, lebak):
        program_ganti(
            dokumen=lebak,
            program=[
                {"program": "Program Dukungan Manajemen", "kode": "076.01.WA", "anggaran": WA},
                {
                    "program": "Program Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi",
                    "kode": "076.01.CQ",
                    "anggaran": 2_012_063_000,
                },
            ],
        )

        pdf = cetak(lebak)

        assert pdf.memuat("NO PROGRAM ANGGARAN (Rp)")
        assert pdf.memuat("1 Program Dukungan Manajemen [076.01.WA] 8.170.412.000")
        assert pdf.memuat(
            "2 Program Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi [076.01.CQ] "
            "2.012.063.000"
        )
        assert pdf.memuat(f"Jumlah {ribuan(WA + 2_012_063_000)}")
        assert "[belum" not in "".join(pdf.halaman)

    def test_a_missing_anggaran_is_shown_missing_never_as_zero(self, lebak):
        program_ganti(
            dokumen=lebak,
            program=[
                {"program": "Program Dukungan Manajemen", "kode": "076.01.WA", "anggaran": WA},
                {"program": "Program Tanpa Pagu", "kode": "076.01.CQ", "anggaran": None},
            ],
        )

        pdf = cetak(lebak)

        assert pdf.memuat("2 Program Tanpa Pagu [076.01.CQ] [belum diisi]")
        # A total of the filled amounts only would read as the whole budget.
        assert pdf.memuat("Jumlah [belum lengkap]")
        assert pdf.jumlah("8.170.412.000") == 1
        assert not re.search(r"\[076\.01\.CQ\]\s*0\b", "".join(pdf.halaman))

    def test_a_pk_without_programs_says_so(self, lebak_pdf):
        assert lebak_pdf.memuat("NO PROGRAM ANGGARAN (Rp) 1 2 3 [belum ada program]")
        assert not lebak_pdf.memuat("[belum lengkap]")

    def test_a_long_pk_prints_every_indicator_and_repeats_a_long_sasaran(self, db):
        baris = _sasaran(11, 4) + [
            {
                "nomor": "12",
                "sasaran": "Sasaran panjang yang melewati satu halaman",
                "indikator": [
                    {
                        "indikator": f"Jumlah laporan panjang {j}",
                        "satuan": "Laporan",
                        "target": "12",
                        "polaritas": "NAIK",
                        "agregasi": "KUMULATIF",
                    }
                    for j in range(1, 17)
                ],
            }
        ]
        assert sum(len(s["indikator"]) for s in baris) == 60
        satker = KabKotaFactory()
        KetuaFactory(satker=satker)
        dokumen = PkFactory(satker=satker, baris=baris)

        pdf = cetak(dokumen)

        hilang = [
            teks
            for s in baris
            for teks in (s["sasaran"], *(i["indikator"] for i in s["indikator"]))
            if not pdf.memuat(teks)
        ]
        assert hilang == []
        assert pdf.jumlah("12 Laporan") == 16  # the satuan after a bare number
        # 16 indicators are two blocks; the second names its sasaran again.
        assert INDIKATOR_PER_BLOK < 16
        assert pdf.jumlah("Sasaran panjang yang melewati satu halaman") == 2
        assert pdf.jumlah("Sasaran panjang yang melewati satu halaman (lanjutan)") == 1
        # The header rows repeat on every page the table runs over.
        halaman_tabel = [h for h, teks in enumerate(pdf.halaman) if "indikator cetak" in teks]
        assert len(halaman_tabel) > 1
        assert all(pdf.memuat("NO SASARAN STRATEGIS INDIKATOR KINERJA", h) for h in halaman_tabel)
        pertama, kedua = pdf.hasil.kotak_pihak
        assert pertama.halaman == kedua.halaman == 0


class TestTargetTercetak:
    @pytest.mark.parametrize(
        ("target", "satuan", "tercetak"),
        [
            ("85", "%", "85%"),
            ("85%", "%", "85%"),
            ("100 %", "%", "100 %"),
            ("3", "Laporan", "3 Laporan"),
            ("12 Laporan", "Laporan", "12 Laporan"),
            ("12 Laporan", "%", "12 Laporan"),  # as written, never "corrected"
            ("WTP", "", "WTP"),
            ("minimal B", "Predikat", "minimal B"),
            ("", "%", ""),
            ("90", "", "90"),
        ],
    )
    def test_the_satuan_follows_a_bare_number_only(self, target, satuan, tercetak):
        assert target_tercetak(target, satuan) == tercetak

    def test_the_kop_sets_the_region_under_komisi_pemilihan_umum(self):
        assert baris_kop("Komisi Pemilihan Umum Kabupaten Lebak") == [
            "KOMISI PEMILIHAN UMUM",
            "KABUPATEN LEBAK",
        ]
        assert baris_kop("Sekretariat Jenderal") == ["SEKRETARIAT JENDERAL"]


# --- Signed by both parties ---------------------------------------------------------------------


@pytest.mark.django_db
def test_both_parties_sign_page_one_and_the_lampiran_has_no_field(pki_aktif, lebak):
    penandatangan = penandatangan_aktif()
    sekretaris, ketua = pejabat_lebak(Jabatan.SEKRETARIS), pejabat_lebak(Jabatan.KETUA)
    hasil = render_pdf(
        lebak,
        url_verifikasi=URL,
        sertifikat=[penandatangan.sertifikat(sekretaris), penandatangan.sertifikat(ketua)],
    )

    pdf, dibuat = tandatangani_berurutan(
        hasil.pdf,
        penandatangan=penandatangan,
        pihak=list(zip((sekretaris, ketua), hasil.kotak_pihak, strict=True)),
        url_verifikasi=URL,
        alasan="Uji",
        lokasi=lebak.tempat_ttd,
    )

    reader = PdfFileReader(BytesIO(pdf))
    assert [nama for nama, _, _ in enumerate_sig_fields(reader)] == ["TTE1", "TTE2"]
    assert [d.sertifikat.nama for d in dibuat] == [sekretaris.nama, ketua.nama]
    widget = [
        sum(1 for a in reader.find_page_for_modification(h)[0].get_object().get("/Annots", []))
        for h in range(hasil.jumlah_halaman)
    ]
    assert widget == [2] + [0] * (hasil.jumlah_halaman - 1)
