"""The public verification upload is bounded (issue 10, finding 1): crafted PDFs that once kept a
worker busy for 30 s and 630 MB are refused as "tidak dapat diperiksa" within seconds, the check
runs in a child with a time and memory limit, each address has a rate limit, and an oversize
body is refused before it is read."""

import json
import os
import resource
import time
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import encode_multipart
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from dokumen import views_publik
from dokumen.alur import dokumen_terbitkan_langsung
from dokumen.models import Dokumen
from dokumen.tte import BatasPeriksa, _akar_tepercaya, periksa_dengan
from dokumen.verifikasi import Putusan, periksa_berkas
from rencana_aksi.models import BarisRak
from tests.dokumen.test_dokumen_ubah import PREFIX, form_data, tambah_baris_rak

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _tte(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://kinerja.contoh.go.id"


@pytest.fixture
def terbit(rak_lebak) -> Dokumen:
    return dokumen_terbitkan_langsung(dokumen=rak_lebak)


@pytest.fixture
def pdf_terbit(terbit) -> bytes:
    with terbit.berkas_pdf.open("rb") as berkas:
        return berkas.read()


def _tambah_pembaruan(pdf: bytes, ubah_fields) -> bytes:
    """`pdf` with an incremental update whose /AcroForm /Fields is `ubah_fields(writer, fields)`."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    form_ref = writer.root.raw_get("/AcroForm")
    form = form_ref.get_object()
    form["/Fields"] = ubah_fields(writer, form["/Fields"])
    if isinstance(form_ref, generic.IndirectObject):
        writer.update_container(form)
    else:
        writer.update_root()
    keluaran = BytesIO()
    writer.write(keluaran)
    return keluaran.getvalue()


def field_diulang(pdf: bytes, kali: int = 10_000) -> bytes:
    """The existing signature field listed `kali` times in /Fields (the report's 127 KB file)."""
    return _tambah_pembaruan(pdf, lambda w, fields: generic.ArrayObject([fields.raw_get(0)] * kali))


def field_berbeda(pdf: bytes, jumlah: int = 2_000) -> bytes:
    """`jumlah` distinct signature fields, each its own object holding the existing signature."""

    def ubah(writer, fields):
        asli = fields[0].get_object()
        baru = generic.ArrayObject(fields.raw_get(i) for i in range(len(fields)))
        for i in range(jumlah):
            salinan = generic.DictionaryObject(
                {
                    generic.NameObject("/FT"): generic.NameObject("/Sig"),
                    generic.NameObject("/T"): generic.TextStringObject(f"Salinan{i}"),
                    generic.NameObject("/V"): asli.raw_get("/V"),
                }
            )
            baru.append(writer.add_object(salinan))
        return baru

    return _tambah_pembaruan(pdf, ubah)


def _anak_tersisa() -> list[int]:
    """Checking children of this process still alive (or unreaped)."""
    tersisa = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == os.getpid() and b"dokumen.periksa_terbatas" in cmdline:
            tersisa.append(int(pid))
    return tersisa


def _unggah(client, terbit, isi: bytes, **extra):
    berkas = SimpleUploadedFile("dokumen.pdf", isi, content_type="application/pdf")
    url = reverse("verifikasi", args=[terbit.token_verifikasi])
    return client.post(url, {"berkas": berkas}, **extra)


@pytest.mark.django_db
class TestCraftedFiles:
    @pytest.mark.parametrize("buat", [field_diulang, field_berbeda], ids=["10000x", "2000"])
    def test_it_refuses_a_crafted_file_within_seconds_and_bounded_memory(
        self, client, settings, terbit, pdf_terbit, buat
    ):
        # The child cannot pass 300 MB of address space (RSS is less); the answer is still the
        # cap's, so the refusal happened well inside it.
        settings.VERIFIKASI_BATAS_MEMORI_MB = 300
        berkas = buat(pdf_terbit)
        assert periksa_dengan(berkas, akar=_akar_tepercaya(), batas=BatasPeriksa()).alasan
        rss_awal = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        mulai = time.monotonic()
        response = _unggah(client, terbit, berkas)
        lama = time.monotonic() - mulai
        assert response.status_code == 200
        html = response.content.decode()
        assert "tidak dapat diperiksa</div>" in html
        assert "isian formulir" in html
        assert "alert-warning" in html
        assert lama < 5
        # ru_maxrss is in KB: the web process itself grew by less than 50 MB.
        assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_awal < 50 * 1024
        assert _anak_tersisa() == []

    def test_it_still_finds_the_genuine_file_asli(self, client, terbit, pdf_terbit):
        html = _unggah(client, terbit, pdf_terbit).content.decode()
        assert "asli</div>" in html

    def test_it_counts_signatures_before_validating_them(self, pdf_terbit):
        berkas = field_berbeda(pdf_terbit, jumlah=20)  # 21 fields: under the field cap
        hasil = periksa_dengan(berkas, akar=_akar_tepercaya(), batas=BatasPeriksa())
        assert not hasil.dapat_diperiksa
        assert "21 tanda tangan" in hasil.alasan

    @pytest.mark.parametrize(
        ("batas", "alasan"),
        [
            (BatasPeriksa(revisi=1), "revisi"),
            (BatasPeriksa(objek=10), "objek"),
            (BatasPeriksa(tanda_tangan=0), "tanda tangan"),
        ],
    )
    def test_each_cap_refuses_past_it(self, pdf_terbit, batas, alasan):
        hasil = periksa_dengan(pdf_terbit, akar=_akar_tepercaya(), batas=batas)
        assert not hasil.dapat_diperiksa
        assert alasan in hasil.alasan
        assert periksa_dengan(pdf_terbit, akar=_akar_tepercaya(), batas=BatasPeriksa()).valid

    def test_a_check_past_the_time_limit_is_killed(self, settings, terbit, pdf_terbit):
        # Caps off: the 2,000 signatures are validated until the child is killed.
        settings.VERIFIKASI_MAKS_FIELD = settings.VERIFIKASI_MAKS_TANDA_TANGAN = 100_000
        settings.VERIFIKASI_BATAS_DETIK = 2
        berkas = field_berbeda(pdf_terbit)
        mulai = time.monotonic()
        hasil = periksa_berkas(terbit, berkas)
        assert time.monotonic() - mulai < 4
        assert hasil.putusan == Putusan.TIDAK_DAPAT_DIPERIKSA
        assert "batas waktu" in hasil.penjelasan
        assert _anak_tersisa() == []

    def test_a_check_past_the_memory_limit_is_stopped(self, settings, terbit, pdf_terbit):
        settings.VERIFIKASI_BATAS_MEMORI_MB = 40  # less than pyHanko needs to load
        hasil = periksa_berkas(terbit, pdf_terbit)
        assert hasil.putusan == Putusan.TIDAK_DAPAT_DIPERIKSA
        assert "batas memori" in hasil.penjelasan


class _TidakBolehDibaca:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


class _Penghitung(BytesIO):
    """A request body that counts how much of it was read."""

    dibaca = 0

    def read(self, size=-1):
        data = super().read(size)
        self.dibaca += len(data)
        return data


BOUNDARY = "BatasUjiVerifikasi"


def _multipart(isi: bytes) -> bytes:
    berkas = SimpleUploadedFile("dokumen.pdf", isi, content_type="application/pdf")
    return encode_multipart(BOUNDARY, {"berkas": berkas})


def _post_mentah(client, terbit, body, **extra):
    url = reverse("verifikasi", args=[terbit.token_verifikasi])
    return client.generic(
        "POST", url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}", **extra
    )


@pytest.mark.django_db
class TestSize:
    def test_an_oversize_body_is_refused_before_it_is_read(self, client, terbit):
        response = _post_mentah(
            client,
            terbit,
            b"x",
            CONTENT_LENGTH=str(500 * MB),
            **{"wsgi.input": _TidakBolehDibaca()},
        )
        assert response.status_code == 413
        assert "Berkas terlalu besar: paling besar 10 MB." in response.content.decode()

    def test_a_body_without_length_is_refused(self, client, terbit):
        response = _post_mentah(client, terbit, b"", **{"wsgi.input": _TidakBolehDibaca()})
        assert response.status_code == 411
        assert "Ukuran kiriman tidak diketahui" in response.content.decode()

    def test_the_upload_stops_being_read_past_the_limit(self, client, monkeypatch, terbit):
        # The header check let through (its slack widened): the upload handler alone stops
        # reading a little past 10 MB, neither buffering nor spooling the rest.
        monkeypatch.setattr(views_publik, "SELISIH_MULTIPART", 8 * MB)
        body = _multipart(b"%PDF-1.7\n" + b"0" * (14 * MB))
        masukan = _Penghitung(body)
        response = _post_mentah(client, terbit, body, **{"wsgi.input": masukan})
        assert response.status_code == 413
        assert "Berkas terlalu besar" in response.content.decode()
        assert masukan.dibaca < 10 * MB + 256 * 1024

    def test_a_file_of_exactly_the_limit_is_checked(self, client, terbit):
        response = _post_mentah(client, terbit, _multipart(b"%PDF-1.7\n" + b"0" * (10 * MB - 9)))
        assert response.status_code == 200
        assert "tidak sesuai</div>" in response.content.decode()

    def test_a_large_file_without_an_end_marker_is_answered_at_once(self, client, terbit):
        # pyHanko alone spends the whole time limit scanning 10 MB for the missing %%EOF.
        awal = time.monotonic()
        response = _post_mentah(client, terbit, _multipart(b"%PDF-1.7\n" + b"0" * (10 * MB - 9)))
        assert response.status_code == 200
        assert "tidak sesuai</div>" in response.content.decode()
        assert time.monotonic() - awal < settings.VERIFIKASI_BATAS_DETIK / 2

    def test_the_editor_still_saves_500_rows_of_long_text(self, client, operator_lebak, rak_lebak):
        data = form_data(rak_lebak)
        for i in range(int(data[f"{PREFIX}-TOTAL_FORMS"]), 500):
            tambah_baris_rak(data, kegiatan=f"Kegiatan {i} " + "uraian " * 300, anggaran="1000")
        client.force_login(operator_lebak)
        response = client.post(reverse("dokumen:ubah", args=[rak_lebak.pk]), data)
        assert response.status_code == 302
        assert BarisRak.objects.filter(sasaran__dokumen=rak_lebak).count() == 500


@pytest.mark.django_db
class TestRateLimit:
    def _kirim(self, client, terbit, **meta):
        berkas = SimpleUploadedFile("bukan.pdf", b"bukan pdf", content_type="application/pdf")
        url = reverse("verifikasi", args=[terbit.token_verifikasi])
        return client.post(url, {"berkas": berkas}, **meta)

    def test_it_answers_429_past_10_uploads_a_minute_from_one_address(self, client, terbit):
        for _ in range(10):
            assert self._kirim(client, terbit, REMOTE_ADDR="203.0.113.5").status_code == 200
        response = self._kirim(client, terbit, REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 429
        assert response["Retry-After"] == "60"
        assert "Terlalu banyak pemeriksaan dari alamat Anda" in response.content.decode()
        # Refused before the body is read; other addresses and the page itself are unaffected.
        url = reverse("verifikasi", args=[terbit.token_verifikasi])
        response = client.generic(
            "POST",
            url,
            b"x",
            content_type="multipart/form-data; boundary=x",
            REMOTE_ADDR="203.0.113.5",
            **{"wsgi.input": _TidakBolehDibaca()},
        )
        assert response.status_code == 429
        assert self._kirim(client, terbit, REMOTE_ADDR="203.0.113.6").status_code == 200
        assert client.get(url, REMOTE_ADDR="203.0.113.5").status_code == 200

    def test_a_forged_forwarded_for_does_not_escape_it_without_a_proxy(self, client, terbit):
        for i in range(10):
            self._kirim(
                client, terbit, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}"
            )
        response = self._kirim(
            client, terbit, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="10.0.0.99"
        )
        assert response.status_code == 429

    def test_behind_the_proxy_it_counts_the_address_the_proxy_saw(self, client, settings, terbit):
        settings.BEHIND_PROXY = True
        proksi = {"REMOTE_ADDR": "10.0.0.1"}
        for i in range(10):
            xff = f"192.0.2.{i}, 198.51.100.7"  # the client's own claim first, then the proxy's
            assert (
                self._kirim(client, terbit, HTTP_X_FORWARDED_FOR=xff, **proksi).status_code == 200
            )
        xff = "192.0.2.99, 198.51.100.7"
        assert self._kirim(client, terbit, HTTP_X_FORWARDED_FOR=xff, **proksi).status_code == 429
        xff = "198.51.100.8"
        assert self._kirim(client, terbit, HTTP_X_FORWARDED_FOR=xff, **proksi).status_code == 200


@pytest.mark.django_db
class TestSlotPemeriksaan:
    def _kunci_semua(self, settings, tmp_path):
        """Take every check slot, as other workers' running checks would."""
        import fcntl

        settings.VAR_DIR = tmp_path / "var"
        folder = settings.VAR_DIR / "kunci" / "verifikasi"
        folder.mkdir(parents=True)
        dipegang = []
        for nomor in range(settings.VERIFIKASI_SERENTAK_MAKS):
            berkas = (folder / f"{nomor}.lock").open("a+b")
            fcntl.flock(berkas, fcntl.LOCK_EX | fcntl.LOCK_NB)
            dipegang.append(berkas)
        return dipegang

    def test_an_upload_past_the_running_checks_is_a_503_at_once(
        self, client, settings, tmp_path, terbit, pdf_terbit
    ):
        dipegang = self._kunci_semua(settings, tmp_path)
        awal = time.monotonic()
        sibuk = _unggah(client, terbit, pdf_terbit)
        lama = time.monotonic() - awal
        for berkas in dipegang:
            berkas.close()  # the other checks end: the slots are free again
        bebas = _unggah(client, terbit, pdf_terbit)

        assert sibuk.status_code == 503
        assert sibuk["Retry-After"] == "10"
        assert "terlalu banyak pemeriksaan sedang berjalan" in sibuk.content.decode()
        assert lama < 1
        assert bebas.status_code == 200
        assert "asli</div>" in bebas.content.decode()

    def test_the_verification_page_is_not_kept_by_caches(self, client, terbit):
        response = client.get(reverse("verifikasi", args=[terbit.token_verifikasi]))
        assert response["Cache-Control"] == "private, no-store"


def test_an_unreadable_answer_of_the_child_is_tidak_dapat_diperiksa(monkeypatch):
    # The child's stdout is whatever ran there (a library printing, a cut-off write).
    from dokumen import periksa_terbatas

    monkeypatch.setattr(periksa_terbatas, "_dari_json", lambda keluaran: json.loads(b"{"))

    hasil = periksa_terbatas.periksa_tanda_tangan_terbatas(b"%PDF-1.7\n")

    assert hasil.dapat_diperiksa is False
    assert hasil.alasan == periksa_terbatas.PESAN_GAGAL
