"""The header fields found outside a document's table (pertukaran.kepala): on the seeds' own
text, on Word files of every seed document, on the sheet of an exported one; and the
signatory's name matched against the satker's officials (pertukaran.selectors)."""

import datetime

import pytest

from dokumen.jenis import jenis_terdaftar
from dokumen.selectors import penandatangan_tercetak_semua
from pertukaran.baca import baca_tabel
from pertukaran.baca import cari_kepala as cari_kepala_tabel
from pertukaran.gabung import hasil_docx, teks_kepala
from pertukaran.kepala import cari_kepala, nama_normal, teks_lembar
from pertukaran.lembar import tabel_lembar
from pertukaran.selectors import pejabat_cocok
from pertukaran.word import baca_docx
from pertukaran.xlsx import buku_dokumen
from satker.models import Jabatan, JenisTupoksi, Satker
from tests.conftest import dokumen_seed
from tests.factories import KabKotaFactory, PejabatFactory
from tests.pertukaran.docx_uji import docx_dokumen
from tests.pertukaran.test_pulang_pergi import SEED

# The seeds' lines as /work/shared/seeds has them (shortened where long), in their order.
KUTAI_BARAT = [
    "KPU KUTAI BARAT",
    "Nama /Unit : KPU KAB.KUTAI BARAT",
    "Tugas : Menyelenggarakan Pemilihan Gubernur dan Wakil Gubernur, Pemilihan Bupati dan "
    "Wakil Bupati.",
    "FUNGSI :",
    "1. Menjabarkan program dan melaksanakan anggaran serta menetapkan jadwal di Kabupaten/kota.",
    "2. Melaksanakan semua tahapan penyelenggaraan di Kabupaten /kota berdasarkan ketentuan.",
    "3. Membentuk PPK, PPS, dan KPPS dalam wilayah kerjanya",
    "10. Menerbitkan Keputusan KPU Kabupaten/Kota untuk mengesahkan hasil pemilu",
    "INDIKATOR KINERJA UTAMA (IKU) KOMISI PEMILIHAN UMUM KABUPATEN KUTAI BARAT TAHUN 2024",
    "Sendawar, 03 Januari 2024",
    "Neu KPU Kab. Kutai Barat",
    "ARKADIUS HANYE, SH",
]
BANJARBARU = [
    "LAMPIRAN 1",
    "INDIKATOR KINERJA UTAMA TAHUN 2024",
    "Nama / Unit Organisasi : KPU Kota Banjarbaru",
    "- Tugas",
    "1. Menjabarkan Program dan melaksanakan anggaran;",
    " 2. Melaksanakan semua tahapan penyelenggaraan di kabupaten/kota;",
    "- Wewenang",
    "1. menetapkan jadwal tahapan Pemilu di kabupaten/kota;",
    " 2. membentuk PPK, PPS, dan KPPS dalam wilayah kerjanya;",
    "- Kewajiban",
    "1. melaksanakan semua tahapan Penyelenggaraan Pemilu dengan tepat waktu;",
    "Banjarbaru, 2 Januari 2024",
    "KETUA KPU KOTA BANJARBARU",
    "ROZY MAULANA",
]
SERANG = [
    "INDIKATOR KINERJA UTAMA (IKU)",
    "Nama/Unit : Komisi Pemilihan Umum",
    "Organisasi : Komisi Pemilihan Umum Kota Serang",
    "- Tugas :",
    "- a. menjabarkan program dan melaksanakan anggaran;",
    "  - b. melaksanakan semua tahapan penyelenggaraan di kabupaten/kota;",
    "- Fungsi :",
    "- a. menetapkan jadwal di kabupaten/kota;",
    "- f. dan melaksanakan wewenang lain yang diberikan oleh KPU.",
    "Serang, 31 Januari 2024",
    "Ketua Komisi Pemilihan Umum",
    "Kota Serang",
    "Nanas Nasihudin",
    "PEMILU",
    "SARANA",
    "INTEGRASI",
    "BANGSA",
]
BARITO_SELATAN = [
    "INDIKATOR KINERJA UTAMA",
    "Nama Lembaga : Komisi Pemilihan Umum Kabupaten Barito Selatan",
    "Tahun Anggaran : 2023",
    "Tugas :",
    "- Penyusunan program dan anggaran Pemilu/Pemilihan;",
    "- Penyelenggara Pemilu/Pemilihan;",
    "Fungsi : Melaksanakan Tahapan Pemilu dan Pemilihan",
    "Buntok, Januari 2024",
]
LEBAK = [
    "INDIKATOR KINERJA UTAMA (IKU) TAHUN 2024",
    "Nama /Unit : KPU KABUPATEN LEBAK",
    "Organisasi",
    "Tugas : Menyelenggarakan Pemilihan Bupati/Wakil Bupati",
    "Fungsi :",
    "11. Membuat berita acara penghitungan suara",
    "12. Menerbitkan keputusan KPU Kabupaten/Kota untuk",
    "- mengesahkan hasil pemilu dan mengumumkannya",
    " 13. Menindaklanjuti dengan segera temuan dan laporan",
    "Rangkasbitung, 26 Januari 2024",
    "Sekretaris KPU Kabupaten Lebak",
    "RAHMAT SETIAWAN TONIDAYA",
    "NIP. 198301282009021004",
]


def test_it_reads_kutai_barat_one_tugas_and_numbered_fungsi():
    kepala = cari_kepala(KUTAI_BARAT)

    assert (kepala.tempat_ttd, kepala.tanggal_ttd, kepala.tanggal_presisi) == (
        "Sendawar",
        datetime.date(2024, 1, 3),
        "HARI",
    )
    assert kepala.jabatan_penandatangan == "Neu KPU Kab. Kutai Barat"
    assert kepala.nama_penandatangan == "ARKADIUS HANYE, SH"
    assert kepala.tupoksi[JenisTupoksi.TUGAS] == [
        "Menyelenggarakan Pemilihan Gubernur dan Wakil Gubernur, Pemilihan Bupati dan Wakil Bupati."
    ]
    fungsi = kepala.tupoksi[JenisTupoksi.FUNGSI]
    assert len(fungsi) == 4
    assert fungsi[2] == "Membentuk PPK, PPS, dan KPPS dalam wilayah kerjanya"
    assert fungsi[3].endswith("mengesahkan hasil pemilu")  # not the title below it


def test_it_reads_banjarbaru_tugas_wewenang_kewajiban():
    kepala = cari_kepala(BANJARBARU)

    assert kepala.tupoksi == {
        "TUGAS": [
            "Menjabarkan Program dan melaksanakan anggaran;",
            "Melaksanakan semua tahapan penyelenggaraan di kabupaten/kota;",
        ],
        "WEWENANG": [
            "menetapkan jadwal tahapan Pemilu di kabupaten/kota;",
            "membentuk PPK, PPS, dan KPPS dalam wilayah kerjanya;",
        ],
        "KEWAJIBAN": ["melaksanakan semua tahapan Penyelenggaraan Pemilu dengan tepat waktu;"],
    }
    assert (kepala.jabatan_penandatangan, kepala.nama_penandatangan) == (
        "KETUA KPU KOTA BANJARBARU",
        "ROZY MAULANA",
    )


def test_it_reads_serang_lettered_items_and_a_two_line_jabatan():
    kepala = cari_kepala(SERANG)

    assert kepala.tupoksi["TUGAS"] == [
        "menjabarkan program dan melaksanakan anggaran;",
        "melaksanakan semua tahapan penyelenggaraan di kabupaten/kota;",
    ]
    assert kepala.tupoksi["FUNGSI"][1] == "dan melaksanakan wewenang lain yang diberikan oleh KPU."
    assert kepala.jabatan_penandatangan == "Ketua Komisi Pemilihan Umum Kota Serang"
    assert kepala.nama_penandatangan == "Nanas Nasihudin"  # not the logo's words below


def test_it_reads_barito_selatan_month_only_and_no_signatory():
    kepala = cari_kepala(BARITO_SELATAN)

    assert kepala.tempat_ttd == "Buntok"
    assert kepala.tanggal_ttd == datetime.date(2024, 1, 1)
    assert kepala.tanggal_presisi == "BULAN"
    assert (kepala.nama_penandatangan, kepala.jabatan_penandatangan) == ("", "")
    assert kepala.tupoksi == {
        "TUGAS": [
            "Penyusunan program dan anggaran Pemilu/Pemilihan;",
            "Penyelenggara Pemilu/Pemilihan;",
        ],
        "FUNGSI": ["Melaksanakan Tahapan Pemilu dan Pemilihan"],
    }


def test_it_joins_lebak_item_broken_over_two_paragraphs_and_skips_the_nip():
    kepala = cari_kepala(LEBAK)

    assert kepala.tupoksi["FUNGSI"] == [
        "Membuat berita acara penghitungan suara",
        "Menerbitkan keputusan KPU Kabupaten/Kota untuk mengesahkan hasil pemilu dan "
        "mengumumkannya",
        "Menindaklanjuti dengan segera temuan dan laporan",
    ]
    assert kepala.tupoksi["TUGAS"] == ["Menyelenggarakan Pemilihan Bupati/Wakil Bupati"]
    assert kepala.nama_penandatangan == "RAHMAT SETIAWAN TONIDAYA"
    assert kepala.jabatan_penandatangan == "Sekretaris KPU Kabupaten Lebak"


@pytest.mark.parametrize(
    ("baris", "tempat", "tanggal", "presisi"),
    [
        ("Serang,   Januari 2024", "Serang", datetime.date(2024, 1, 1), "BULAN"),
        ("Lebak, 2 Januari 2024", "Lebak", datetime.date(2024, 1, 2), "HARI"),
        ("Sendawar, 03 JANUARI 2024", "Sendawar", datetime.date(2024, 1, 3), "HARI"),
        ("Rangkasbitung, 14 Pebruari 2024", "Rangkasbitung", datetime.date(2024, 2, 14), "HARI"),
        ("Buntok, 5 Nopember 2023", "Buntok", datetime.date(2023, 11, 5), "HARI"),
        ("Buntok, 5 Agustuss 2023", "Buntok", datetime.date(2023, 8, 5), "HARI"),
        ("Tanjung Selor, 1 Des 2023", "Tanjung Selor", datetime.date(2023, 12, 1), "HARI"),
        ("Rangkasbitung, 26/01/2024", "Rangkasbitung", datetime.date(2024, 1, 26), "HARI"),
        ("Serang, 31 Februari 2024", "Serang", None, ""),
    ],
)
def test_it_reads_place_and_date_as_written(baris, tempat, tanggal, presisi):
    kepala = cari_kepala(["Judul", baris])

    assert (kepala.tempat_ttd, kepala.tanggal_ttd, kepala.tanggal_presisi) == (
        tempat,
        tanggal,
        presisi,
    )


def test_nothing_found_is_empty():
    assert cari_kepala([]) == cari_kepala(["Sebuah paragraf, tanpa tanggal."])
    assert cari_kepala([]).tanggal_presisi == ""
    assert cari_kepala(["Kantor, Sebuah 2024"]).tempat_ttd == ""  # no month: no date line


def _harapan(dokumen):
    """The fields the document's own print carries."""
    pihak = penandatangan_tercetak_semua(dokumen)[0].penanda
    tupoksi: dict[str, list[str]] = {}
    for t in dokumen.satker.tupoksi.order_by("jenis", "urutan"):
        tupoksi.setdefault(t.jenis, []).append(" ".join(t.teks.split()))
    return (
        dokumen.tempat_ttd,
        dokumen.tanggal_ttd,
        dokumen.tanggal_ttd_presisi,
        pihak.nama if pihak else "",
        " ".join(f"{pihak.awalan_status}{pihak.sebutan_jabatan}".split()) if pihak else "",
        tupoksi if jenis_terdaftar(dokumen.jenis).dengan_tupoksi else {},
    )


def _ditemukan(kepala):
    return (
        kepala.tempat_ttd,
        kepala.tanggal_ttd,
        kepala.tanggal_presisi,
        kepala.nama_penandatangan,
        kepala.jabatan_penandatangan,
        kepala.tupoksi,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("satker", "jenis"), SEED)
def test_it_finds_each_seed_documents_fields_in_its_word_file(satker, jenis):
    dokumen = dokumen_seed(satker, jenis)

    isi = baca_docx(docx_dokumen(dokumen, pecah=2))

    assert _ditemukan(cari_kepala(isi.teks)) == _harapan(dokumen)


@pytest.mark.django_db
@pytest.mark.parametrize(("satker", "jenis"), [("kota-serang", "IKU"), ("kab-lebak", "RAK")])
def test_it_finds_the_fields_on_an_exported_sheet_outside_its_table(satker, jenis):
    dokumen = dokumen_seed(satker, jenis)
    terdaftar = jenis_terdaftar(jenis)
    tabel = tabel_lembar(buku_dokumen(dokumen).worksheets[-1])
    kepala_tabel, _ = cari_kepala_tabel(terdaftar.kolom_excel, tabel)
    akhir = baca_tabel(terdaftar, tabel).akhir

    teks = teks_lembar(tabel, range(kepala_tabel.baris, akhir))

    assert _ditemukan(cari_kepala(teks)) == _harapan(dokumen)


def test_teks_lembar_joins_each_rows_cells_and_skips_the_table():
    tabel = [
        ["Judul", "", ""],
        ["No", "Uraian", ""],
        ["1", "x", ""],
        ["", "Buntok, ", "Januari 2024"],
    ]

    assert teks_lembar(tabel, range(1, 3)) == ["Judul", "Buntok, Januari 2024"]


@pytest.mark.parametrize(
    ("ditulis", "nama"),
    [
        ("ARKADIUS HANYE, SH", "ARKADIUS HANYE"),
        ("Dr. Arkadius  Hanye, S.H., M.Si", "ARKADIUS HANYE"),
        ("arkadius hanye s.sos", "ARKADIUS HANYE"),
        ("H.Ahmad Adi", "AHMAD ADI"),
        ("NI'MATULLAH", "NIMATULLAH"),
        ("Drs. Rahmat Setiawan Tonidaya, M.M.", "RAHMAT SETIAWAN TONIDAYA"),
    ],
)
def test_names_compare_without_titles_case_and_punctuation(ditulis, nama):
    assert nama_normal(ditulis) == nama


@pytest.mark.django_db
def test_pejabat_cocok_matches_the_satkers_official_with_titles_in_one_query(
    django_assert_num_queries,
):
    satker = KabKotaFactory()
    ketua = PejabatFactory(satker=satker, nama="Arkadius Hanye, S.H.", jabatan=Jabatan.KETUA)
    PejabatFactory(satker=satker, nama="Rozy Maulana", jabatan=Jabatan.SEKRETARIS)
    PejabatFactory(satker=KabKotaFactory(), nama="Nanas Nasihudin", jabatan=Jabatan.KETUA)

    with django_assert_num_queries(1):
        assert pejabat_cocok(satker, "ARKADIUS HANYE, SH") == ketua
    assert pejabat_cocok(satker, "Dr. arkadius  hanye") == ketua
    assert pejabat_cocok(satker, "Nanas Nasihudin") is None  # another satker's
    assert pejabat_cocok(satker, "Budi") is None
    assert pejabat_cocok(satker, "") is None


@pytest.mark.django_db
def test_pejabat_cocok_is_none_when_the_name_is_ambiguous():
    satker: Satker = KabKotaFactory()
    PejabatFactory(satker=satker, nama="Ahmad Adi, SE", jabatan=Jabatan.ANGGOTA)
    PejabatFactory(satker=satker, nama="AHMAD ADI", jabatan=Jabatan.KASUBBAG)

    assert pejabat_cocok(satker, "Ahmad Adi") is None


@pytest.mark.django_db
def test_it_finds_a_signature_laid_out_in_a_table_beside_a_letterhead_table():
    dokumen = dokumen_seed("kab-lebak", "RAK")
    rak = jenis_terdaftar("RAK")

    hasil, isi = hasil_docx(rak, docx_dokumen(dokumen, kop_tabel=True, ttd_tabel=True))

    assert len(isi.tabel) == 4  # letterhead, two parts, signature
    assert cari_kepala(isi.teks).nama_penandatangan == ""  # the paragraphs alone lack it
    assert _ditemukan(cari_kepala(teks_kepala(rak, isi))) == _harapan(dokumen)
    assert hasil.peringatan == []
    assert len(hasil.baris) == len(rak.baca_baris(dokumen))


def test_it_reads_the_first_party_of_a_pk_and_skips_its_heading_and_notes():
    kepala = cari_kepala(
        [
            "Rangkasbitung, 2 Januari 2024",
            "Pihak Pertama,",
            "Sekretaris KPU Kabupaten Lebak",
            "(ditandatangani secara elektronik)",
            "RAHMAT SETIAWAN TONIDAYA",
            "NIP. 198301282009021004",
            "Pihak Kedua,",
            "Ketua KPU Kabupaten Lebak",
            "NI'MATULLAH",
        ]
    )

    assert (kepala.jabatan_penandatangan, kepala.nama_penandatangan) == (
        "Sekretaris KPU Kabupaten Lebak",
        "RAHMAT SETIAWAN TONIDAYA",
    )
