"""Lebak's PK 2024 signed by the Sekretaris (pihak pertama) and not yet by the Ketua (pihak
kedua) reads as half-signed everywhere: the document page's PDF link, its workflow panel and
signature block, the provinsi progress matrix, the signed PDF's lampiran and the public
verification page and API. Real WeasyPrint, pyHanko and poppler.
"""

import re
import subprocess
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape
from pyhanko.pdf_utils.reader import PdfFileReader
from rest_framework.test import APIClient

from dokumen.kemajuan import kemajuan_dokumen
from dokumen.models import Dokumen, StatusDokumen, TandaTangan
from dokumen.tte import periksa_tanda_tangan
from kpu_kinerja.formats import waktu_lengkap
from perjanjian_kinerja.services import program_ganti
from satker.models import Jabatan, Peran
from tests.conftest import dokumen_seed
from tests.dokumen.conftest import pejabat_lebak
from tests.factories import akun_penandatangan, akun_satker, ke_status, tandatangani

ALAMAT = "https://kinerja.contoh.go.id"
WA = 8_170_412_000  # Lebak's "Program Dukungan Manajemen" in its RAK 2024
URL_KEMAJUAN = reverse("admin:dokumen_dokumen_kemajuan")


@pytest.fixture(autouse=True)
def _tte(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = ALAMAT


@pytest.fixture
def sekretaris(db):
    return pejabat_lebak(Jabatan.SEKRETARIS)


@pytest.fixture
def ketua(db):
    return pejabat_lebak(Jabatan.KETUA)


@pytest.fixture
def disetujui(db) -> Dokumen:
    """Lebak's PK 2024 with its programs (the checklist wants them), approved."""
    pk = dokumen_seed("kab-lebak", "PK")
    program_ganti(
        dokumen=pk,
        program=[
            {
                "program": "Program Dukungan Manajemen",
                "kode": "076.01.WA",
                "anggaran": 8_170_412_000,
            },
        ],
    )
    return ke_status(pk, StatusDokumen.DISETUJUI)


@pytest.fixture
def sebagian(disetujui, sekretaris) -> Dokumen:
    """Signed by the Sekretaris only."""
    return tandatangani(disetujui, akun_penandatangan(disetujui, sekretaris))


def _baca(dokumen: Dokumen) -> bytes:
    with dokumen.berkas_pdf.open("rb") as berkas:
        return berkas.read()


def _detail(client, dokumen: Dokumen) -> str:
    client.force_login(akun_satker(dokumen.satker, Peran.OPERATOR))
    response = client.get(reverse("dokumen:detail", args=[dokumen.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _bagian(html: str, id_html: str, akhir: str) -> str:
    awal = html.index(f'id="{id_html}"')
    return html[awal : html.index(akhir, awal)]


def _kolom(html: str) -> dict[int, str]:
    """The signature block's columns by party, in page order (a dict keeps it)."""
    blok = html[html.index('id="blok-ttd"') :]
    blok = blok[: blok.index("\n</div>")]
    potongan = re.split(r'<div class="tanda-tangan" data-pihak="(\d+)"', blok)[1:]
    return {int(urutan): isi for urutan, isi in zip(potongan[::2], potongan[1::2], strict=True)}


# --- 1. The PDF link ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestPdfSebagian:
    def test_the_pdf_link_serves_the_stored_file_with_the_first_signature(self, client, sebagian):
        client.force_login(akun_satker(sebagian.satker, Peran.OPERATOR))

        response = client.get(reverse("dokumen:pdf", args=[sebagian.pk]))

        assert response.status_code == 200
        assert response.content == _baca(sebagian)
        periksa = periksa_tanda_tangan(response.content)
        assert periksa.valid
        assert len(periksa.tanda_tangan) == 1
        assert 'filename="kab-lebak-pk-2024-v1-ttd1.pdf"' in response["Content-Disposition"]

    def test_the_page_labels_it_signed_one_of_two_and_says_whose_turn_it_is(
        self, client, sebagian, ketua
    ):
        html = _detail(client, sebagian)

        tombol = _bagian(html, "tombol-pdf", "</a>")
        assert "PDF (ditandatangani 1 dari 2)" in tombol
        assert "Pratinjau PDF" not in tombol
        assert f"menunggu tanda tangan Pihak Kedua ({escape(ketua.nama)})" in tombol
        assert f"menunggu Pihak Kedua ({escape(ketua.nama)})." in html

    def test_an_approved_pk_nobody_signed_is_still_a_preview(self, client, disetujui):
        assert "Pratinjau PDF" in _bagian(_detail(client, disetujui), "tombol-pdf", "</a>")

    def test_a_stored_file_that_changed_is_not_served(self, client, sebagian):
        nama = sebagian.berkas_pdf.name
        sebagian.berkas_pdf.storage.delete(nama)
        sebagian.berkas_pdf.storage.save(nama, ContentFile(b"%PDF-1.7 diubah"))
        client.force_login(akun_satker(sebagian.satker, Peran.OPERATOR))

        response = client.get(reverse("dokumen:pdf", args=[sebagian.pk]), follow=True)

        assert response.redirect_chain[-1][0] == reverse("dokumen:detail", args=[sebagian.pk])
        assert "PDF bertanda tangan tidak dapat dibuka" in response.content.decode()


# --- 2. The provinsi progress matrix ------------------------------------------------------------


@pytest.mark.django_db
class TestKemajuan:
    def _sel(self, user, dokumen: Dokumen):
        kemajuan = kemajuan_dokumen(user, 2024)
        baris = next(
            b for k in kemajuan.kelompok for b in k.baris if b.satker.pk == dokumen.satker_id
        )
        return kemajuan, next(s for s in baris.sel if s.jenis == "PK")

    def test_a_half_signed_pk_is_shown_apart_and_counted_as_approved(self, admin_ri, sebagian):
        kemajuan, sel = self._sel(admin_ri, sebagian)

        assert (sel.status, sel.label, sel.gaya) == (
            StatusDokumen.DISETUJUI,
            "Ditandatangani 1/2",
            "SEBAGIAN",
        )
        assert sel.keterangan == "menunggu TTD Ketua"
        pk = next(j for j in kemajuan.jumlah_per_jenis if j.judul == "PK")
        assert pk.per_status[StatusDokumen.DISETUJUI] == 1

    def test_an_approved_pk_nobody_signed_stays_disetujui(self, admin_ri, disetujui):
        _, sel = self._sel(admin_ri, disetujui)

        assert (sel.label, sel.gaya, sel.keterangan) == ("Disetujui", "DISETUJUI", "")

    def test_the_page_shows_the_badge_and_whose_signature_it_waits_for(
        self, client, admin_ri, sebagian
    ):
        client.force_login(admin_ri)

        html = client.get(URL_KEMAJUAN, {"tahun": 2024}).content.decode()

        sel = html[html.index(f'href="/admin/dokumen/dokumen/{sebagian.pk}/change/"') - 40 :]
        sel = sel[: sel.index("</a>")]
        assert 'class="lencana lencana-SEBAGIAN"' in sel
        assert 'data-ttd="1/2"' in sel
        assert "menunggu TTD Ketua" in sel
        assert ">Ditandatangani 1/2<" in sel + "<"
        assert ".lencana-SEBAGIAN" in html

    def test_the_signature_counts_cost_no_query_of_their_own(
        self, admin_ri, sebagian, django_assert_num_queries
    ):
        kemajuan_dokumen(admin_ri, 2024)  # reads the user's profile once
        # The satker, the documents (with their signature counts): none per cell.
        with django_assert_num_queries(2):
            kemajuan_dokumen(admin_ri, 2024)


# --- 3. The workflow panel ----------------------------------------------------------------------


@pytest.mark.django_db
class TestAlur:
    def test_it_shows_both_signing_steps_the_first_done_the_second_awaited(
        self, client, sebagian, sekretaris, ketua
    ):
        html = _detail(client, sebagian)

        assert _bagian(html, "tahapan-alur", "</span>").endswith(
            "draf → diajukan → disetujui → ttd pihak pertama → ttd pihak kedua → terbit"
        )
        langkah = _bagian(html, "langkah-ttd", "</ol>")
        pertama, kedua = langkah.split("<li")[1:]
        waktu = TandaTangan.objects.get(dokumen=sebagian, urutan=1).waktu
        assert 'data-pihak="1" data-sudah="ya"' in pertama
        assert "Tanda tangan Pihak Pertama — Sekretaris" in pertama
        assert f"{escape(sekretaris.nama)} · {waktu_lengkap(waktu)}" in pertama
        assert 'data-pihak="2" data-sudah="belum"' in kedua
        assert "Tanda tangan Pihak Kedua — Ketua" in kedua
        assert escape(ketua.nama) in kedua
        assert "belum ditandatangani" in kedua
        assert "menunggu" in kedua

    def test_once_published_both_steps_are_done_with_who_and_when(
        self, client, sebagian, sekretaris, ketua
    ):
        terbit = tandatangani(sebagian, akun_penandatangan(sebagian, ketua))

        langkah = _bagian(_detail(client, terbit), "langkah-ttd", "</ol>")

        for tanda in TandaTangan.objects.filter(dokumen=terbit).order_by("urutan"):
            assert f'data-pihak="{tanda.urutan}" data-sudah="ya"' in langkah
            assert f"{escape(tanda.nama)} · {waktu_lengkap(tanda.waktu)}" in langkah
        assert "belum ditandatangani" not in langkah

    def test_before_anyone_signs_both_steps_are_pending_with_who_will_sign(
        self, client, disetujui, sekretaris, ketua
    ):
        langkah = _bagian(_detail(client, disetujui), "langkah-ttd", "</ol>")

        assert langkah.count('data-sudah="belum"') == 2
        assert escape(sekretaris.nama) in langkah
        assert escape(ketua.nama) in langkah

    def test_a_one_party_type_shows_one_step(self, client, rak_lebak, sekretaris):
        html = _detail(client, rak_lebak)

        assert _bagian(html, "tahapan-alur", "</span>").endswith(
            "draf → diajukan → disetujui → terbit"
        )
        langkah = _bagian(html, "langkah-ttd", "</ol>")
        assert langkah.count("<li") == 1
        assert "Tanda tangan Penandatangan — Sekretaris" in langkah


# --- 4. The page's signature block --------------------------------------------------------------


@pytest.mark.django_db
def test_the_block_is_pihak_kedua_left_pihak_pertama_right_each_saying_if_signed(
    client, sebagian, sekretaris, ketua
):
    kolom = _kolom(_detail(client, sebagian))

    assert list(kolom) == [2, 1]  # left to right
    kedua, pertama = kolom[2], kolom[1]
    assert "Pihak Kedua," in kedua
    assert escape(ketua.sebutan_jabatan) in kedua
    assert escape(ketua.nama) in kedua
    assert 'data-sudah="belum"' in kedua
    assert "Belum ditandatangani · menunggu" in kedua
    assert "Pihak Pertama," in pertama
    assert escape(sekretaris.sebutan_jabatan) in pertama
    assert escape(sekretaris.nama) in pertama
    assert f"NIP. {sekretaris.nip}" in pertama
    assert 'data-sudah="ya"' in pertama
    waktu = TandaTangan.objects.get(dokumen=sebagian, urutan=1).waktu
    assert f"Ditandatangani secara elektronik<br>{waktu_lengkap(waktu)}" in pertama
    # Every column has the same six lines, so the lines align across columns.
    for isi in kolom.values():
        assert len(re.findall(r"^    <div", isi, re.MULTILINE)) == 6


# --- 5. The signed PDF's lampiran ---------------------------------------------------------------


def _halaman_teks(pdf: bytes) -> list[str]:
    teks = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [re.sub(r"\s+", "", halaman) for halaman in teks.split("\f") if halaman.strip()]


@pytest.mark.django_db
def test_the_lampirans_repeated_blocks_print_both_parties_but_no_field(sebagian, sekretaris, ketua):
    terbit = tandatangani(sebagian, akun_penandatangan(sebagian, ketua))

    for pdf in (_baca(sebagian), _baca(terbit)):
        halaman = _halaman_teks(pdf)
        assert len(halaman) >= 2
        lampiran = halaman[-1]
        for teks in (
            "PihakKedua,",
            "PihakPertama,",
            ketua.sebutan_jabatan,
            ketua.nama,
            sekretaris.sebutan_jabatan,
            sekretaris.nama,
            f"NIP.{sekretaris.nip}",
        ):
            assert re.sub(r"\s+", "", teks) in lampiran, teks
        reader = PdfFileReader(BytesIO(pdf))
        widget = [
            len(reader.find_page_for_modification(h)[0].get_object().get("/Annots", []))
            for h in range(len(halaman))
        ]
        assert widget[1:] == [0] * (len(halaman) - 1)
        assert widget[0] >= 1


# --- 6. Public verification ---------------------------------------------------------------------


@pytest.mark.django_db
class TestVerifikasi:
    def test_the_api_answers_a_half_signed_pk_as_not_published(self, sebagian, sekretaris, ketua):
        response = APIClient().get(f"/api/v1/verifikasi/{sebagian.token_verifikasi}/")

        assert response.status_code == 200
        data = response.json()
        assert (data["jenis"], data["status"], data["terbit"]) == ("PK", "DISETUJUI", False)
        assert data["menunggu"] == f"Pihak Kedua ({ketua.nama})"
        assert data["ditandatangani_pada"] is None
        assert data["penandatangan"] == f"{sekretaris.nama}, Sekretaris"
        assert [(t["urutan"], t["pihak"], t["nama"], t["sudah"]) for t in data["tanda_tangan"]] == [
            (1, "PIHAK_PERTAMA", sekretaris.nama, True),
            (2, "PIHAK_KEDUA", ketua.nama, False),
        ]
        assert data["tanda_tangan"][0]["waktu"]
        assert data["tanda_tangan"][1]["waktu"] is None

    def test_once_published_the_api_says_so(self, sebagian, ketua):
        terbit = tandatangani(sebagian, akun_penandatangan(sebagian, ketua))

        data = APIClient().get(f"/api/v1/verifikasi/{terbit.token_verifikasi}/").json()

        assert (data["status"], data["terbit"], data["menunggu"]) == ("TERBIT", True, "")
        assert [t["sudah"] for t in data["tanda_tangan"]] == [True, True]

    def test_a_returned_pk_no_longer_verifies(self, client, sebagian, ketua):
        token = sebagian.token_verifikasi
        ketua_akun = akun_satker(sebagian.satker, Peran.KETUA)
        client.force_login(ketua_akun)
        client.post(
            reverse("dokumen:aksi", args=[sebagian.pk, "KEMBALIKAN"]),
            {"catatan": "Perbaiki target.", "konfirmasi": "1"},
        )
        assert Dokumen.objects.get(pk=sebagian.pk).status == StatusDokumen.DRAF

        assert APIClient().get(f"/api/v1/verifikasi/{token}/").status_code == 404
        assert client.get(reverse("verifikasi", args=[token])).status_code == 404

    def test_the_page_lists_who_signed_and_who_not_and_never_claims_it_is_in_force(
        self, client, sebagian, sekretaris, ketua
    ):
        html = client.get(reverse("verifikasi", args=[sebagian.token_verifikasi])).content.decode()

        assert "Dokumen ini belum terbit." in html
        rincian = _bagian(html, "rincian-verifikasi", "</dl>")
        assert rincian.index(escape(sekretaris.nama)) < rincian.index("Ditandatangani ")
        assert rincian.index(escape(ketua.nama)) < rincian.index("Belum menandatangani")
        assert "versi berlaku" not in html
        assert "Belum terbit" in rincian
