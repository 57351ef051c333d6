"""Import into a new draft (pertukaran.impor, pertukaran.services, `manage.py impor_dokumen`):
every seed document exported to .xlsx comes back as a new draft with the same rows, in one
transaction, recorded as imported; refusals block everything."""

import io
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen, JejakPerubahan
from pertukaran import impor
from pertukaran.berkas import BerkasDitolak
from pertukaran.impor import pratinjau_buat
from pertukaran.services import impor_terapkan
from pertukaran.xlsx import xlsx_dokumen
from satker.models import JejakProfil, JenisTupoksi, Peran
from tests.conftest import dokumen_seed
from tests.factories import akun_satker
from tests.pertukaran.docx_uji import docx_dokumen, docx_rak_besar, docx_tabel
from tests.pertukaran.test_pulang_pergi import SEED, bandingkan, tanpa_kunci


def _pratinjau(dokumen: Dokumen, isi: bytes, *, tahun: int = 2030, nama: str = "berkas.xlsx"):
    return pratinjau_buat(
        satker=dokumen.satker,
        terdaftar=jenis_terdaftar(dokumen.jenis),
        tahun=tahun,
        nama_berkas=nama,
        isi=isi,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("satker", "jenis"), SEED)
def test_an_exported_seed_imports_as_a_new_draft_with_the_same_rows(satker, jenis):
    asli = dokumen_seed(satker, jenis)
    terdaftar = jenis_terdaftar(jenis)
    operator = akun_satker(asli.satker, Peran.OPERATOR)

    pratinjau = _pratinjau(asli, xlsx_dokumen(asli), nama=f"{jenis.lower()}.xlsx")
    assert pratinjau.bisa_diterapkan, pratinjau.galat
    baru = impor_terapkan(pratinjau=pratinjau, oleh=operator)

    assert (baru.jenis, baru.tahun, baru.status) == (jenis, 2030, "DRAF")
    anak = terdaftar.kunci_anak
    dibuat = [tanpa_kunci(b, anak) for b in terdaftar.baca_baris(baru)]
    bandingkan(terdaftar.baca_baris(asli), dibuat, anak)
    jejak = JejakPerubahan.objects.get(dokumen=baru)
    assert jejak.oleh == operator
    assert jejak.ringkasan.startswith(f"Diimpor dari {jenis.lower()}.xlsx.")


@pytest.mark.django_db
def test_the_preview_lists_every_row_at_its_row_of_the_file(rak_lebak):
    pratinjau = _pratinjau(rak_lebak, xlsx_dokumen(rak_lebak))
    baris = pratinjau.baris_tampil()
    daun = jenis_terdaftar("RAK").daun(jenis_terdaftar("RAK").baca_baris(rak_lebak))

    assert len(baris) == len(daun) == pratinjau.jumlah_baris
    assert [b.nomor for b in baris] == sorted(b.nomor for b in baris)
    sheet = load_workbook(io.BytesIO(xlsx_dokumen(rak_lebak))).active
    pertama = baris[0]
    judul = pratinjau.judul_kolom
    kegiatan = pertama.sel[judul.index("KEGIATAN")]
    assert any(sel.value == kegiatan for sel in sheet[pertama.nomor])
    assert pertama.awal_sasaran


@pytest.mark.django_db
def test_a_row_the_rules_refuse_blocks_the_whole_import(iku_serang):
    isi = xlsx_dokumen(iku_serang)
    buku = load_workbook(io.BytesIO(isi))
    ws = buku.active
    kepala = next(r for r in ws.iter_rows() if any(s.value == "No" for s in r))
    kolom_no = next(s.column for s in kepala if s.value == "No")
    baris_rusak = _pratinjau(iku_serang, isi).baris_tampil()[0].nomor
    ws.cell(row=baris_rusak, column=kolom_no, value="1234567890123")  # No is at most 10 long
    keluar = io.BytesIO()
    buku.save(keluar)

    pratinjau = _pratinjau(iku_serang, keluar.getvalue())

    assert not pratinjau.bisa_diterapkan
    assert pratinjau.baris == []
    [pesan] = pratinjau.galat[baris_rusak]
    assert pesan.startswith("No: ")
    with pytest.raises(ValueError, match="bergalat"):
        impor_terapkan(pratinjau=pratinjau, oleh=None)
    assert not Dokumen.objects.filter(satker=iku_serang.satker, tahun=2030).exists()


@pytest.mark.django_db
def test_an_existing_document_of_that_year_blocks_the_import(iku_serang):
    pratinjau = _pratinjau(iku_serang, xlsx_dokumen(iku_serang), tahun=2024)

    assert not pratinjau.bisa_diterapkan
    assert "IKU tahun 2024 sudah ada untuk" in pratinjau.galat[0][0]


@pytest.mark.django_db
def test_a_workbook_of_another_type_is_named_as_such(iku_serang):
    pratinjau = _pratinjau(iku_serang, xlsx_dokumen(dokumen_seed("kab-lebak", "RAK")))

    assert not pratinjau.bisa_diterapkan
    assert "cocok dengan RAK, bukan IKU yang dipilih" in " ".join(pratinjau.galat[0])


@pytest.mark.django_db
def test_a_workbook_without_a_table_reads_nothing_and_says_so(iku_serang):
    buku = Workbook()
    buku.active["A1"] = "Catatan rapat"
    keluar = io.BytesIO()
    buku.save(keluar)

    pratinjau = _pratinjau(iku_serang, keluar.getvalue())

    assert not pratinjau.bisa_diterapkan
    assert "Tidak ada baris IKU yang terbaca" in pratinjau.galat[0][0]


@pytest.mark.django_db
def test_a_file_that_is_no_workbook_is_refused_before_reading(iku_serang):
    with pytest.raises(BerkasDitolak, match="program"):
        _pratinjau(iku_serang, b"MZ\x90\x00" + b"\x00" * 100)


@pytest.mark.django_db
def test_the_command_prints_the_preview_and_changes_nothing(tmp_path, rak_lebak):
    berkas = tmp_path / "rak.xlsx"
    berkas.write_bytes(xlsx_dokumen(rak_lebak))
    out = StringIO()

    call_command(
        "impor_dokumen", "--satker", "kab-lebak", "--jenis", "rak", "--tahun", "2030",
        "--berkas", str(berkas), stdout=out,
    )  # fmt: skip

    teks = out.getvalue()
    assert "Pratinjau: rak.xlsx (lembar kerja Excel (.xlsx)) sebagai RAK 2030" in teks
    jumlah = len(jenis_terdaftar("RAK").daun(jenis_terdaftar("RAK").baca_baris(rak_lebak)))
    assert f"Baris terbaca: {jumlah}" in teks
    assert teks.count("  Baris ") == jumlah
    assert not Dokumen.objects.filter(satker=rak_lebak.satker, jenis="RAK", tahun=2030).exists()


@pytest.mark.django_db
def test_the_command_creates_the_draft_and_prints_its_id(tmp_path, rak_lebak):
    berkas = tmp_path / "rak.xlsx"
    berkas.write_bytes(xlsx_dokumen(rak_lebak))
    operator = akun_satker(rak_lebak.satker, Peran.OPERATOR)
    out = StringIO()

    call_command(
        "impor_dokumen", "--satker", "kab-lebak", "--jenis", "rak", "--tahun", "2030",
        "--berkas", str(berkas), "--terapkan", "--oleh", operator.username, stdout=out,
    )  # fmt: skip

    baru = Dokumen.objects.get(satker=rak_lebak.satker, jenis="RAK", tahun=2030)
    assert out.getvalue().splitlines()[-1] == f"Draf RAK 2030 dibuat, id {baru.pk}."
    assert JejakPerubahan.objects.get(dokumen=baru).ringkasan.startswith("Diimpor dari rak.xlsx.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("argumen", "pesan"),
    [
        (["--jenis", "lkjip"], "Jenis “lkjip” tidak dikenal"),
        (["--satker", "tidak-ada"], "Satker dengan kode “tidak-ada” tidak ditemukan"),
        (["--berkas", "/tidak/ada.xlsx"], "tidak ditemukan"),
        (["--tahun", "2024", "--terapkan"], "IKU tahun 2024 sudah ada"),
    ],
)
def test_the_command_refuses_with_a_message(tmp_path, iku_serang, argumen, pesan):
    berkas = tmp_path / "iku.xlsx"
    berkas.write_bytes(xlsx_dokumen(iku_serang))
    nilai = {
        "--satker": "kota-serang",
        "--jenis": "iku",
        "--tahun": "2030",
        "--berkas": str(berkas),
    }
    bendera = []
    for i, a in enumerate(argumen):
        if a in nilai:
            nilai[a] = argumen[i + 1]
        elif a.startswith("--") and a not in nilai:
            bendera.append(a)
    args = [x for k, v in nilai.items() for x in (k, v)] + bendera
    out = StringIO()

    with pytest.raises(CommandError) as galat:
        call_command("impor_dokumen", *args, stdout=out)

    assert pesan in str(galat.value) + out.getvalue()
    assert not Dokumen.objects.filter(satker=iku_serang.satker, tahun=2030).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("satker", "jenis"), SEED)
def test_a_seed_laid_out_as_word_imports_with_its_rows_and_header(satker, jenis):
    asli = dokumen_seed(satker, jenis)
    terdaftar = jenis_terdaftar(jenis)
    isi = docx_dokumen(asli, pecah=3, ttd_tabel=jenis == "RAK")

    pratinjau = _pratinjau(asli, isi, nama=f"{jenis}.docx")
    assert pratinjau.bisa_diterapkan, pratinjau.galat
    assert pratinjau.hasil.peringatan == []
    baru = impor_terapkan(pratinjau=pratinjau, oleh=akun_satker(asli.satker, Peran.OPERATOR))

    anak = terdaftar.kunci_anak
    dibuat = [tanpa_kunci(b, anak) for b in terdaftar.baca_baris(baru)]
    bandingkan(terdaftar.baca_baris(asli), dibuat, anak)
    assert baru.tempat_ttd == (asli.tempat_ttd or asli.satker.kota_ttd)
    assert (baru.tanggal_ttd, baru.tanggal_ttd_presisi) == (
        asli.tanggal_ttd,
        asli.tanggal_ttd_presisi,
    )
    assert baru.penandatangan == asli.penandatangan


@pytest.mark.django_db
def test_word_rows_are_named_by_their_table_and_row(rak_lebak):
    pratinjau = _pratinjau(rak_lebak, docx_dokumen(rak_lebak, pecah=2), nama="rak.docx")
    letak = [b.letak for b in pratinjau.baris_tampil()]

    assert letak[0].startswith("tabel 1, baris ")
    assert letak[-1].startswith("tabel 2, baris ")


@pytest.mark.django_db
def test_an_ikus_tupoksi_replace_the_profiles_when_asked(iku_serang):
    satker = iku_serang.satker
    fungsi = list(satker.tupoksi.filter(jenis=JenisTupoksi.FUNGSI).values_list("teks", flat=True))
    assert fungsi, "the seed has a fungsi list"
    isi = docx_dokumen(iku_serang)
    satker.tupoksi.filter(jenis=JenisTupoksi.FUNGSI).delete()
    operator = akun_satker(satker, Peran.OPERATOR)

    pratinjau = _pratinjau(iku_serang, isi, nama="iku.docx")
    assert pratinjau.tupoksi_terbaca[JenisTupoksi.FUNGSI] == fungsi
    impor_terapkan(pratinjau=pratinjau, oleh=operator, tupoksi=True)

    sekarang = satker.tupoksi.filter(jenis=JenisTupoksi.FUNGSI).values_list("teks", flat=True)
    assert list(sekarang) == fungsi
    jejak = JejakProfil.objects.filter(satker=satker).latest("pk")
    assert (jejak.oleh, jejak.ringkasan.startswith("Diimpor dari iku.docx.")) == (operator, True)


@pytest.mark.django_db
def test_without_asking_the_profile_stays(iku_serang):
    satker = iku_serang.satker
    sebelum = list(satker.tupoksi.values_list("jenis", "teks"))
    isi = docx_dokumen(iku_serang)
    satker.tupoksi.all().delete()

    impor_terapkan(pratinjau=_pratinjau(iku_serang, isi, nama="iku.docx"), oleh=None)

    assert sebelum
    assert not satker.tupoksi.exists()


@pytest.mark.django_db
def test_a_word_file_without_a_table_reads_nothing_and_says_so(iku_serang):
    isi = docx_tabel([["Catatan rapat"]], sebelum=["Notulen"])

    pratinjau = _pratinjau(iku_serang, isi, nama="notulen.docx")

    assert not pratinjau.bisa_diterapkan
    assert "Tidak ada baris IKU yang terbaca" in pratinjau.galat[0][0]


@pytest.mark.django_db
def test_a_word_file_past_the_row_limit_is_refused(monkeypatch, rak_lebak):
    monkeypatch.setattr(impor, "BATAS_BARIS", 50)

    with pytest.raises(BerkasDitolak, match="lebih dari"):
        _pratinjau(rak_lebak, docx_rak_besar(60), nama="rak.docx")


@pytest.mark.django_db
def test_a_word_file_python_docx_cannot_open_is_refused(iku_serang):
    asli = docx_tabel([["No", "Indikator"]])
    masuk, keluar = zipfile.ZipFile(io.BytesIO(asli)), io.BytesIO()
    with masuk, zipfile.ZipFile(keluar, "w") as tujuan:
        for info in masuk.infolist():
            data = masuk.read(info)
            tujuan.writestr(info, b"<w:document" if info.filename == "word/document.xml" else data)

    with pytest.raises(BerkasDitolak, match="tidak dapat dibaca"):
        _pratinjau(iku_serang, keluar.getvalue(), nama="iku.docx")
