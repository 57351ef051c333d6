"""Publishing end to end: the workflow signs with real pyHanko, the PDF is stored once, and the
public verification page answers for the original, a tampered copy, another PDF and a non-PDF."""

import subprocess
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from dokumen.alur import dokumen_buat_revisi, dokumen_terbitkan_langsung
from dokumen.models import Dokumen, StatusDokumen
from dokumen.services import DokumenTidakBisaDiubah, dokumen_simpan
from dokumen.tte import periksa_tanda_tangan
from tests.conftest import dokumen_seed


def _user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture(autouse=True)
def _tte(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://kinerja.contoh.go.id"


def _baca(dokumen: Dokumen) -> bytes:
    with dokumen.berkas_pdf.open("rb") as berkas:
        return berkas.read()


@pytest.mark.django_db
def test_the_rak_goes_from_draft_to_a_signed_pdf_through_the_pages(client, rak_lebak):
    langkah = [
        ("operator.kab-lebak", "AJUKAN"),
        ("ketua.kab-lebak", "SETUJUI"),
        ("sekretaris.kab-lebak", "TERBITKAN"),
    ]
    for username, aksi in langkah:
        client.force_login(_user(username))
        client.post(reverse("dokumen:aksi", args=[rak_lebak.pk, aksi]))
    rak_lebak.refresh_from_db()
    assert rak_lebak.status == StatusDokumen.TERBIT
    assert [r.aksi for r in rak_lebak.riwayat.all()] == ["AJUKAN", "SETUJUI", "TERBITKAN"]
    pdf = _baca(rak_lebak)
    periksa = periksa_tanda_tangan(pdf)
    assert periksa.valid
    assert periksa.mencakup_seluruh
    assert periksa.nama_penandatangan == "RAHMAT SETIAWAN TONIDAYA"
    # Served from storage, byte for byte: never re-rendered.
    unduhan = client.get(reverse("dokumen:pdf", args=[rak_lebak.pk]))
    assert unduhan.content == pdf
    teks = _pdftotext(pdf)
    assert f"https://kinerja.contoh.go.id/verifikasi/{rak_lebak.token_verifikasi}/" in teks
    assert "ditandatangani secara elektronik" in teks
    assert "DRAF" not in teks


def test_the_ketua_cannot_sign_what_the_sekretaris_signs(client, db, rak_lebak):
    Dokumen.objects.filter(pk=rak_lebak.pk).update(status=StatusDokumen.DISETUJUI)
    client.force_login(_user("ketua.kab-lebak"))
    response = client.post(reverse("dokumen:aksi", args=[rak_lebak.pk, "TERBITKAN"]))
    assert response.status_code == 403
    rak_lebak.refresh_from_db()
    assert rak_lebak.status == StatusDokumen.DISETUJUI


@pytest.mark.django_db
class TestPublished:
    @pytest.fixture
    def terbit(self, rak_lebak) -> Dokumen:
        return dokumen_terbitkan_langsung(dokumen=rak_lebak)

    def test_a_published_document_refuses_edits(self, client, operator_lebak, terbit):
        with pytest.raises(DokumenTidakBisaDiubah):
            dokumen_simpan(dokumen=terbit, kepala={}, baris=[], suntingan=terbit.suntingan)
        client.force_login(operator_lebak)
        response = client.get(reverse("dokumen:ubah", args=[terbit.pk]))
        assert response["Location"] == reverse("dokumen:detail", args=[terbit.pk])

    def test_the_verification_page_needs_no_login(self, client, terbit):
        html = client.get(reverse("verifikasi", args=[terbit.token_verifikasi])).content.decode()
        for teks in (
            "Komisi Pemilihan Umum Kabupaten Lebak",
            "Rencana Aksi Kinerja",
            "2024",
            "RAHMAT SETIAWAN TONIDAYA",
            terbit.sha256,
            "versi berlaku",
        ):
            assert teks in html

    def _unggah(self, client, terbit, isi: bytes, nama="dokumen.pdf") -> str:
        berkas = SimpleUploadedFile(nama, isi, content_type="application/pdf")
        url = reverse("verifikasi", args=[terbit.token_verifikasi])
        response = client.post(url, {"berkas": berkas})
        assert response.status_code == 200
        return response.content.decode()

    def test_the_original_is_asli(self, client, terbit):
        assert "asli</div>" in self._unggah(client, terbit, _baca(terbit))

    def test_a_tampered_copy_has_an_invalid_signature(self, client, terbit):
        pdf = bytearray(_baca(terbit))
        posisi = len(pdf) // 3
        pdf[posisi] = pdf[posisi] ^ 0x01
        html = self._unggah(client, terbit, bytes(pdf))
        assert "tanda tangan tidak valid</div>" in html

    def test_another_documents_pdf_does_not_match(self, client, terbit):
        lain = dokumen_terbitkan_langsung(dokumen=dokumen_seed("kab-lebak", "IKU"))
        html = self._unggah(client, terbit, _baca(lain))
        assert "tidak sesuai</div>" in html

    @pytest.mark.parametrize("isi", [b"bukan pdf sama sekali", b"", b"\x89PNG\r\n"])
    def test_a_non_pdf_gets_a_clear_message(self, client, terbit, isi):
        html = self._unggah(client, terbit, isi, nama="gambar.png")
        assert "bukan PDF" in html or "kosong" in html

    def test_a_corrupt_pdf_is_not_a_crash(self, client, terbit):
        html = self._unggah(client, terbit, b"%PDF-1.7\n" + b"\x00" * 500)
        assert "tidak sesuai</div>" in html

    def test_an_unknown_token_is_404(self, client, db):
        assert client.get(reverse("verifikasi", args=["tidak-ada"])).status_code == 404

    def test_a_revision_supersedes_but_keeps_the_old_version_verifiable(self, client, terbit):
        revisi = dokumen_buat_revisi(
            dokumen=terbit, user=_user("operator.kab-lebak"), alasan="Revisi DIPA"
        )
        assert (revisi.versi, revisi.status, revisi.alasan_revisi) == (2, "DRAF", "Revisi DIPA")
        assert revisi.sasaran_rak.count() == terbit.sasaran_rak.count()
        revisi = dokumen_terbitkan_langsung(dokumen=revisi)
        url_lama = reverse("verifikasi", args=[terbit.token_verifikasi])
        html = client.get(url_lama).content.decode()
        assert "digantikan" in html
        assert "asli</div>" in self._unggah(client, terbit, _baca(terbit))


def _pdftotext(pdf: bytes) -> str:
    hasil = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(hasil.stdout.decode().split())


@pytest.mark.django_db
class TestCommands:
    def test_terbitkan_publishes_and_prints_the_verification_url(self, rak_lebak):
        out = StringIO()
        call_command(
            "terbitkan", "--satker", "kab-lebak", "--jenis", "rak", "--tahun", "2024", stdout=out
        )
        rak_lebak.refresh_from_db()
        assert rak_lebak.status == StatusDokumen.TERBIT
        assert f"/verifikasi/{rak_lebak.token_verifikasi}/" in out.getvalue()

    def test_terbitkan_refuses_a_document_without_signatory(self):
        with pytest.raises(CommandError, match="Penandatangan belum ditetapkan"):
            call_command(
                "terbitkan",
                "--satker",
                "kab-barito-selatan",
                "--jenis",
                "iku",
                "--tahun",
                "2024",
                stdout=StringIO(),
            )
        assert dokumen_seed("kab-barito-selatan", "IKU").status == StatusDokumen.DRAF

    def test_export_writes_the_stored_pdf_when_published(self, rak_lebak, tmp_path):
        terbit = dokumen_terbitkan_langsung(dokumen=rak_lebak)
        keluar = tmp_path / "rak.pdf"
        call_command(
            "export_dokumen",
            "--satker",
            "kab-lebak",
            "--jenis",
            "rak",
            "--tahun",
            "2024",
            "--out",
            str(keluar),
            stdout=StringIO(),
        )
        assert keluar.read_bytes() == _baca(terbit)

    def test_export_writes_a_draft_render_otherwise(self, tmp_path):
        keluar = tmp_path / "iku.pdf"
        call_command(
            "export_dokumen",
            "--satker",
            "kab-barito-selatan",
            "--jenis",
            "iku",
            "--tahun",
            "2024",
            "--out",
            str(keluar),
            stdout=StringIO(),
        )
        teks = _pdftotext(keluar.read_bytes())
        assert "DRAF" in teks
        assert "Buntok, Januari 2024" in teks

    def test_export_names_a_missing_document(self, tmp_path):
        with pytest.raises(CommandError, match="Tidak ada RKT 2024 versi 3"):
            call_command(
                "export_dokumen",
                "--satker",
                "kab-lebak",
                "--jenis",
                "rkt",
                "--tahun",
                "2024",
                "--versi",
                "3",
                "--out",
                str(tmp_path / "x.pdf"),
            )
