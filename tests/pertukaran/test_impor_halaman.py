"""The import pages: upload → preview → confirm, for who may change the satker's drafts only,
with a refused file's message next to the field and the preview's queries constant."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen, JejakPerubahan
from pertukaran.models import BerkasImpor
from pertukaran.xlsx import xlsx_dokumen
from satker.models import Peran
from tests.conftest import dokumen_seed
from tests.factories import akun_satker

pytestmark = pytest.mark.django_db


def _unggah(client, kode: str, isi: bytes, *, jenis="RAK", tahun=2030, nama="rak.xlsx"):
    berkas = SimpleUploadedFile(nama, isi)
    return client.post(
        reverse("pertukaran:impor", args=[kode]), {"jenis": jenis, "tahun": tahun, "berkas": berkas}
    )


@pytest.fixture
def operator_lebak(client, rak_lebak):
    user = akun_satker(rak_lebak.satker, Peran.OPERATOR)
    client.force_login(user)
    return user


def test_an_operator_imports_a_rak_and_lands_in_its_editor(client, operator_lebak, rak_lebak):
    respons = _unggah(client, "kab-lebak", xlsx_dokumen(rak_lebak))
    berkas = BerkasImpor.objects.get(pemilik=operator_lebak)
    assert respons.url == reverse("pertukaran:impor-pratinjau", args=["kab-lebak", berkas.pk])

    halaman = client.get(respons.url)
    assert halaman.status_code == 200
    teks = halaman.content.decode()
    pertama = jenis_terdaftar("RAK").baca_baris(rak_lebak)[0]
    assert "Pratinjau impor: RAK 2030" in teks
    assert "Buat draf dengan" in teks
    assert pertama["sasaran"] in teks

    respons = client.post(respons.url)
    baru = Dokumen.objects.get(satker=rak_lebak.satker, jenis="RAK", tahun=2030)
    assert respons.url == reverse("dokumen:ubah", args=[baru.pk])
    assert JejakPerubahan.objects.get(dokumen=baru).ringkasan.startswith("Diimpor dari rak.xlsx.")
    assert not BerkasImpor.objects.exists()  # used once


def test_a_refused_file_is_told_next_to_the_field(client, operator_lebak):
    respons = _unggah(client, "kab-lebak", b"MZ\x90\x00" + b"\x00" * 64, nama="rak.docx")

    assert respons.status_code == 200
    assert "program (executable)" in " ".join(respons.context["form"].errors["berkas"])
    assert not BerkasImpor.objects.exists()


def test_a_formula_without_value_is_told_next_to_the_field(client, operator_lebak, rak_lebak):
    buku = load_workbook(io.BytesIO(xlsx_dokumen(rak_lebak)))
    buku.active["Z1"] = "=1+1"
    keluar = io.BytesIO()
    buku.save(keluar)

    respons = _unggah(client, "kab-lebak", keluar.getvalue())

    assert "berisi rumus yang nilainya belum tersimpan" in " ".join(
        respons.context["form"].errors["berkas"]
    )


def test_a_preview_with_refusals_creates_nothing(client, operator_lebak, rak_lebak):
    respons = _unggah(client, "kab-lebak", xlsx_dokumen(rak_lebak), tahun=2024)  # exists
    halaman = client.get(respons.url)
    assert "RAK tahun 2024 sudah ada" in halaman.content.decode()
    assert "Buat draf dengan" not in halaman.content.decode()

    assert client.post(respons.url).status_code == 409
    assert Dokumen.objects.filter(satker=rak_lebak.satker, jenis="RAK").count() == 1


def test_another_satker_is_a_404_and_a_reader_is_refused(client, rak_lebak, iku_serang):
    client.force_login(akun_satker(rak_lebak.satker, Peran.OPERATOR))
    assert client.get(reverse("pertukaran:impor", args=["kota-serang"])).status_code == 404

    client.force_login(akun_satker(rak_lebak.satker, Peran.KETUA))  # approves, does not write
    assert client.get(reverse("pertukaran:impor", args=["kab-lebak"])).status_code == 403


def test_only_the_uploader_sees_their_preview(client, operator_lebak, rak_lebak):
    respons = _unggah(client, "kab-lebak", xlsx_dokumen(rak_lebak))
    client.force_login(akun_satker(rak_lebak.satker, Peran.SEKRETARIS))

    assert client.get(respons.url).status_code == 404
    assert client.post(respons.url).status_code == 404


# Session, user, profile, the satker with its tupoksi and officials (satker_ambil), the upload,
# the document already there, and the navbar's reads: the same for any number of rows.
KUERI_PRATINJAU = 9


@pytest.mark.parametrize("jenis", ["IKU", "RAK"])
def test_the_preview_reads_a_constant_number_of_queries(
    client, operator_lebak, jenis, django_assert_num_queries
):
    respons = _unggah(
        client, "kab-lebak", xlsx_dokumen(dokumen_seed("kab-lebak", jenis)), jenis=jenis
    )

    with django_assert_num_queries(KUERI_PRATINJAU):
        assert client.get(respons.url).status_code == 200
