"""What the signed PDF prints about its signature: a QR code a scanner reads from a 150 dpi
render (real WeasyPrint, pyHanko, pdftoppm and zbarimg), and a footer that names the real
issuer of the signing certificate."""

import dataclasses
import datetime
import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from dokumen.jenis import PihakTtd, jenis_sementara, jenis_terdaftar
from dokumen.models import Dokumen, PihakTandaTangan, StatusDokumen
from dokumen.tte import (
    NAMA_CA,
    PERNYATAAN_BSRE,
    AsalSertifikat,
    info_sertifikat,
    pernyataan_tte,
)
from satker.models import Jabatan
from tests.factories import (
    IkuFactory,
    KabKotaFactory,
    KetuaFactory,
    SekretarisFactory,
    ke_status,
    pastikan_kunci_tte,
)

SITE_URL = "https://kinerja.contoh.go.id"
MM_PER_INCI = 25.4
DPI = 150
PIHAK_PERTAMA = PihakTtd(PihakTandaTangan.PENANDATANGAN, Jabatan.SEKRETARIS, "Pihak Pertama,")
PIHAK_KEDUA = PihakTtd(PihakTandaTangan.PENANDATANGAN, Jabatan.KETUA, "Pihak Kedua,")


@pytest.fixture
def terbit(pki_aktif, settings, tmp_path, rak_lebak) -> Dokumen:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = SITE_URL
    pastikan_kunci_tte()
    return ke_status(rak_lebak, StatusDokumen.TERBIT)


def _halaman_terakhir_png(dokumen: Dokumen, folder: Path) -> Path:
    berkas = folder / "terbit.pdf"
    with dokumen.berkas_pdf.open("rb") as isi:
        berkas.write_bytes(isi.read())
    info = subprocess.run(["pdfinfo", str(berkas)], capture_output=True, text=True, check=True)
    terakhir = re.search(r"Pages:\s+(\d+)", info.stdout).group(1)
    awalan = folder / "halaman"
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-f", terakhir, "-l", terakhir, "-singlefile"]
        + [str(berkas), str(awalan)],
        check=True,
    )
    return awalan.with_suffix(".png")


def _pdftotext(dokumen: Dokumen) -> str:
    with dokumen.berkas_pdf.open("rb") as isi:
        hasil = subprocess.run(
            ["pdftotext", "-raw", "-", "-"], input=isi.read(), capture_output=True, check=True
        )
    return " ".join(hasil.stdout.decode().split())


@pytest.mark.django_db
def test_zbarimg_reads_the_verification_url_from_a_150_dpi_render(terbit, tmp_path):
    png = _halaman_terakhir_png(terbit, tmp_path)

    hasil = subprocess.run(
        ["zbarimg", "--xml", "-q", str(png)], capture_output=True, text=True, check=True
    )

    data = re.findall(r"<data><!\[CDATA\[(.*?)\]\]></data>", hasil.stdout, re.S)
    assert data == [f"{SITE_URL}/verifikasi/{terbit.token_verifikasi}/"]
    assert _lebar_qr_mm(png, terbit) >= 20


def _lebar_qr_mm(png: Path, dokumen: Dokumen, batas_kiri: float | None = None) -> float:
    """The printed QR code's width: the dark pixels left of the first signature field (in
    the 40 mm before it, or from `batas_kiri`, in points), at the field's height (the finder
    patterns span the code's full width)."""
    with dokumen.berkas_pdf.open("rb") as isi:
        reader = PdfFileReader(BytesIO(isi.read()))
    x1, y1, _, y2 = (float(n) for n in reader.embedded_signatures[0].sig_field["/Rect"])
    gambar = Image.open(png).convert("L")
    skala = DPI / 72  # PDF points to pixels
    tinggi = gambar.height
    kiri = round((x1 - 40 / MM_PER_INCI * 72 if batas_kiri is None else batas_kiri) * skala) + 2
    potongan = gambar.crop(
        (kiri, round(tinggi - y2 * skala), round(x1 * skala) - 2, round(tinggi - y1 * skala))
    )
    kotak = potongan.point(lambda nilai: 255 if nilai < 128 else 0).getbbox()
    assert kotak is not None, "tidak ada QR di kiri kotak tanda tangan"
    return (kotak[2] - kotak[0]) / DPI * MM_PER_INCI


@pytest.mark.django_db
def test_the_footer_says_a_development_certificate_is_not_for_official_use(terbit):
    teks = _pdftotext(terbit)

    assert (
        f"ditandatangani secara elektronik dengan sertifikat pengembangan ({NAMA_CA}), "
        "bukan untuk penggunaan resmi."
    ) in teks
    assert "BSrE" not in teks
    assert "Balai Sertifikasi Elektronik" not in teks
    assert "dapat dibuktikan keasliannya dengan memindai QR Code" in teks


def _sertifikat(penerbit: list[x509.NameAttribute]) -> asn1_x509.Certificate:
    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    sekarang = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "RAHMAT")]))
        .issuer_name(x509.Name(penerbit))
        .public_key(kunci.public_key())
        .serial_number(0xABC123)
        .not_valid_before(sekarang)
        .not_valid_after(sekarang + datetime.timedelta(days=365))
        .sign(kunci, hashes.SHA256())
    )
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def test_only_a_bsre_issued_certificate_gets_the_bsre_sentence():
    bsre = info_sertifikat(
        _sertifikat(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, "OSD BSrE - RSA"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Badan Siber dan Sandi Negara"),
                x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            ]
        )
    )
    lain = info_sertifikat(
        _sertifikat([x509.NameAttribute(NameOID.COMMON_NAME, "Contoh Komersial CA")])
    )

    assert (bsre.asal, lain.asal) == (AsalSertifikat.BSRE, AsalSertifikat.LAIN)
    assert bsre.nomor_seri == "abc123"
    assert pernyataan_tte([bsre, bsre]) == PERNYATAAN_BSRE
    assert pernyataan_tte([lain]) == (
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik "
        "yang diterbitkan oleh Contoh Komersial CA."
    )
    # Mixed issuers: each named as it names itself, never the BSrE sentence for all.
    assert pernyataan_tte([bsre, lain]).endswith("oleh OSD BSrE - RSA dan Contoh Komersial CA.")


def test_the_development_ca_is_named_as_such(pki_aktif, sekretaris_lebak):
    from dokumen.tte import penandatangan_aktif

    info = penandatangan_aktif().sertifikat(sekretaris_lebak)

    assert info.asal == AsalSertifikat.PENGEMBANGAN
    assert info.nama == sekretaris_lebak.nama
    assert info.nama_penerbit == NAMA_CA
    assert info.berlaku_dari < info.berlaku_sampai
    assert "bukan untuk penggunaan resmi" in pernyataan_tte([info])


@pytest.fixture
def iku_dua_pihak(pki_aktif, settings, tmp_path):
    """A published IKU of a type declared with two parties (as the PK will be)."""
    iku = jenis_terdaftar("IKU")
    dua = dataclasses.replace(iku, pihak_ttd=(PIHAK_PERTAMA, PIHAK_KEDUA))
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = SITE_URL
    with jenis_sementara(dua):
        satker = KabKotaFactory()
        sekretaris = SekretarisFactory(satker=satker, nama="RAHMAT UJI PERTAMA, S.E.")
        KetuaFactory(satker=satker, nama="NI'MATULLAH UJI KEDUA")
        pastikan_kunci_tte()
        yield ke_status(IkuFactory(satker=satker, penandatangan=sekretaris), StatusDokumen.TERBIT)


@pytest.mark.django_db
def test_with_two_parties_the_qr_sits_between_the_boxes_and_reads(iku_dua_pihak, tmp_path):
    png = _halaman_terakhir_png(iku_dua_pihak, tmp_path)
    hasil = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True)
    assert hasil.stdout.split() == [f"{SITE_URL}/verifikasi/{iku_dua_pihak.token_verifikasi}/"]

    with iku_dua_pihak.berkas_pdf.open("rb") as isi:
        reader = PdfFileReader(BytesIO(isi.read()))
    pertama, kedua = ([float(n) for n in t.sig_field["/Rect"]] for t in reader.embedded_signatures)
    # The first party on the right, the second on the left, the QR in the gap between them.
    assert kedua[2] < pertama[0]
    assert 20 <= _lebar_qr_mm(png, iku_dua_pihak, batas_kiri=kedua[2]) <= 25
