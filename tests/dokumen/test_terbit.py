"""Publishing end to end: the workflow signs with real pyHanko, the PDF is stored once, and the
public verification page answers for the original, a tampered copy, another PDF and a non-PDF."""

import datetime
import subprocess
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from dokumen.alur import TransisiDitolak, dokumen_buat_revisi, dokumen_terbitkan_langsung
from dokumen.models import Dokumen, PresisiTanggal, StatusDokumen
from dokumen.services import DokumenTidakBisaDiubah, dokumen_simpan
from dokumen.tte import periksa_tanda_tangan
from satker.models import Peran
from tests.dua_faktor_uji import kode_klien
from tests.factories import (
    PASSWORD,
    IkuFactory,
    RakFactory,
    akun_penandatangan,
    akun_satker,
    ke_status,
    pastikan_kunci_tte,
)


@pytest.fixture(autouse=True)
def _tte(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://kinerja.contoh.go.id"


@pytest.fixture
def rak(db) -> Dokumen:
    """A RAK 2024 draft of a Kab/Kota, signed by its Sekretaris."""
    return RakFactory(tahun=2024)


def _akun(dokumen: Dokumen) -> dict[str, object]:
    """The satker's operator, Ketua and the signatory's account (the Sekretaris for a RAK),
    with a development key for the signatory, so batch publishing finds all it needs."""
    pastikan_kunci_tte()
    return {
        "operator": akun_satker(dokumen.satker, Peran.OPERATOR),
        "ketua": akun_satker(dokumen.satker, Peran.KETUA),
        "penandatangan": akun_penandatangan(dokumen),
    }


def _baca(dokumen: Dokumen) -> bytes:
    with dokumen.berkas_pdf.open("rb") as berkas:
        return berkas.read()


@pytest.mark.django_db
def test_the_rak_goes_from_draft_to_a_signed_pdf_through_the_pages(client, rak, settings):
    settings.SITE_URL = "http://testserver"  # where the test client's requests arrive
    akun = _akun(rak)
    assert akun["penandatangan"].profil.peran == Peran.SEKRETARIS
    for user, aksi in [(akun["operator"], "AJUKAN"), (akun["ketua"], "SETUJUI")]:
        client.force_login(user)
        client.post(reverse("dokumen:aksi", args=[rak.pk, aksi]), {"konfirmasi": "1"})
    # Signing: its own page, with the signatory's password asked again.
    client.force_login(akun["penandatangan"])
    client.post(
        reverse("dokumen:tandatangani", args=[rak.pk]),
        {"password": PASSWORD, "kode": kode_klien(client)},
    )
    rak.refresh_from_db()
    assert rak.status == StatusDokumen.TERBIT
    assert [r.aksi for r in rak.riwayat.all()] == ["AJUKAN", "SETUJUI", "TERBITKAN"]
    pdf = _baca(rak)
    periksa = periksa_tanda_tangan(pdf)
    assert periksa.valid
    assert periksa.mencakup_seluruh
    assert periksa.nama_penandatangan == rak.penandatangan.nama
    # Served from storage, byte for byte: never re-rendered.
    unduhan = client.get(reverse("dokumen:pdf", args=[rak.pk]))
    assert unduhan.content == pdf
    teks = _pdftotext(pdf)
    assert f"http://testserver/verifikasi/{rak.token_verifikasi}/" in teks
    assert "ditandatangani secara elektronik" in teks
    assert "DRAF" not in teks


def test_the_ketua_cannot_sign_what_the_sekretaris_signs(client, rak):
    rak = ke_status(rak, StatusDokumen.DISETUJUI)
    client.force_login(akun_satker(rak.satker, Peran.KETUA))
    response = client.post(
        reverse("dokumen:tandatangani", args=[rak.pk]),
        {"password": PASSWORD, "kode": kode_klien(client)},
    )
    assert response.status_code == 403
    rak.refresh_from_db()
    assert rak.status == StatusDokumen.DISETUJUI
    assert not rak.berkas_pdf


@pytest.mark.django_db
class TestPublished:
    @pytest.fixture
    def terbit(self, rak) -> Dokumen:
        _akun(rak)
        return dokumen_terbitkan_langsung(dokumen=rak)

    def test_a_published_document_refuses_edits(self, client, terbit):
        with pytest.raises(DokumenTidakBisaDiubah):
            dokumen_simpan(dokumen=terbit, kepala={}, baris=[], suntingan=terbit.suntingan)
        client.force_login(akun_satker(terbit.satker, Peran.OPERATOR))
        response = client.get(reverse("dokumen:ubah", args=[terbit.pk]))
        assert response["Location"] == reverse("dokumen:detail", args=[terbit.pk])

    def test_the_verification_page_needs_no_login(self, client, terbit):
        html = client.get(reverse("verifikasi", args=[terbit.token_verifikasi])).content.decode()
        for teks in (
            terbit.satker.nama_lengkap,
            "Rencana Aksi Kinerja",
            "2024",
            terbit.penandatangan.nama,
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

    def test_a_second_revision_beside_a_draft_one_is_refused_naming_it(self, terbit):
        operator = akun_satker(terbit.satker, Peran.OPERATOR)
        dokumen_buat_revisi(dokumen=terbit, user=operator, alasan="Revisi DIPA")

        with pytest.raises(TransisiDitolak, match=r"^Versi 2 sedang disusun \(draf\); lanjutkan"):
            dokumen_buat_revisi(dokumen=terbit, user=operator, alasan="Revisi lagi")

    def test_a_tampered_copy_has_an_invalid_signature(self, client, terbit):
        pdf = bytearray(_baca(terbit))
        posisi = len(pdf) // 3
        pdf[posisi] = pdf[posisi] ^ 0x01
        html = self._unggah(client, terbit, bytes(pdf))
        assert "tanda tangan tidak valid</div>" in html

    def test_another_documents_pdf_does_not_match(self, client, terbit):
        lain = ke_status(IkuFactory(satker=terbit.satker), StatusDokumen.TERBIT)
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
            dokumen=terbit, user=akun_satker(terbit.satker, Peran.OPERATOR), alasan="Revisi DIPA"
        )
        assert (revisi.versi, revisi.status, revisi.alasan_revisi) == (2, "DRAF", "Revisi DIPA")
        assert revisi.sasaran_rak.count() == terbit.sasaran_rak.count()
        # Version 1's signing date is not carried over: version 2 is signed on its own day.
        assert terbit.tanggal_ttd is not None
        assert revisi.tanggal_ttd is None
        Dokumen.objects.filter(pk=revisi.pk).update(tanggal_ttd=datetime.date(2024, 7, 1))
        revisi.refresh_from_db()
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
    def test_terbitkan_publishes_and_prints_the_verification_url(self, rak):
        _akun(rak)
        out = StringIO()
        kode = rak.satker.kode
        call_command("terbitkan", "--satker", kode, "--jenis", "rak", "--tahun", "2024", stdout=out)
        rak.refresh_from_db()
        assert rak.status == StatusDokumen.TERBIT
        assert f"/verifikasi/{rak.token_verifikasi}/" in out.getvalue()
        assert [r.aksi for r in rak.riwayat.order_by("pk")] == [
            "AJUKAN",
            "SETUJUI",
            "TERBITKAN",
        ]

    def test_terbitkan_refuses_a_document_without_signatory(self):
        tanpa_penandatangan = IkuFactory(tahun=2024, penandatangan=None)
        akun_satker(tanpa_penandatangan.satker, Peran.OPERATOR)
        akun_satker(tanpa_penandatangan.satker, Peran.KETUA)
        with pytest.raises(CommandError, match="Penandatangan belum ditetapkan"):
            call_command(
                "terbitkan",
                "--satker",
                tanpa_penandatangan.satker.kode,
                "--jenis",
                "iku",
                "--tahun",
                "2024",
                stdout=StringIO(),
            )
        tanpa_penandatangan.refresh_from_db()
        assert tanpa_penandatangan.status == StatusDokumen.DRAF
        assert not tanpa_penandatangan.riwayat.exists()

    def test_export_writes_the_stored_pdf_when_published(self, rak, tmp_path):
        terbit = ke_status(rak, StatusDokumen.TERBIT)
        keluar = tmp_path / "rak.pdf"
        call_command(
            "export_dokumen",
            "--satker",
            terbit.satker.kode,
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
        draf = IkuFactory(
            tahun=2024,
            tempat_ttd="Buntok",
            tanggal_ttd=datetime.date(2024, 1, 1),
            tanggal_ttd_presisi=PresisiTanggal.BULAN,
        )
        keluar = tmp_path / "iku.pdf"
        call_command(
            "export_dokumen",
            "--satker",
            draf.satker.kode,
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
        assert "Persentase capaian indikator uji 1" in teks

    def test_export_names_a_missing_document(self, rak, tmp_path):
        with pytest.raises(CommandError, match="Tidak ada RKT 2024 versi 3"):
            call_command(
                "export_dokumen",
                "--satker",
                rak.satker.kode,
                "--jenis",
                "rkt",
                "--tahun",
                "2024",
                "--versi",
                "3",
                "--out",
                str(tmp_path / "x.pdf"),
            )
