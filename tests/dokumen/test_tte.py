"""TTE: PAdES signing with the local PKI and the check of signed PDFs, all with real pyHanko."""

import re
import shutil
import stat
import subprocess
import time
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.timestamps import HTTPTimeStamper

from dokumen import tte
from dokumen.tte import (
    NAMA_CA,
    PenandatanganLokal,
    TteTidakSiap,
    identitas_penanda_terakhir,
    identitas_sertifikat,
    init_pki,
    penandatangan_aktif,
    periksa_tanda_tangan,
)
from satker.models import Jabatan
from tests.dokumen.conftest import KOTAK, URL_VERIFIKASI, pejabat_lebak

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pki_aktif")]

NAMA_SEKRETARIS = "RAHMAT SETIAWAN TONIDAYA"


def _tandatangani(pdf, pejabat, **kwargs):
    penandatangan = kwargs.pop("penandatangan", None) or penandatangan_aktif()
    return penandatangan.tandatangani(
        pdf,
        pejabat=pejabat,
        kotak=KOTAK,
        url_verifikasi=URL_VERIFIKASI,
        alasan="Menetapkan Rencana Aksi Tahun 2024",
        lokasi="Rangkasbitung",
    )


def _byte_range(pdf: bytes) -> list[int]:
    cocok = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    assert cocok, "no /ByteRange in the signed PDF"
    return [int(n) for n in cocok.groups()]


# --- Signing and checking ---------------------------------------------------------------------


def test_tanda_tangan_sekretaris_lebak_valid(pdf_bertanda, pdf_polos):
    hasil = periksa_tanda_tangan(pdf_bertanda)

    assert hasil.ada_tanda_tangan
    assert hasil.utuh
    assert hasil.dipercaya
    assert hasil.valid
    assert hasil.mencakup_seluruh
    assert hasil.nama_penandatangan == NAMA_SEKRETARIS
    assert hasil.waktu is not None
    assert timezone.is_aware(hasil.waktu)
    assert abs(timezone.now() - hasil.waktu) < timedelta(hours=1)
    # an incremental update: the original bytes are kept unchanged at the start
    assert pdf_bertanda.startswith(pdf_polos)
    assert b"/ETSI.CAdES.detached" in pdf_bertanda


def test_pdfsig_menyatakan_valid(pdf_bertanda, tmp_path):
    assert shutil.which("pdfsig"), "pdfsig (poppler-utils) is needed: see .ci/run"
    berkas = tmp_path / "bertanda.pdf"
    berkas.write_bytes(pdf_bertanda)

    keluaran = subprocess.run(
        ["pdfsig", str(berkas)], capture_output=True, text=True, check=False
    ).stdout

    assert "Signature is Valid" in keluaran
    assert "Total document signed" in keluaran
    assert "ETSI.CAdES.detached" in keluaran
    assert "SHA-256" in keluaran
    assert NAMA_SEKRETARIS in keluaran


def test_satu_byte_diubah_tidak_utuh(pdf_bertanda):
    awal, panjang, _, _ = _byte_range(pdf_bertanda)
    # a byte inside a content stream of the original document, in the first signed range:
    # the file still parses, only the digest no longer matches
    mulai_stream = [m.end() for m in re.finditer(rb"[^d]stream\r?\n", pdf_bertanda)]
    posisi = next(p for p in mulai_stream if p > (awal + panjang) // 2) + 5
    assert posisi < awal + panjang
    rusak = bytearray(pdf_bertanda)
    rusak[posisi] ^= 0x01

    hasil = periksa_tanda_tangan(bytes(rusak))

    assert hasil.ada_tanda_tangan
    assert not hasil.utuh
    assert not hasil.valid


def test_halaman_diubah_setelah_ditandatangani_tidak_valid(pdf_bertanda):
    """An incremental update that replaces the page content keeps the signed bytes intact, but
    pyHanko's diff policy rejects it."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bertanda))
    halaman = writer.root["/Pages"]["/Kids"][0].get_object()
    halaman["/Contents"] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (PALSU) Tj ET")
    )
    writer.update_container(halaman)
    keluaran = BytesIO()
    writer.write(keluaran)

    hasil = periksa_tanda_tangan(keluaran.getvalue())

    assert hasil.ada_tanda_tangan
    assert hasil.utuh
    assert not hasil.mencakup_seluruh
    assert not hasil.valid


def test_ca_lain_utuh_tetapi_tidak_dipercaya(pdf_polos, pki_lain, sekretaris_lebak):
    pdf = _tandatangani(
        pdf_polos,
        sekretaris_lebak,
        penandatangan=PenandatanganLokal(pki_dir=pki_lain, pkcs12_path=""),
    )

    hasil = periksa_tanda_tangan(pdf)

    assert hasil.ada_tanda_tangan
    assert hasil.utuh
    assert not hasil.dipercaya
    assert not hasil.valid
    assert hasil.nama_penandatangan == NAMA_SEKRETARIS


@pytest.mark.parametrize(
    "isi",
    [b"", b"bukan PDF sama sekali", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<", b"\x00" * 64],
)
def test_bukan_pdf_tanpa_exception(isi):
    hasil = periksa_tanda_tangan(isi)

    assert not hasil.ada_tanda_tangan
    assert not hasil.valid


def test_pdf_terpotong_tanpa_exception(pdf_bertanda):
    hasil = periksa_tanda_tangan(pdf_bertanda[: len(pdf_bertanda) // 2])

    assert not hasil.ada_tanda_tangan
    assert not hasil.valid


def test_pdf_tanpa_tanda_tangan(pdf_polos):
    hasil = periksa_tanda_tangan(pdf_polos)

    assert not hasil.ada_tanda_tangan
    assert not hasil.valid


def test_dua_tanda_tangan_berurutan(pdf_bertanda):
    ketua = pejabat_lebak(Jabatan.KETUA)

    pdf = _tandatangani(pdf_bertanda, ketua)
    hasil = periksa_tanda_tangan(pdf)

    assert hasil.valid
    assert hasil.mencakup_seluruh
    assert hasil.nama_penandatangan == ketua.nama
    nama_field = [nama for nama, _, _ in enumerate_sig_fields(PdfFileReader(BytesIO(pdf)))]
    assert nama_field == ["TTE1", "TTE2"]


def test_penanda_terakhir_dibaca_dari_wadah_terakhir_sama_dengan_pyhanko(pdf_bertanda):
    # The quick read of the newest signature's certificate (the file's last /Contents) names
    # the certificate pyHanko's full reader finds, after one signature and after two.
    ketua = pejabat_lebak(Jabatan.KETUA)
    dua = _tandatangani(pdf_bertanda, ketua)

    for pdf, nama in ((pdf_bertanda, NAMA_SEKRETARIS), (dua, ketua.nama)):
        terakhir = PdfFileReader(BytesIO(pdf)).embedded_signatures[-1].signer_cert
        assert identitas_penanda_terakhir(pdf) == identitas_sertifikat(terakhir)
        assert identitas_penanda_terakhir(pdf).nama == nama


# --- The visible field ------------------------------------------------------------------------


def test_field_terlihat_di_kotak(pdf_bertanda):
    reader = PdfFileReader(BytesIO(pdf_bertanda))
    fields = list(enumerate_sig_fields(reader))
    assert len(fields) == 1
    nama, nilai, ref = fields[0]
    field = ref.get_object()

    assert nama == "TTE1"
    assert nilai is not None  # filled: the signature dictionary
    assert nilai.get_object()["/SubFilter"] == "/ETSI.CAdES.detached"
    assert [float(n) for n in field["/Rect"]] == [KOTAK.x1, KOTAK.y1, KOTAK.x2, KOTAK.y2]
    assert field["/Subtype"] == "/Widget"
    assert not int(field.get("/F", 0)) & 0b10  # not hidden
    halaman, _ = reader.find_page_for_modification(KOTAK.halaman)
    assert field.raw_get("/P") == halaman
    assert ref.reference in [a.reference for a in halaman.get_object()["/Annots"]]

    tampilan = field["/AP"]["/N"]
    assert len(tampilan.data) > 0
    # The QR code is printed on the page (tests/dokumen/test_tte_cetak.py), not in the stamp.
    assert b"/QR Do" not in tampilan.data
    assert b"Ditandatangani secara" in tampilan.data  # ActualText of the stamp lines
    assert NAMA_SEKRETARIS.encode() in tampilan.data


# --- Keys: development PKI and PKCS#12 --------------------------------------------------------


def test_sertifikat_pejabat(pki_dir, sekretaris_lebak):
    ca = x509.load_pem_x509_certificate((pki_dir / "ca.crt").read_bytes())
    cert = x509.load_pem_x509_certificate(
        (pki_dir / f"pejabat-{sekretaris_lebak.pk}.crt").read_bytes()
    )

    assert ca.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == NAMA_CA
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert ca.not_valid_after_utc - ca.not_valid_before_utc > timedelta(days=3650)
    assert cert.issuer == ca.subject
    subjek = {a.oid: a.value for a in cert.subject}
    assert subjek[NameOID.COMMON_NAME] == NAMA_SEKRETARIS
    assert subjek[NameOID.ORGANIZATION_NAME] == "Komisi Pemilihan Umum Kabupaten Lebak"
    assert subjek[NameOID.SERIAL_NUMBER] == "198301282009021004"
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.digital_signature
    assert ku.content_commitment  # nonRepudiation
    assert not ku.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    masa = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert timedelta(days=1090) < masa < timedelta(days=1100)
    cert.verify_directly_issued_by(ca)


def test_ketua_tanpa_nip_tanpa_serial_number(pki_dir):
    ketua = pejabat_lebak(Jabatan.KETUA)
    assert ketua.nip == ""
    cert = x509.load_pem_x509_certificate((pki_dir / f"pejabat-{ketua.pk}.crt").read_bytes())

    assert not cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)


def test_kunci_privat_hanya_terbaca_pemilik(pki_dir):
    kunci = sorted(pki_dir.glob("*.key"))
    assert len(kunci) > 1
    for path in kunci:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_init_pki_kedua_kali_tidak_membuat_apa_pun(pki_dir):
    sebelum = {p.name: p.read_bytes() for p in pki_dir.iterdir()}

    hasil = init_pki(pki_dir)

    assert hasil.dibuat == []
    assert hasil.peringatan == []
    assert {p.name: p.read_bytes() for p in pki_dir.iterdir()} == sebelum


def test_perintah_init_pki(settings, tmp_path):
    settings.PKI_DIR = tmp_path / "pki"

    def jalankan(*args):
        keluar = StringIO()
        call_command("init_pki", *args, stdout=keluar)
        return keluar.getvalue()

    pertama = jalankan()
    assert f"Dibuat: {tmp_path / 'pki' / 'ca.crt'}" in pertama
    assert "pejabat-" in pertama
    ca_pertama = (tmp_path / "pki" / "ca.crt").read_bytes()

    assert "Tidak ada yang dibuat" in jalankan()
    assert (tmp_path / "pki" / "ca.crt").read_bytes() == ca_pertama

    assert "ca.crt" in jalankan("--paksa")
    assert (tmp_path / "pki" / "ca.crt").read_bytes() != ca_pertama


def test_kunci_tidak_ada_tte_tidak_siap(settings, tmp_path, pdf_polos, sekretaris_lebak):
    settings.PKI_DIR = tmp_path / "kosong"

    with pytest.raises(TteTidakSiap) as galat:
        _tandatangani(pdf_polos, sekretaris_lebak)

    # The user reads a plain sentence; the path and the command are for the operator's log.
    assert str(galat.value) == (
        f"Kunci tanda tangan elektronik untuk {sekretaris_lebak.nama} belum tersedia."
    )
    assert "init_pki" in galat.value.rincian
    assert str(tmp_path) in galat.value.rincian


def _pkcs12(pki_dir, pejabat, frasa: bytes) -> bytes:
    key = serialization.load_pem_private_key(
        (pki_dir / f"pejabat-{pejabat.pk}.key").read_bytes(), password=None
    )
    cert = x509.load_pem_x509_certificate((pki_dir / f"pejabat-{pejabat.pk}.crt").read_bytes())
    ca = x509.load_pem_x509_certificate((pki_dir / "ca.crt").read_bytes())
    return pkcs12.serialize_key_and_certificates(
        b"tte", key, cert, [ca], serialization.BestAvailableEncryption(frasa)
    )


def test_mode_pkcs12(settings, tmp_path, pdf_polos, pki_lain, sekretaris_lebak):
    """One PKCS#12 file signs for every official; trust comes from the chain inside it."""
    berkas = tmp_path / "tte.p12"
    berkas.write_bytes(_pkcs12(pki_lain, sekretaris_lebak, b"rahasia-uji"))
    settings.TTE_PKCS12_PATH = str(berkas)
    settings.TTE_PKCS12_PASSPHRASE = "rahasia-uji"
    settings.PKI_DIR = tmp_path / "tanpa-pki"  # no development CA to lean on
    ketua = pejabat_lebak(Jabatan.KETUA)

    pdf = _tandatangani(pdf_polos, ketua)
    hasil = periksa_tanda_tangan(pdf)

    assert hasil.valid
    assert hasil.utuh
    assert hasil.dipercaya
    assert hasil.mencakup_seluruh
    # the key holder signs (and is named on the stamp), whoever the document's official is
    assert hasil.nama_penandatangan == NAMA_SEKRETARIS

    settings.TTE_PKCS12_PATH = ""
    settings.PKI_DIR = tmp_path / "tanpa-pki"
    assert not periksa_tanda_tangan(pdf).dipercaya  # without that chain: intact, not trusted


def test_pkcs12_frasa_salah(settings, tmp_path, pdf_polos, pki_dir, sekretaris_lebak):
    berkas = tmp_path / "tte.p12"
    berkas.write_bytes(_pkcs12(pki_dir, sekretaris_lebak, b"benar"))
    settings.TTE_PKCS12_PATH = str(berkas)
    settings.TTE_PKCS12_PASSPHRASE = "salah"

    with pytest.raises(TteTidakSiap) as galat:
        _tandatangani(pdf_polos, sekretaris_lebak)

    assert "TTE_PKCS12_PASSPHRASE" not in str(galat.value)
    assert "TTE_PKCS12_PASSPHRASE" in galat.value.rincian


# --- Backend choice and timestamping ----------------------------------------------------------


def test_backend_lokal_dan_tidak_dikenal(settings):
    assert isinstance(penandatangan_aktif(), PenandatanganLokal)

    settings.TTE_BACKEND = "bsre"
    with pytest.raises(ImproperlyConfigured, match="TTE_BACKEND"):
        penandatangan_aktif()


def test_timestamp_hanya_bila_url_diatur(settings):
    """B-B without TTE_TIMESTAMP_URL; B-T wiring when set (no TSA is reachable to test it)."""
    assert tte._timestamper() is None

    settings.TTE_TIMESTAMP_URL = "http://tsa.example.invalid/tsr"
    penanda_waktu = tte._timestamper()
    assert isinstance(penanda_waktu, HTTPTimeStamper)
    assert penanda_waktu.url == "http://tsa.example.invalid/tsr"


def test_tanda_tangan_b_b_tanpa_timestamp(pdf_bertanda):
    reader = PdfFileReader(BytesIO(pdf_bertanda))
    (sig,) = reader.embedded_signatures

    unsigned = sig.signer_info["unsigned_attrs"].native or []
    assert not any(a["type"] == "signature_time_stamp_token" for a in unsigned)


# --- Timing (printed, not asserted) -----------------------------------------------------------


def test_ukur_waktu_tanda_tangan(pdf_polos, sekretaris_lebak, capsys):
    penandatangan = penandatangan_aktif()
    waktu_ttd, waktu_periksa = [], []
    for _ in range(3):
        mulai = time.perf_counter()
        pdf = _tandatangani(pdf_polos, sekretaris_lebak, penandatangan=penandatangan)
        waktu_ttd.append(time.perf_counter() - mulai)
        mulai = time.perf_counter()
        assert periksa_tanda_tangan(pdf).valid
        waktu_periksa.append(time.perf_counter() - mulai)

    with capsys.disabled():
        print(
            f"\n[TTE] tanda tangan: {', '.join(f'{t * 1000:.0f}' for t in waktu_ttd)} ms; "
            f"periksa: {', '.join(f'{t * 1000:.0f}' for t in waktu_periksa)} ms"
        )
