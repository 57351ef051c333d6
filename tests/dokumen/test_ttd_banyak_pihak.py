"""A document type signed by two parties: who signs each party, one incremental PAdES signature
per party in order on one PDF, one frozen record per party, and the public verification of it.

The two-party type is the IKU's declaration with two parties (the PK's layout: Pihak Pertama =
Sekretaris, Pihak Kedua = Ketua), swapped into the registry for each test by
`dokumen.jenis.jenis_sementara`. Each party signs in turn through its own account
(tests/dokumen/test_ttd_bergiliran.py covers the turns and their refusals); `terbit` is the
document once both have.
"""

import dataclasses
import datetime
import re
import shutil
import subprocess
from io import BytesIO

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from dokumen.alur import TransisiDitolak, dokumen_transisi
from dokumen.jenis import PihakTtd, jenis_sementara, jenis_terdaftar
from dokumen.models import AksiDokumen, Dokumen, PihakTandaTangan, StatusDokumen, TandaTangan
from dokumen.pdf import render_pdf
from dokumen.selectors import (
    PenandatanganBelumLengkap,
    kekurangan_dokumen,
    pejabat_aktif,
    penandatangan_bawaan,
    pihak_penandatangan,
)
from dokumen.tte import akar_tepercaya, periksa_tanda_tangan
from dokumen.verifikasi import Putusan, periksa_berkas
from satker.models import Jabatan, Pejabat, Peran, StatusJabatan
from satker.services import pejabat_pastikan_boleh_dihapus
from tests.dokumen.conftest import pejabat_lebak
from tests.factories import (
    IkuFactory,
    KabKotaFactory,
    KetuaFactory,
    SekretarisFactory,
    ajukan,
    akun_penandatangan,
    akun_satker,
    ke_status,
    pastikan_kunci_tte,
)

PIHAK_PERTAMA = PihakTtd(PihakTandaTangan.PIHAK_PERTAMA, Jabatan.SEKRETARIS, "Pihak Pertama,")
PIHAK_KEDUA = PihakTtd(PihakTandaTangan.PIHAK_KEDUA, Jabatan.KETUA, "Pihak Kedua,")


@pytest.fixture
def dua_pihak():
    """The IKU declared with two signing parties, for the length of one test."""
    iku = jenis_terdaftar("IKU")
    with jenis_sementara(dataclasses.replace(iku, pihak_ttd=(PIHAK_PERTAMA, PIHAK_KEDUA))) as j:
        yield j
    assert jenis_terdaftar("IKU") is iku


@pytest.fixture
def _tte(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://kinerja.contoh.go.id"


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
def draf(dua_pihak, satker, sekretaris, ketua) -> Dokumen:
    return IkuFactory(satker=satker, penandatangan=sekretaris)


@pytest.fixture
def terbit(_tte, draf) -> Dokumen:
    return ke_status(draf, StatusDokumen.TERBIT)


def _baca(dokumen: Dokumen) -> bytes:
    with dokumen.berkas_pdf.open("rb") as berkas:
        return berkas.read()


def _unggah(client, dokumen: Dokumen, isi: bytes) -> str:
    berkas = SimpleUploadedFile("dokumen.pdf", isi, content_type="application/pdf")
    response = client.post(
        reverse("verifikasi", args=[dokumen.token_verifikasi]), {"berkas": berkas}
    )
    assert response.status_code == 200
    return response.content.decode()


def _pkcs12(pki_dir, pejabat: Pejabat, frasa: bytes) -> bytes:
    """`pejabat`'s development key and certificate from `pki_dir`, as one PKCS#12 file."""
    key = serialization.load_pem_private_key(
        (pki_dir / f"pejabat-{pejabat.pk}.key").read_bytes(), password=None
    )
    cert = x509.load_pem_x509_certificate((pki_dir / f"pejabat-{pejabat.pk}.crt").read_bytes())
    ca = x509.load_pem_x509_certificate((pki_dir / "ca.crt").read_bytes())
    return pkcs12.serialize_key_and_certificates(
        b"tte", key, cert, [ca], serialization.BestAvailableEncryption(frasa)
    )


def _rincian(html: str) -> str:
    """The record part of the verification page (the form below carries a fresh CSRF token)."""
    cocok = re.search(r'<dl class="row mb-0" id="rincian-verifikasi">.*?</dl>', html, re.DOTALL)
    assert cocok
    return cocok.group(0)


def _pdfsig(pdf: bytes, tmp_path) -> list[str]:
    """pdfsig's report, one block of text per signature in signing order."""
    assert shutil.which("pdfsig"), "pdfsig (poppler-utils) is needed: see .ci/run"
    berkas = tmp_path / "dua-pihak.pdf"
    berkas.write_bytes(pdf)
    keluaran = subprocess.run(
        ["pdfsig", str(berkas)], capture_output=True, text=True, check=False
    ).stdout
    return re.split(r"^Signature #\d+:$", keluaran, flags=re.MULTILINE)[1:]


# --- Who signs each party ----------------------------------------------------------------------


@pytest.mark.django_db
class TestPihakPenandatangan:
    def test_the_first_party_is_the_chosen_signatory_the_second_the_active_ketua(
        self, draf, sekretaris, ketua
    ):
        assert pihak_penandatangan(draf) == [(PIHAK_PERTAMA, sekretaris), (PIHAK_KEDUA, ketua)]
        assert kekurangan_dokumen(draf) == []

    def test_an_official_whose_term_is_over_or_not_begun_does_not_sign(self, draf, ketua):
        hari_ini = timezone.localdate()
        ketua.selesai_menjabat = hari_ini - datetime.timedelta(days=1)
        ketua.save()
        belum = KetuaFactory(
            satker=draf.satker, mulai_menjabat=hari_ini + datetime.timedelta(days=1)
        )
        assert pejabat_aktif(draf.satker, Jabatan.KETUA) is None

        with pytest.raises(PenandatanganBelumLengkap) as galat:
            pihak_penandatangan(draf)

        pesan = "Belum ada pejabat Ketua aktif untuk pihak kedua."
        assert str(galat.value) == pesan
        assert kekurangan_dokumen(draf) == [pesan]
        # The one just appointed (an acting Ketua here) signs once their term has begun.
        belum.mulai_menjabat = hari_ini
        belum.status = StatusJabatan.PLH
        belum.save()
        assert pihak_penandatangan(draf)[1] == (PIHAK_KEDUA, belum)

    def test_without_a_ketua_the_document_cannot_be_submitted(self, dua_pihak, satker, sekretaris):
        dokumen = IkuFactory(satker=satker, penandatangan=sekretaris)

        with pytest.raises(
            TransisiDitolak, match="Belum ada pejabat Ketua aktif untuk pihak kedua"
        ):
            ajukan(dokumen)

    def test_the_document_page_lists_the_missing_party(self, client, draf, ketua):
        ketua.delete()
        client.force_login(akun_satker(draf.satker, Peran.OPERATOR))

        html = client.get(reverse("dokumen:detail", args=[draf.pk])).content.decode()

        assert "Belum ada pejabat Ketua aktif untuk pihak kedua." in html

    def test_the_document_page_shows_both_parties_pihak_kedua_left(
        self, client, draf, sekretaris, ketua
    ):
        client.force_login(akun_satker(draf.satker, Peran.OPERATOR))

        html = client.get(reverse("dokumen:detail", args=[draf.pk])).content.decode()
        blok = html[html.index('id="blok-ttd"') :]

        kedua, pertama = escape(ketua.nama), escape(sekretaris.nama)
        assert blok.index("Pihak Kedua,") < blok.index(kedua) < blok.index("Pihak Pertama,")
        assert blok.index("Pihak Pertama,") < blok.index(pertama)

    def test_one_official_cannot_sign_both_parties(self, dua_pihak, satker, sekretaris, ketua):
        # Data from before the rule (services refuse it now, see below).
        dokumen = IkuFactory(satker=satker, penandatangan=sekretaris)
        Dokumen.objects.filter(pk=dokumen.pk).update(penandatangan=ketua)
        dokumen.refresh_from_db()

        assert kekurangan_dokumen(dokumen) == [
            f"{ketua.nama} sudah tercantum sebagai pihak pertama; pihak kedua memerlukan "
            "pejabat lain."
        ]
        # Nor can it be chosen so: the party's jabatan signs the later party.
        with pytest.raises(ValidationError) as galat:
            dokumen.full_clean()
        assert galat.value.message_dict["penandatangan"] == [
            "Ketua menandatangani sebagai Pihak Kedua; pilih pejabat lain sebagai Pihak Pertama."
        ]

    def test_the_default_signatory_is_the_first_partys_active_official(
        self, dua_pihak, satker, sekretaris, ketua
    ):
        assert penandatangan_bawaan(satker, "IKU") == sekretaris

    def test_the_registry_swap_is_undone_after_the_block(self):
        iku = jenis_terdaftar("IKU")
        with jenis_sementara(dataclasses.replace(iku, pihak_ttd=(PIHAK_PERTAMA, PIHAK_KEDUA))):
            assert len(jenis_terdaftar("IKU").pihak_ttd) == 2
        assert jenis_terdaftar("IKU") is iku
        assert len(iku.pihak_ttd) == 1


# --- The printed block -------------------------------------------------------------------------


def _kata(pdf: bytes, kata: str) -> tuple[float, float]:
    """(xMin, yMin) of the first word `kata` on the last page, from pdftotext -bbox."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    halaman = bbox.split("<page ")[-1]
    cocok = re.search(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>' + re.escape(kata) + "</word>", halaman
    )
    assert cocok, f"{kata!r} tidak ada di halaman terakhir"
    return float(cocok.group(1)), float(cocok.group(2))


@pytest.mark.django_db
class TestBlokTandaTangan:
    def test_two_parties_print_side_by_side_pihak_kedua_left(self, draf, sekretaris, ketua):
        hasil = render_pdf(draf)

        pertama, kedua = hasil.kotak_pihak
        assert hasil.kotak_ttd == pertama
        assert pertama.halaman == kedua.halaman == hasil.jumlah_halaman - 1
        assert kedua.x2 < pertama.x1  # pihak kedua left, pihak pertama right
        assert (kedua.y1, kedua.y2) == pytest.approx((pertama.y1, pertama.y2), abs=0.5)
        assert pertama.x2 - pertama.x1 == pytest.approx(50 / 25.4 * 72, abs=2)
        # The headings and names in their columns; the place and date over the first party.
        x_kedua, y_judul = _kata(hasil.pdf, "Kedua,")
        x_pertama, y_judul_pertama = _kata(hasil.pdf, "Pertama,")
        assert x_kedua < kedua.x2
        assert x_pertama > pertama.x1 - 40
        assert y_judul == pytest.approx(y_judul_pertama, abs=0.5)
        assert (
            _kata(hasil.pdf, "KEDUA")[0]
            < kedua.x2
            < pertama.x1 - 40
            < _kata(hasil.pdf, "RAHMAT")[0]
        )
        tempat = draf.tempat_ttd.split()[0]
        assert _kata(hasil.pdf, tempat)[0] > pertama.x1 - 40

    def test_a_party_without_an_official_prints_a_gap_and_no_box(self, draf, ketua):
        ketua.delete()

        hasil = render_pdf(draf)

        assert hasil.kotak_pihak[0] is not None
        assert hasil.kotak_pihak[1] is None
        teks = subprocess.run(
            ["pdftotext", "-raw", "-", "-"], input=hasil.pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "[belum ada pejabat Ketua aktif untuk pihak kedua]" in " ".join(teks.split())


# --- Signing and the records -------------------------------------------------------------------


@pytest.mark.django_db
class TestTerbitDuaPihak:
    def test_the_pdf_carries_two_signatures_in_order_valid_in_pyhanko(
        self, terbit, sekretaris, ketua
    ):
        pdf = _baca(terbit)
        reader = PdfFileReader(BytesIO(pdf))
        tanda_tangan = reader.embedded_signatures

        assert [nama for nama, _, _ in enumerate_sig_fields(reader)] == ["TTE1", "TTE2"]
        assert [t.signer_cert.subject.native["common_name"] for t in tanda_tangan] == [
            sekretaris.nama,
            ketua.nama,
        ]
        for sig in tanda_tangan:
            status = validate_pdf_signature(
                sig, ValidationContext(trust_roots=akar_tepercaya(), allow_fetching=False)
            )
            assert status.bottom_line
            assert status.intact
            assert status.valid
            assert status.trusted
            assert status.docmdp_ok
        # The first covers the rendered file, the second everything after it too.
        assert tanda_tangan[0].coverage == SignatureCoverageLevel.ENTIRE_REVISION
        assert tanda_tangan[1].coverage == SignatureCoverageLevel.ENTIRE_FILE
        assert reader.xrefs.total_revisions == 3  # the render, then one per signature
        periksa = periksa_tanda_tangan(pdf)
        assert periksa.valid
        assert periksa.mencakup_seluruh
        assert [t.nama for t in periksa.tanda_tangan] == [sekretaris.nama, ketua.nama]

    def test_each_signature_is_a_visible_field_at_its_partys_box(self, terbit):
        pdf = _baca(terbit)
        render = render_pdf(
            Dokumen.objects.get(pk=terbit.pk), tanda_tangan=list(terbit.tanda_tangan.all())
        )
        reader = PdfFileReader(BytesIO(pdf))
        for (_, _, ref), kotak in zip(
            enumerate_sig_fields(reader), render.kotak_pihak, strict=True
        ):
            field = ref.get_object()
            assert [round(float(n)) for n in field["/Rect"]] == list(kotak.box)
            assert not int(field.get("/F", 0)) & 0b10  # not hidden
            assert b"Ditandatangani secara" in field["/AP"]["/N"].data

    def test_pdfsig_finds_both_signatures_valid(self, terbit, sekretaris, ketua, tmp_path):
        blok = _pdfsig(_baca(terbit), tmp_path)

        assert len(blok) == 2
        for isi, pejabat, nama_field in zip(
            blok, [sekretaris, ketua], ["TTE1", "TTE2"], strict=True
        ):
            assert f"Signature Field Name: {nama_field}" in isi
            assert pejabat.nama in isi
            assert "Signature is Valid." in isi
            assert "ETSI.CAdES.detached" in isi
            assert "SHA-256" in isi
        assert "Total document signed" in blok[1]

    def test_one_record_per_party_in_order_with_the_certificate_it_signed_with(
        self, terbit, sekretaris, ketua
    ):
        records = list(TandaTangan.objects.filter(dokumen=terbit).order_by("urutan"))
        reader = PdfFileReader(BytesIO(_baca(terbit)))

        assert [(r.urutan, r.pejabat_id, r.pihak) for r in records] == [
            (1, sekretaris.pk, PihakTandaTangan.PIHAK_PERTAMA),
            (2, ketua.pk, PihakTandaTangan.PIHAK_KEDUA),
        ]
        assert [(r.nama, r.nip, r.jabatan) for r in records] == [
            (sekretaris.nama, sekretaris.nip, Jabatan.SEKRETARIS),
            (ketua.nama, "", Jabatan.KETUA),
        ]
        for record, sig in zip(records, reader.embedded_signatures, strict=True):
            assert record.sidik_jari_sertifikat == sig.signer_cert.sha256.hex()
            assert record.nomor_seri_sertifikat == format(sig.signer_cert.serial_number, "x")
            assert record.nama_sertifikat == record.nama
        assert records[0].waktu <= records[1].waktu == terbit.ditandatangani_pada
        jejak = terbit.jejak.filter(ringkasan__startswith="Ditandatangani dan diterbitkan").get()
        assert jejak.sesudah["kepala"]["tanda_tangan"] == "; ".join(
            f"{r.nama} ({r.get_pihak_display()}, sertifikat {r.nomor_seri_sertifikat})"
            for r in records
        )

    @pytest.mark.usefixtures("_tte")
    def test_with_a_pkcs12_file_both_parties_sign_with_it(
        self, draf, settings, tmp_path, pki_lain, sekretaris, ketua
    ):
        # One PKCS#12 (here a Lebak official's key from another CA) signs for every official.
        pemegang = pejabat_lebak(Jabatan.SEKRETARIS)
        berkas = tmp_path / "tte.p12"
        berkas.write_bytes(_pkcs12(pki_lain, pemegang, b"rahasia-uji"))
        settings.TTE_PKCS12_PATH = str(berkas)
        settings.TTE_PKCS12_PASSPHRASE = "rahasia-uji"

        terbit = ke_status(draf, StatusDokumen.TERBIT)

        periksa = periksa_tanda_tangan(_baca(terbit))
        assert periksa.valid
        assert [t.nama for t in periksa.tanda_tangan] == [pemegang.nama, pemegang.nama]
        records = list(terbit.tanda_tangan.all())
        assert [r.nama for r in records] == [sekretaris.nama, ketua.nama]
        assert {r.nama_sertifikat for r in records} == {pemegang.nama}
        assert records[0].sidik_jari_sertifikat == records[1].sidik_jari_sertifikat

    @pytest.mark.usefixtures("_tte")
    def test_a_missing_key_of_the_second_party_stores_nothing(
        self, draf, ketua, settings, tmp_path
    ):
        disetujui = ke_status(draf, StatusDokumen.DISETUJUI)
        pastikan_kunci_tte()  # every official has a key in the session PKI …
        salinan = tmp_path / "pki-tanpa-ketua"
        shutil.copytree(settings.PKI_DIR, salinan)
        (salinan / f"pejabat-{ketua.pk}.key").unlink()  # … but the Ketua's is gone in this copy
        settings.PKI_DIR = salinan

        with pytest.raises(TransisiDitolak, match=f"untuk {re.escape(ketua.nama)} belum"):
            dokumen_transisi(
                dokumen=disetujui, user=akun_penandatangan(disetujui), aksi=AksiDokumen.TERBITKAN
            )

        disetujui.refresh_from_db()
        assert disetujui.status == StatusDokumen.DISETUJUI
        assert not disetujui.berkas_pdf
        assert not TandaTangan.objects.filter(dokumen=disetujui).exists()


# --- Verification ------------------------------------------------------------------------------


@pytest.mark.django_db
class TestVerifikasiDuaPihak:
    def test_the_page_and_the_api_name_both_signers_from_the_records(
        self, client, terbit, sekretaris, ketua
    ):
        html = client.get(reverse("verifikasi", args=[terbit.token_verifikasi])).content.decode()
        api = client.get(f"/api/v1/verifikasi/{terbit.token_verifikasi}/").json()

        records = list(terbit.tanda_tangan.all())
        for label, pejabat, record in zip(
            ["Pihak Pertama", "Pihak Kedua"], [sekretaris, ketua], records, strict=True
        ):
            assert f">{label}</dt>" in html
            assert pejabat.nama.replace("'", "&#x27;") in html
            waktu = timezone.localtime(record.waktu).strftime("%H.%M")
            # The local day: from 17.00 UTC the page's date (WIB) is already the next one.
            assert f"Ditandatangani {timezone.localtime(record.waktu).day} " in html
            assert waktu in html
        assert html.index("Pihak Pertama") < html.index("Pihak Kedua")
        assert "Sekretaris" in html
        assert "Ketua" in html
        assert [(t["urutan"], t["nama"], t["jabatan"]) for t in api["tanda_tangan"]] == [
            (1, sekretaris.nama, "SEKRETARIS"),
            (2, ketua.nama, "KETUA"),
        ]
        assert api["penandatangan"] == f"{sekretaris.nama}, Sekretaris; {ketua.nama}, Ketua"

    def test_the_stored_pdf_is_asli(self, client, terbit):
        html = _unggah(client, terbit, _baca(terbit))

        assert "asli</div>" in html
        assert "2 tanda tangannya sah" in html

    def test_a_pdf_signed_by_the_first_party_only_is_not_the_published_one(self, client, terbit):
        pdf = _baca(terbit)
        reader = PdfFileReader(BytesIO(pdf))
        pertama = reader.embedded_signatures[0].byte_range
        hanya_pertama = pdf[: pertama[2] + pertama[3]]  # the file as the first party left it

        assert periksa_tanda_tangan(hanya_pertama).valid
        assert "tidak sesuai</div>" in _unggah(client, terbit, hanya_pertama)

    def test_a_record_that_does_not_match_the_files_signature_is_tidak_sesuai(self, terbit):
        TandaTangan.objects.filter(dokumen=terbit, urutan=2).update(sidik_jari_sertifikat="0" * 64)
        dokumen = Dokumen.objects.prefetch_related("tanda_tangan").get(pk=terbit.pk)

        hasil = periksa_berkas(dokumen, _baca(dokumen))

        assert hasil.putusan == Putusan.TIDAK_SESUAI
        assert "catatan penandatanganan" in hasil.penjelasan

    def test_renaming_or_replacing_either_official_changes_nothing_published(
        self, client, terbit, sekretaris, ketua
    ):
        pdf = _baca(terbit)
        url = reverse("verifikasi", args=[terbit.token_verifikasi])
        sebelum = (
            _rincian(client.get(url).content.decode()),
            client.get(f"/api/v1/verifikasi/{terbit.token_verifikasi}/").json(),
        )
        # Renamed by any path that writes the table (a shell, a migration, a bug) …
        Pejabat.objects.filter(pk=sekretaris.pk).update(nama="ORANG LAIN", status="PLT")
        Pejabat.objects.filter(pk=ketua.pk).update(nama="ORANG KETIGA")
        # … and the Ketua replaced: the old one's term ends, a new Ketua takes over.
        Pejabat.objects.filter(pk=ketua.pk).update(
            selesai_menjabat=timezone.localdate() - datetime.timedelta(days=1)
        )
        KetuaFactory(satker=terbit.satker, nama="KETUA PENGGANTI")

        sesudah = (
            _rincian(client.get(url).content.decode()),
            client.get(f"/api/v1/verifikasi/{terbit.token_verifikasi}/").json(),
        )
        assert sesudah == sebelum
        for nama in ("ORANG LAIN", "ORANG KETIGA", "KETUA PENGGANTI"):
            assert nama not in sesudah[0]
        terbit.refresh_from_db()
        assert _baca(terbit) == pdf
        assert "asli</div>" in _unggah(client, terbit, pdf)

    def test_the_second_party_cannot_be_deleted_and_is_told_why(self, terbit, ketua):
        # The Ketua is not the document's chosen signatory, only its second signature's.
        assert terbit.penandatangan_id != ketua.pk

        with pytest.raises(ValidationError) as galat:
            pejabat_pastikan_boleh_dihapus(pejabat=ketua)

        assert galat.value.messages == [
            f"{ketua.nama} tidak dapat dihapus karena menandatangani dokumen "
            f"{terbit.jenis} {terbit.tahun}. Ganti penandatangan dokumen tersebut lebih dahulu."
        ]
