"""Each signing party signs in turn, through its own account (dokumen.penandatanganan).

A two-party variant of the RKT (the PK's parties: Pihak Pertama = Sekretaris, then Pihak
Kedua = Ketua), swapped into the registry by `dokumen.jenis.jenis_sementara`. The first
signature stores the PDF with every party's record; the second adds its signature to that file.
Real WeasyPrint, pyHanko and pdfsig.
"""

import dataclasses
import datetime
import hashlib
import re
import shutil
import subprocess
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields

from dokumen.alur import TidakBerhak, TransisiDitolak, dokumen_transisi
from dokumen.jenis import PihakTtd, jenis_sementara, jenis_terdaftar
from dokumen.models import (
    AksiDokumen,
    Dokumen,
    JejakPerubahan,
    PihakTandaTangan,
    RiwayatDokumen,
    StatusDokumen,
    TandaTangan,
)
from dokumen.pdf import render_pdf
from dokumen.tte import periksa_tanda_tangan
from dokumen.tugas import menunggu_tanda_tangan
from satker.models import Jabatan, Pejabat, Peran, ProfilPengguna
from satker.services import pejabat_simpan
from tests.dua_faktor_uji import kode_klien
from tests.factories import (
    PASSWORD,
    KabKotaFactory,
    KetuaFactory,
    PenggunaFactory,
    RktFactory,
    SekretarisFactory,
    akun_penandatangan,
    akun_satker,
    ke_status,
    pastikan_kunci_tte,
    tandatangani,
)

ALAMAT = "https://kinerja.contoh.go.id"
PIHAK_PERTAMA = PihakTtd(PihakTandaTangan.PIHAK_PERTAMA, Jabatan.SEKRETARIS, "Pihak Pertama,")
PIHAK_KEDUA = PihakTtd(PihakTandaTangan.PIHAK_KEDUA, Jabatan.KETUA, "Pihak Kedua,")


@pytest.fixture
def dua_pihak():
    """The RKT declared with two signing parties, for the length of one test."""
    rkt = jenis_terdaftar("RKT")
    with jenis_sementara(dataclasses.replace(rkt, pihak_ttd=(PIHAK_PERTAMA, PIHAK_KEDUA))) as j:
        yield j


@pytest.fixture(autouse=True)
def _tte(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = ALAMAT
    settings.ALLOWED_HOSTS = ["kinerja.contoh.go.id", "testserver"]


@pytest.fixture
def satker(db):
    return KabKotaFactory()


@pytest.fixture
def sekretaris(satker) -> Pejabat:
    return SekretarisFactory(satker=satker, nama="RAHMAT UJI PERTAMA, S.E.")


@pytest.fixture
def ketua(satker) -> Pejabat:
    return KetuaFactory(satker=satker, nama="NI'MATULLAH UJI KEDUA")


@pytest.fixture
def disetujui(dua_pihak, satker, sekretaris, ketua) -> Dokumen:
    dokumen = RktFactory(satker=satker, penandatangan=sekretaris, tanggal_ttd=timezone.localdate())
    dokumen = ke_status(dokumen, StatusDokumen.DISETUJUI)
    pastikan_kunci_tte()
    return dokumen


@pytest.fixture
def akun_pertama(disetujui, sekretaris):
    return akun_penandatangan(disetujui, sekretaris)


@pytest.fixture
def akun_kedua(disetujui, ketua):
    return akun_penandatangan(disetujui, ketua)


@pytest.fixture
def sebagian(disetujui, akun_pertama) -> Dokumen:
    """Signed by the first party only."""
    return tandatangani(disetujui, akun_pertama)


def _segar(dokumen: Dokumen) -> Dokumen:
    return Dokumen.objects.select_related("satker", "penandatangan").get(pk=dokumen.pk)


def _baca(dokumen: Dokumen) -> bytes:
    with dokumen.berkas_pdf.open("rb") as berkas:
        return berkas.read()


def _klien(client, user):
    client.force_login(user)
    return client


def _halaman(dokumen: Dokumen) -> str:
    return f"{ALAMAT}/dokumen/{dokumen.pk}/tandatangani/"


def _post_halaman(client, dokumen: Dokumen, password: str = PASSWORD):
    return client.post(
        reverse("dokumen:tandatangani", args=[dokumen.pk]),
        {"password": password, "kode": kode_klien(client)},
        HTTP_HOST="kinerja.contoh.go.id",
        secure=True,
    )


def _get_halaman(client, dokumen: Dokumen):
    return client.get(
        reverse("dokumen:tandatangani", args=[dokumen.pk]),
        HTTP_HOST="kinerja.contoh.go.id",
        secure=True,
    )


def _api(client, dokumen: Dokumen, langkah: str, password: str = PASSWORD):
    return client.post(
        f"/api/v1/dokumen/{dokumen.pk}/{langkah}/",
        {"kata_sandi": password, "kode_verifikasi": kode_klien(client)},
        content_type="application/json",
        HTTP_HOST="kinerja.contoh.go.id",
        secure=True,
    )


def _pdfsig(pdf: bytes, tmp_path) -> list[str]:
    """pdfsig's report, one block of text per signature in signing order."""
    assert shutil.which("pdfsig"), "pdfsig (poppler-utils) is needed"
    berkas = tmp_path / "bergiliran.pdf"
    berkas.write_bytes(pdf)
    keluaran = subprocess.run(
        ["pdfsig", str(berkas)], capture_output=True, text=True, check=False
    ).stdout
    return re.split(r"^Signature #\d+:$", keluaran, flags=re.MULTILINE)[1:]


def _belum_berubah(dokumen: Dokumen, sebelum: Dokumen) -> None:
    """Nothing of the partly signed `dokumen` moved since `sebelum` was read."""
    sekarang = _segar(dokumen)
    assert sekarang.status == StatusDokumen.DISETUJUI
    assert (sekarang.sha256, sekarang.berkas_pdf.name, sekarang.suntingan) == (
        sebelum.sha256,
        sebelum.berkas_pdf.name,
        sebelum.suntingan,
    )
    assert not TandaTangan.objects.filter(dokumen=dokumen, urutan=2, waktu__isnull=False).exists()


# --- In order, through the page ----------------------------------------------------------------


@pytest.mark.django_db
class TestBerurutanLewatHalaman:
    def test_the_first_party_signs_and_the_document_waits_for_the_second(
        self, client, disetujui, akun_pertama, sekretaris, ketua
    ):
        response = _post_halaman(_klien(client, akun_pertama), disetujui)

        assert response.status_code == 302
        dokumen = _segar(disetujui)
        assert dokumen.status == StatusDokumen.DISETUJUI
        assert dokumen.ditandatangani_pada is None
        assert dokumen.token_verifikasi
        pdf = _baca(dokumen)
        assert hashlib.sha256(pdf).hexdigest() == dokumen.sha256
        reader = PdfFileReader(BytesIO(pdf))
        assert [nama for nama, _, _ in enumerate_sig_fields(reader)] == ["TTE1"]
        assert periksa_tanda_tangan(pdf).valid
        # Both parties' snapshots, the second unsigned, each with its box from the render.
        pertama, kedua = TandaTangan.objects.filter(dokumen=dokumen).order_by("urutan")
        assert (pertama.pejabat_id, pertama.pihak, pertama.sudah) == (
            sekretaris.pk,
            PihakTandaTangan.PIHAK_PERTAMA,
            True,
        )
        assert (kedua.pejabat_id, kedua.nama, kedua.pihak, kedua.waktu) == (
            ketua.pk,
            ketua.nama,
            PihakTandaTangan.PIHAK_KEDUA,
            None,
        )
        assert kedua.sidik_jari_sertifikat == ""
        render = render_pdf(dokumen, tanda_tangan=[pertama, kedua])
        assert [pertama.kotak_ttd.box, kedua.kotak_ttd.box] == [k.box for k in render.kotak_pihak]
        langkah = RiwayatDokumen.objects.filter(dokumen=dokumen).latest("waktu", "pk")
        assert (langkah.aksi, langkah.dari_status, langkah.ke_status, langkah.oleh) == (
            AksiDokumen.TANDATANGANI,
            StatusDokumen.DISETUJUI,
            StatusDokumen.DISETUJUI,
            akun_pertama,
        )
        jejak = JejakPerubahan.objects.filter(dokumen=dokumen).first()
        assert jejak.ringkasan.startswith(
            f"Ditandatangani sebagai Pihak Pertama ({sekretaris.nama}); menunggu Pihak Kedua "
            f"({ketua.nama})."
        )
        detail = client.get(response["Location"])
        halaman = detail.content.decode()
        assert "Dokumen ditandatangani secara elektronik sebagai Pihak Pertama" in halaman
        status = re.search(r'id="status-tanda-tangan">(.*?)</p>', halaman, re.DOTALL).group(1)
        assert f"Sudah ditandatangani Pihak Pertama ({escape(sekretaris.nama)}, " in status
        assert f", menunggu Pihak Kedua ({escape(ketua.nama)})." in status
        assert AksiDokumen.TERBITKAN not in detail.context["aksi_tersedia"]
        assert f'href="/dokumen/{dokumen.pk}/tandatangani/"' not in halaman

    def test_the_second_party_signs_the_stored_file_and_publishes_it(
        self, client, sebagian, akun_kedua, sekretaris, ketua, tmp_path
    ):
        pdf_pertama = _baca(sebagian)
        klien = _klien(client, akun_kedua)
        halaman = client.get(f"/dokumen/{sebagian.pk}/").content.decode()
        assert "Tandatangani dan terbitkan…" in halaman

        response = _post_halaman(klien, sebagian)

        assert response.status_code == 302
        dokumen = _segar(sebagian)
        assert dokumen.status == StatusDokumen.TERBIT
        pdf = _baca(dokumen)
        assert pdf.startswith(pdf_pertama)  # an incremental update of the stored file
        assert hashlib.sha256(pdf).hexdigest() == dokumen.sha256
        assert dokumen.berkas_pdf.name.endswith(f"{dokumen.satker.kode}-rkt-{dokumen.tahun}-v1.pdf")
        reader = PdfFileReader(BytesIO(pdf))
        assert [nama for nama, _, _ in enumerate_sig_fields(reader)] == ["TTE1", "TTE2"]
        periksa = periksa_tanda_tangan(pdf)
        assert periksa.valid
        assert periksa.mencakup_seluruh
        assert [t.nama for t in periksa.tanda_tangan] == [sekretaris.nama, ketua.nama]
        blok = _pdfsig(pdf, tmp_path)
        assert len(blok) == 2
        for isi, pejabat, field in zip(blok, [sekretaris, ketua], ["TTE1", "TTE2"], strict=True):
            assert f"Signature Field Name: {field}" in isi
            assert pejabat.nama in isi
            assert "Signature is Valid." in isi
        assert "Total document signed" in blok[1]
        # Each signature sits at its own party's box, as rendered by the first signature.
        catatan = list(TandaTangan.objects.filter(dokumen=dokumen).order_by("urutan"))
        for (_, _, ref), tanda in zip(enumerate_sig_fields(reader), catatan, strict=True):
            kotak = ref.get_object()["/Rect"]
            assert [round(float(n)) for n in kotak] == list(tanda.kotak_ttd.box)
        for tanda, sig in zip(catatan, reader.embedded_signatures, strict=True):
            assert tanda.sidik_jari_sertifikat == sig.signer_cert.sha256.hex()
        assert catatan[0].waktu < catatan[1].waktu == dokumen.ditandatangani_pada
        langkah = RiwayatDokumen.objects.filter(dokumen=dokumen).latest("waktu", "pk")
        assert (langkah.aksi, langkah.ke_status, langkah.oleh) == (
            AksiDokumen.TERBITKAN,
            StatusDokumen.TERBIT,
            akun_kedua,
        )

    def test_the_second_partys_page_shows_the_stored_pages_and_who_signed(
        self, client, sebagian, akun_kedua, sekretaris, ketua
    ):
        response = _get_halaman(_klien(client, akun_kedua), sebagian)

        assert response.status_code == 200
        pratinjau = response.context["pratinjau"]
        assert pratinjau.pdf == _baca(sebagian)
        assert pratinjau.lanjutan
        assert pratinjau.terakhir
        html = response.content.decode()
        sudah = html[html.index('id="sudah-ditandatangani"') : html.index('id="penandatangan"')]
        assert escape(sekretaris.nama) in sudah
        pertama = TandaTangan.objects.get(dokumen=sebagian, urutan=1)
        # The local day: from 17.00 UTC the page's date (WIB) is already the next one.
        assert f"{timezone.localtime(pertama.waktu).day} " in sudah
        assert escape(ketua.nama) in html[html.index('id="penandatangan"') :]
        assert "menandatangani sekarang" in html
        assert html.count('class="row small mb-0 mt-2 sertifikat"') == 1
        assert html.count("halaman-pratinjau") == pratinjau.jumlah_halaman
        assert "PDF yang sudah ditandatangani pihak sebelumnya" in html
        pdf = client.get(reverse("dokumen:tandatangani-pratinjau", args=[sebagian.pk])).content
        assert pdf == _baca(sebagian)

    def test_the_later_partys_page_queries_are_pinned(
        self, client, sebagian, akun_kedua, django_assert_num_queries
    ):
        klien = _klien(client, akun_kedua)
        _get_halaman(klien, sebagian)  # warm the caches the page shares with others
        with django_assert_num_queries(11):  # and the second factor's device
            _get_halaman(klien, sebagian)

    def test_a_signing_date_long_past_is_warned_of_but_not_refused(
        self, client, dua_pihak, satker, sekretaris, ketua
    ):
        lama = timezone.localdate() - datetime.timedelta(days=75)
        dokumen = ke_status(
            RktFactory(satker=satker, penandatangan=sekretaris, tanggal_ttd=lama),
            StatusDokumen.DISETUJUI,
        )
        pastikan_kunci_tte()
        klien = _klien(client, akun_penandatangan(dokumen))

        html = _get_halaman(klien, dokumen).content.decode()

        peringatan = re.search(r'id="peringatan-tanggal"[^>]*>(.*?)</div>', html, re.DOTALL)
        assert peringatan
        assert "sudah lewat 75 hari" in peringatan.group(1)
        assert "periksa kembali" in peringatan.group(1)
        assert _post_halaman(klien, dokumen).status_code == 302
        assert TandaTangan.objects.filter(dokumen=dokumen, waktu__isnull=False).count() == 1

    def test_a_recent_signing_date_is_not_warned_of(self, client, disetujui, akun_pertama):
        html = _get_halaman(_klien(client, akun_pertama), disetujui).content.decode()

        assert 'id="peringatan-tanggal"' not in html


# --- In order, through the API -----------------------------------------------------------------


@pytest.mark.django_db
class TestBerurutanLewatApi:
    def test_tandatangani_then_terbitkan_sign_each_party_in_turn(
        self, client, disetujui, akun_pertama, akun_kedua
    ):
        pertama = _api(_klien(client, akun_pertama), disetujui, "tandatangani")

        assert pertama.status_code == 200, pertama.content
        assert pertama.json()["status"] == StatusDokumen.DISETUJUI
        assert "terbitkan" not in pertama.json()["aksi_tersedia"]  # signed: not their turn
        dibaca = _klien(client, akun_kedua).get(f"/api/v1/dokumen/{disetujui.pk}/").json()
        assert "terbitkan" in dibaca["aksi_tersedia"]

        kedua = _api(client, disetujui, "terbitkan")

        assert kedua.status_code == 200, kedua.content
        assert kedua.json()["status"] == StatusDokumen.TERBIT
        dokumen = _segar(disetujui)
        periksa = periksa_tanda_tangan(_baca(dokumen))
        assert periksa.valid
        assert len(periksa.tanda_tangan) == 2

    def test_the_second_party_first_is_refused_with_whose_turn_it_is(
        self, client, disetujui, akun_kedua, sekretaris
    ):
        response = _api(_klien(client, akun_kedua), disetujui, "tandatangani")

        assert response.status_code == 403
        assert response.json()["detail"] == (
            "Belum giliran Anda: Pihak Kedua menandatangani setelah Pihak Pertama "
            f"({sekretaris.nama})."
        )
        assert not TandaTangan.objects.filter(dokumen=disetujui).exists()

    def test_the_first_party_again_is_refused_as_signed_already(
        self, client, sebagian, akun_pertama, ketua
    ):
        sebelum = _segar(sebagian)

        response = _api(_klien(client, akun_pertama), sebagian, "terbitkan")

        assert response.status_code == 403
        assert response.json()["detail"] == (
            "Anda sudah menandatangani dokumen ini sebagai Pihak Pertama; kini menunggu tanda "
            f"tangan Pihak Kedua ({ketua.nama})."
        )
        _belum_berubah(sebagian, sebelum)

    def test_a_stale_suntingan_is_said_without_blaming_another_person(self):
        from dokumen.api import PESAN_KONFLIK

        assert PESAN_KONFLIK.startswith(
            "Dokumen telah disimpan dari tempat lain sejak Anda membukanya"
        )
        assert "orang lain" not in PESAN_KONFLIK


# --- Refusals ----------------------------------------------------------------------------------


@pytest.mark.django_db
class TestPenolakan:
    def _tanda(self, dokumen, user):
        return dokumen_transisi(dokumen=dokumen, user=user, aksi=AksiDokumen.TERBITKAN)

    def test_out_of_order_the_second_party_cannot_sign_first(
        self, disetujui, akun_kedua, sekretaris
    ):
        with pytest.raises(TidakBerhak, match=r"^Belum giliran Anda: Pihak Kedua menandatangani"):
            self._tanda(disetujui, akun_kedua)

        assert not TandaTangan.objects.filter(dokumen=disetujui).exists()
        assert _segar(disetujui).sha256 == ""

    def test_the_operator_cannot_sign_for_a_party(self, disetujui, sekretaris):
        operator = akun_satker(disetujui.satker, Peran.OPERATOR)

        with pytest.raises(TidakBerhak) as galat:
            self._tanda(disetujui, operator)

        assert str(galat.value) == (
            f"Dokumen ini menunggu tanda tangan Pihak Pertama ({sekretaris.nama}), yang "
            "menandatangani melalui akunnya sendiri; akun Anda tidak dapat menandatanganinya."
        )

    def test_another_satkers_ketua_cannot_sign_the_second_party(self, client, sebagian, ketua):
        lain = KabKotaFactory()
        ketua_lain = PenggunaFactory(
            satker=lain, peran=Peran.KETUA, pejabat=KetuaFactory(satker=lain)
        )
        # Even linked, by a stray profile, to this document's Ketua, another satker's account
        # never signs for it.
        salah_taut = PenggunaFactory(satker=lain, peran=Peran.KETUA)
        ProfilPengguna.objects.filter(user=salah_taut).update(pejabat=ketua)
        sebelum = _segar(sebagian)

        for user in (ketua_lain, salah_taut):
            with pytest.raises(TidakBerhak, match="menunggu tanda tangan Pihak Kedua"):
                self._tanda(sebagian, user)
            # Out of reach through the API: the document is not theirs to see.
            assert _api(_klien(client, user), sebagian, "tandatangani").status_code == 404

        _belum_berubah(sebagian, sebelum)

    def test_signing_twice_is_refused(self, sebagian, akun_pertama, akun_kedua):
        with pytest.raises(TidakBerhak, match="^Anda sudah menandatangani dokumen ini"):
            self._tanda(sebagian, akun_pertama)
        terbit = self._tanda(sebagian, akun_kedua)
        assert terbit.status == StatusDokumen.TERBIT

        for user in (akun_pertama, akun_kedua):
            with pytest.raises(TransisiDitolak, match="berstatus terbit"):
                self._tanda(_segar(terbit), user)

        assert TandaTangan.objects.filter(dokumen=terbit).count() == 2

    def test_an_altered_stored_pdf_is_not_signed(self, client, sebagian, akun_kedua):
        pdf = _baca(sebagian)
        nama = sebagian.berkas_pdf.name
        sebagian.berkas_pdf.storage.delete(nama)
        sebagian.berkas_pdf.storage.save(nama, ContentFile(pdf.replace(b"RKT", b"RKX", 1)))
        sebelum = _segar(sebagian)

        with pytest.raises(TransisiDitolak, match="tidak sama lagi dengan yang tercatat"):
            self._tanda(sebagian, akun_kedua)

        _belum_berubah(sebagian, sebelum)
        # The page says so before any password is asked.
        html = _get_halaman(_klien(client, akun_kedua), sebagian).content.decode()
        assert 'id="galat-pratinjau"' in html
        assert "SHA-256 berbeda" in html

    def test_a_replaced_second_party_is_refused_and_the_document_must_be_returned(
        self, client, sebagian, akun_kedua, ketua
    ):
        ketua.selesai_menjabat = timezone.localdate() - datetime.timedelta(days=1)
        ketua.save()
        pengganti = KetuaFactory(satker=sebagian.satker, nama="KETUA PENGGANTI")
        sebelum = _segar(sebagian)

        with pytest.raises(TransisiDitolak) as galat:
            self._tanda(sebagian, akun_kedua)

        assert str(galat.value) == (
            f"Pihak Kedua yang tercetak pada PDF, {ketua.nama}, bukan lagi pejabat yang "
            "menandatangani sebagai Pihak Kedua (kini KETUA PENGGANTI), jadi tanda tangan "
            "ditolak. Dokumen harus dikembalikan lalu ditandatangani ulang oleh semua pihak."
        )
        # Nor may the successor sign a PDF that prints the predecessor's name.
        with pytest.raises(TidakBerhak, match=re.escape(f"Pihak Kedua ({ketua.nama})")):
            self._tanda(sebagian, akun_penandatangan(sebagian, pengganti))
        _belum_berubah(sebagian, sebelum)
        html = _get_halaman(_klien(client, akun_kedua), sebagian).content.decode()
        assert "bukan lagi pejabat" in html

    def test_a_changed_official_record_is_refused(self, sebagian, akun_kedua, ketua):
        # Past the profile's own guard (a shell, a migration): the record no longer says what
        # the PDF prints.
        Pejabat.objects.filter(pk=ketua.pk).update(nama="NAMA LAIN")
        sebelum = _segar(sebagian)

        with pytest.raises(TransisiDitolak, match="telah berubah sejak PDF dicetak"):
            self._tanda(sebagian, akun_kedua)

        _belum_berubah(sebagian, sebelum)

    def test_the_printed_second_party_cannot_be_renamed_before_signing(self, sebagian, ketua):
        # The first signature printed the Ketua's block: renaming them now would make the PDF
        # name someone the records no longer do.
        ketua.nama = "NAMA LAIN"

        with pytest.raises(ValidationError) as galat:
            pejabat_simpan(pejabat=ketua)

        assert "tercantum sebagai penanda tangan pada PDF bertanda tangan" in str(galat.value)
        assert Pejabat.objects.get(pk=ketua.pk).nama != "NAMA LAIN"

    def test_a_wrong_password_on_the_page_signs_nothing(self, client, sebagian, akun_kedua):
        sebelum = _segar(sebagian)

        response = _post_halaman(_klien(client, akun_kedua), sebagian, "bukan-sandinya")

        assert response.status_code == 400
        _belum_berubah(sebagian, sebelum)


# --- Returning a partly signed document --------------------------------------------------------


@pytest.mark.django_db
class TestKembalikanSebagian:
    def test_returning_voids_the_partial_signature_and_it_is_audited(
        self, sebagian, sekretaris, django_capture_on_commit_callbacks
    ):
        nama = sebagian.berkas_pdf.name
        penyimpanan = sebagian.berkas_pdf.storage
        token = sebagian.token_verifikasi
        ketua_akun = akun_satker(sebagian.satker, Peran.KETUA)

        with django_capture_on_commit_callbacks(execute=True):
            draf = dokumen_transisi(
                dokumen=sebagian,
                user=ketua_akun,
                aksi=AksiDokumen.KEMBALIKAN,
                catatan="Tanggal salah.",
            )

        assert draf.status == StatusDokumen.DRAF
        assert (draf.sha256, draf.berkas_pdf.name, draf.token_verifikasi) == ("", "", None)
        assert not TandaTangan.objects.filter(dokumen=draf).exists()
        assert not penyimpanan.exists(nama)
        jejak = JejakPerubahan.objects.filter(dokumen=draf).first()
        assert jejak.ringkasan.startswith(
            f"Dikembalikan; tanda tangan Pihak Pertama ({sekretaris.nama}) dibatalkan "
            "(catatan: Tanggal salah.)."
        )
        # The QR code on the voided PDF names nothing any more.
        assert Dokumen.objects.filter(token_verifikasi=token).count() == 0

    def test_a_returned_document_is_signed_again_by_both_from_the_start(
        self, sebagian, akun_pertama, akun_kedua
    ):
        draf = dokumen_transisi(
            dokumen=sebagian,
            user=akun_satker(sebagian.satker, Peran.KETUA),
            aksi=AksiDokumen.KEMBALIKAN,
            catatan="Perbaiki.",
        )
        disetujui = ke_status(draf, StatusDokumen.DISETUJUI)

        with pytest.raises(TidakBerhak, match="Belum giliran Anda"):
            tandatangani(disetujui, akun_kedua)
        terbit = tandatangani(tandatangani(disetujui, akun_pertama), akun_kedua)

        assert terbit.status == StatusDokumen.TERBIT
        assert len(periksa_tanda_tangan(_baca(terbit)).tanda_tangan) == 2


# --- The to-do lists ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_to_do_list_shows_the_document_to_the_party_whose_turn_it_is(
    disetujui, akun_pertama, akun_kedua
):
    satker = disetujui.satker

    def daftar(user) -> list[int]:
        return [d.pk for d in menunggu_tanda_tangan(user, satker)]

    assert (daftar(akun_pertama), daftar(akun_kedua)) == ([disetujui.pk], [])
    tandatangani(disetujui, akun_pertama)
    assert (daftar(akun_pertama), daftar(akun_kedua)) == ([], [disetujui.pk])
    tandatangani(_segar(disetujui), akun_kedua)
    assert (daftar(akun_pertama), daftar(akun_kedua)) == ([], [])


@pytest.mark.django_db
def test_the_home_page_lists_it_under_menunggu_tanda_tangan_anda(client, sebagian, akun_kedua):
    html = _klien(client, akun_kedua).get(reverse("beranda")).content.decode()

    daftar = html[html.index('id="tugas-tanda-tangan"') :].split("</ul>")[0]
    assert f'href="/dokumen/{sebagian.pk}/"' in daftar


@pytest.mark.django_db
def test_the_to_do_list_reads_a_fixed_number_of_queries(
    disetujui, akun_kedua, akun_pertama, django_assert_num_queries
):
    tandatangani(disetujui, akun_pertama)
    with django_assert_num_queries(3):
        menunggu_tanda_tangan(akun_kedua, disetujui.satker)


# --- Verification ------------------------------------------------------------------------------


@pytest.mark.django_db
class TestVerifikasi:
    def test_a_partly_signed_document_says_it_is_not_published_and_whom_it_waits_for(
        self, client, sebagian, sekretaris, ketua
    ):
        url = reverse("verifikasi", args=[sebagian.token_verifikasi])

        html = client.get(url).content.decode()

        assert "Dokumen ini belum terbit." in html
        assert f"menunggu tanda tangan Pihak Kedua ({escape(ketua.nama)})" in html
        assert escape(sekretaris.nama) in html
        assert "Belum menandatangani" in html
        assert "versi berlaku" not in html
        assert 'name="berkas"' not in html  # no upload, so no verdict
        assert 'id="ke-beranda"' in html
        unggah = client.post(url, {"berkas": ContentFile(_baca(sebagian), name="x.pdf")})
        assert unggah.status_code == 409
        assert "asli</div>" not in unggah.content.decode()

    def test_a_published_one_lists_both_signers_from_their_records(
        self, client, sebagian, akun_kedua, sekretaris, ketua
    ):
        terbit = tandatangani(sebagian, akun_kedua)

        html = client.get(reverse("verifikasi", args=[terbit.token_verifikasi])).content.decode()

        assert "belum terbit" not in html
        assert html.index(">Pihak Pertama</dt>") < html.index(escape(sekretaris.nama))
        assert html.index(escape(sekretaris.nama)) < html.index(">Pihak Kedua</dt>")
        assert html.index(">Pihak Kedua</dt>") < html.index(escape(ketua.nama))
        assert html.count("Ditandatangani ") >= 2
        assert "Sekretaris" in html
        assert "Ketua" in html
        assert 'href="/"' in html


# --- The batch command -------------------------------------------------------------------------


@pytest.mark.django_db
class TestPerintahTerbitkan:
    def _dokumen(self, satker, sekretaris) -> Dokumen:
        dokumen = RktFactory(satker=satker, penandatangan=sekretaris, tahun=2025)
        for peran in (Peran.OPERATOR, Peran.KETUA, Peran.SEKRETARIS):
            akun_satker(satker, peran)
        pastikan_kunci_tte()
        return dokumen

    def test_it_signs_as_every_party_in_turn_through_their_own_accounts(
        self, dua_pihak, satker, sekretaris, ketua, capsys
    ):
        dokumen = self._dokumen(satker, sekretaris)

        call_command("terbitkan", satker=satker.kode, jenis="rkt", tahun=2025)

        dokumen = _segar(dokumen)
        assert dokumen.status == StatusDokumen.TERBIT
        assert f"terbit. Verifikasi: {ALAMAT}/verifikasi/" in capsys.readouterr().out
        periksa = periksa_tanda_tangan(_baca(dokumen))
        assert periksa.valid
        assert [t.nama for t in periksa.tanda_tangan] == [sekretaris.nama, ketua.nama]
        langkah = list(dokumen.riwayat.order_by("waktu", "pk"))
        assert [(r.aksi, r.oleh.profil.pejabat_id) for r in langkah[-2:]] == [
            (AksiDokumen.TANDATANGANI, sekretaris.pk),
            (AksiDokumen.TERBITKAN, ketua.pk),
        ]

    def test_a_party_without_an_account_stops_it_clearly(
        self, dua_pihak, satker, sekretaris, ketua
    ):
        dokumen = self._dokumen(satker, sekretaris)
        ProfilPengguna.objects.filter(satker=satker, pejabat=ketua).update(pejabat=None)

        with pytest.raises(CommandError) as galat:
            call_command("terbitkan", satker=satker.kode, jenis="rkt", tahun=2025)

        assert f"tertaut ke Pihak Kedua ({ketua.nama})" in str(galat.value)
        dokumen = _segar(dokumen)
        # Signed by the first party; the second is still to come, through its own account.
        assert dokumen.status == StatusDokumen.DISETUJUI
        assert TandaTangan.objects.filter(dokumen=dokumen, waktu__isnull=False).count() == 1
