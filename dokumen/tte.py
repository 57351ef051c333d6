"""TTE (tanda tangan elektronik): PAdES signatures on the published PDFs, and their check.

Callers use the `Penandatangan` interface through `penandatangan_aktif()`; `settings.TTE_BACKEND`
picks the implementation:
- "lokal": `PenandatanganLokal`, pyHanko with a local key per official — the development PKI
  made by `python manage.py init_pki` under `settings.PKI_DIR`, or one PKCS#12 file
  (`settings.TTE_PKCS12_PATH`, e.g. a BSrE-issued certificate) for every official;
- "bsre" (not built yet): an adapter that posts the PDF to BSrE's `POST /api/sign/pdf` (multipart
  `file`, `nik`, `passphrase`, `tampilan=visible`, `linkQR`=url_verifikasi, `page`/`xAxis`/`yAxis`/
  `width`/`height` from `kotak`, `reason`=alasan, `location`=lokasi) and returns the signed PDF. It
  implements the same `tandatangani` signature, so callers do not change.

The signature is PAdES (SubFilter ETSI.CAdES.detached, SHA-256) added as an incremental update in
a new visible field at the signature box, whose appearance is a QR code pointing at the
verification URL plus the signer's name and the signing time. Level B-B by default; B-T (with an
RFC 3161 timestamp) when `settings.TTE_TIMESTAMP_URL` is set.

`periksa_tanda_tangan` validates the signatures of a PDF against the development CA and/or the
chain in the PKCS#12 file, and never raises on bad input.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from dokumen.kotak import KotakTtd

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

    from satker.models import Pejabat

logger = logging.getLogger(__name__)

NAMA_CA = "KPU Kinerja Development CA"
MASA_BERLAKU_CA = timedelta(days=3653)  # 10 years
MASA_BERLAKU_PEJABAT = timedelta(days=1096)  # 3 years
# RFC 9336 id-kp-documentSigning; emailProtection too, which NSS (pdfsig, Firefox) and Acrobat
# accept for signers.
EKU_DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")

# Bytes reserved for the CMS container: an RSA-2048 signature with a 2-certificate chain is
# about 3 KB; a PKCS#12 chain from a real CA may carry a few more certificates.
CADANGAN_TANDA_TANGAN = 16_384

FONT_STEMPEL = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
TEKS_STEMPEL = "Ditandatangani secara\nelektronik oleh:\n%(signer)s\n%(ts)s"
FORMAT_WAKTU_STEMPEL = "%d-%m-%Y %H:%M:%S %Z"
LEBAR_BARIS_NAMA = 30  # characters; longer names wrap onto more lines of the stamp


PESAN_TIDAK_SIAP = "Tanda tangan elektronik belum dapat dibuat: konfigurasi TTE belum lengkap."


class TteTidakSiap(Exception):
    """Signing is not configured: no key/certificate for this official, or a bad PKCS#12 file.

    The message is for the user (plain Indonesian); `rincian` is for the operator's log only
    (paths, settings, commands), never shown on a page.
    """

    def __init__(self, pesan: str, *, rincian: str = "") -> None:
        super().__init__(pesan)
        self.rincian = rincian


class Penandatangan(Protocol):
    """Signs a rendered PDF on behalf of an official (the interface every TTE backend fits)."""

    def tandatangani(
        self,
        pdf: bytes,
        *,
        pejabat: Pejabat,
        kotak: KotakTtd,
        url_verifikasi: str,
        alasan: str,
        lokasi: str,
    ) -> bytes:
        """Return `pdf` with a PAdES signature added as an incremental update, in a new visible
        field at `kotak` showing a QR code to `url_verifikasi`, the signer's name and time."""
        ...


# --- Key material -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _KunciPenandatangan:
    kunci: asn1_keys.PrivateKeyInfo
    sertifikat: asn1_x509.Certificate
    rantai: tuple[asn1_x509.Certificate, ...]


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(key) -> asn1_keys.PrivateKeyInfo:
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return asn1_keys.PrivateKeyInfo.load(der)


def _pki_dir() -> Path:
    return Path(settings.PKI_DIR)


def _path_pejabat(pki_dir: Path, pk: int) -> tuple[Path, Path]:
    return pki_dir / f"pejabat-{pk}.key", pki_dir / f"pejabat-{pk}.crt"


def _muat_pkcs12(path: str, passphrase: str) -> _KunciPenandatangan:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise TteTidakSiap(
            PESAN_TIDAK_SIAP, rincian=f"PKCS#12 file {path} unreadable: {e.strerror}"
        ) from e
    try:
        key, cert, lainnya = pkcs12.load_key_and_certificates(
            data, passphrase.encode() if passphrase else None
        )
    except ValueError as e:
        raise TteTidakSiap(
            PESAN_TIDAK_SIAP, rincian=f"PKCS#12 file {path}: wrong TTE_PKCS12_PASSPHRASE?"
        ) from e
    if key is None or cert is None:
        raise TteTidakSiap(
            PESAN_TIDAK_SIAP, rincian=f"PKCS#12 file {path} holds no private key and certificate"
        )
    return _KunciPenandatangan(
        kunci=_asn1_key(key),
        sertifikat=_asn1_cert(cert),
        rantai=tuple(_asn1_cert(c) for c in lainnya),
    )


def _muat_lokal(pki_dir: Path, pejabat: Pejabat) -> _KunciPenandatangan:
    path_key, path_crt = _path_pejabat(pki_dir, pejabat.pk)
    path_ca, path_ca_key = pki_dir / "ca.crt", pki_dir / "ca.key"
    if not (path_key.exists() and path_crt.exists() and path_ca.exists()):
        raise TteTidakSiap(
            f"Kunci tanda tangan elektronik untuk {pejabat.nama} belum tersedia.",
            rincian=f"no development key/certificate for official {pejabat.pk} in {pki_dir}; "
            "run `python manage.py init_pki`",
        )
    key = serialization.load_pem_private_key(path_key.read_bytes(), password=None)
    cert = x509.load_pem_x509_certificate(path_crt.read_bytes())
    ca = x509.load_pem_x509_certificate(path_ca.read_bytes())
    if not _sertifikat_sesuai(cert, pejabat) and path_ca_key.exists():
        # The development CA is ours: an official renamed since their certificate was made
        # gets a new one, so the stamp names the same person as the printed signature block.
        ca_key = serialization.load_pem_private_key(path_ca_key.read_bytes(), password=None)
        key, cert = _buat_sertifikat_pejabat(pejabat, ca_key, ca)
        _simpan_kunci(path_key, key)
        _simpan_sertifikat(path_crt, cert)
    return _KunciPenandatangan(
        kunci=_asn1_key(key), sertifikat=_asn1_cert(cert), rantai=(_asn1_cert(ca),)
    )


def _sertifikat_sesuai(cert: x509.Certificate, pejabat: Pejabat) -> bool:
    """Whether a development certificate still names the official as they are now."""
    cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    nip = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    return bool(cn) and cn[0].value == pejabat.nama and (nip[0].value if nip else "") == pejabat.nip


def _akar_tepercaya() -> list[asn1_x509.Certificate]:
    """Trust roots for checking: the development CA (if any) and the PKCS#12 chain (if set)."""
    akar: list[asn1_x509.Certificate] = []
    path_ca = _pki_dir() / "ca.crt"
    with contextlib.suppress(OSError, ValueError):  # no development CA: nothing to add
        akar.append(_asn1_cert(x509.load_pem_x509_certificate(path_ca.read_bytes())))
    if settings.TTE_PKCS12_PATH:
        try:
            akar.extend(
                _muat_pkcs12(settings.TTE_PKCS12_PATH, settings.TTE_PKCS12_PASSPHRASE).rantai
            )
        except TteTidakSiap:
            logger.warning("TTE_PKCS12_PATH diatur tetapi berkasnya tidak dapat dibuka.")
    return akar


# --- Signing ----------------------------------------------------------------------------------


@functools.cache
def _font_stempel_ringkas() -> str:
    """Noto Sans cut down to Latin-1, made once and cached under var/cache/.

    pyHanko subsets the stamp font on every signature; on the full font that alone took
    ~0.7 s, on this cut a few milliseconds.
    """
    from fontTools import subset

    tujuan = Path(settings.VAR_DIR) / "cache" / "stempel-NotoSans-latin1.ttf"
    if not tujuan.exists():
        font = subset.load_font(str(FONT_STEMPEL), subset.Options())
        pemangkas = subset.Subsetter(subset.Options())
        pemangkas.populate(unicodes=range(0x20, 0x100))
        pemangkas.subset(font)
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        sementara = tujuan.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(sementara))
        sementara.replace(tujuan)  # atomic: concurrent workers never read half a file
    return str(tujuan)


def _gaya_stempel():
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import QRStampStyle

    if FONT_STEMPEL.exists():
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

        font = GlyphAccumulatorFactory(_font_stempel_ringkas())
        gaya_teks = TextBoxStyle(font=font, font_size=10)
    else:  # built-in Courier: always available, renders correctly
        gaya_teks = TextBoxStyle(font_size=10)
    return QRStampStyle(
        stamp_text=TEKS_STEMPEL,
        timestamp_format=FORMAT_WAKTU_STEMPEL,
        text_box_style=gaya_teks,
        border_width=1,
        innsep=4,
    )


def _timestamper():
    url = settings.TTE_TIMESTAMP_URL
    if not url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=10)


@dataclass
class PenandatanganLokal(Penandatangan):
    """Signs with pyHanko and a local key: the PKCS#12 file when `TTE_PKCS12_PATH` is set (one
    key for every official), else the official's own key from the development PKI.

    The arguments override the settings (for tests and one-off tools); None means "use settings".
    """

    pki_dir: Path | None = None
    pkcs12_path: str | None = None
    pkcs12_passphrase: str | None = None

    def _kunci(self, pejabat: Pejabat) -> _KunciPenandatangan:
        p12 = settings.TTE_PKCS12_PATH if self.pkcs12_path is None else self.pkcs12_path
        if p12:
            frasa = (
                settings.TTE_PKCS12_PASSPHRASE
                if self.pkcs12_passphrase is None
                else self.pkcs12_passphrase
            )
            return _muat_pkcs12(p12, frasa)
        return _muat_lokal(self.pki_dir or _pki_dir(), pejabat)

    def _signer(self, pejabat: Pejabat) -> SimpleSigner:
        from pyhanko.sign.signers import SimpleSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        bahan = self._kunci(pejabat)
        return SimpleSigner(
            signing_cert=bahan.sertifikat,
            signing_key=bahan.kunci,
            cert_registry=SimpleCertificateStore.from_certs(list(bahan.rantai)),
        )

    def tandatangani(
        self,
        pdf: bytes,
        *,
        pejabat: Pejabat,
        kotak: KotakTtd,
        url_verifikasi: str,
        alasan: str,
        lokasi: str,
    ) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers
        from pyhanko.sign.fields import SigSeedSubFilter

        signer = self._signer(pejabat)
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        nama_field = _nama_field_baru(writer)
        meta = signers.PdfSignatureMetadata(
            field_name=nama_field,
            subfilter=SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=alasan,
            location=lokasi,
        )
        pdf_signer = signers.PdfSigner(
            meta,
            signer=signer,
            timestamper=_timestamper(),
            stamp_style=_gaya_stempel(),
            new_field_spec=fields.SigFieldSpec(nama_field, on_page=kotak.halaman, box=kotak.box),
        )
        # `signer` is the certificate's CN (the key holder: with the development PKI that is
        # `pejabat.nama`), wrapped so a long name with degrees does not shrink the whole stamp;
        # pyHanko fills `ts` with the signing time in the local zone, which is TIME_ZONE (Django
        # sets TZ). `sign_pdf` runs its own event loop: call it from synchronous code.
        nama = textwrap.fill(
            _nama_sertifikat(signer.signing_cert), width=LEBAR_BARIS_NAMA, break_long_words=False
        )
        # A fixed reservation skips pyHanko's trial signature (~80 ms); a timestamp token's
        # size varies, so with a TSA pyHanko estimates it.
        cadangan = None if settings.TTE_TIMESTAMP_URL else CADANGAN_TANDA_TANGAN
        keluaran = pdf_signer.sign_pdf(
            writer,
            bytes_reserved=cadangan,
            appearance_text_params={"url": url_verifikasi, "signer": nama},
        )
        return keluaran.getvalue()


@dataclass(frozen=True)
class IdentitasSertifikat:
    """Who the certificate of a signature names, as kept in the signature record."""

    nama: str
    subjek: str  # the full subject, e.g. "Common Name: …; Organization: …"
    nomor_seri: str  # hexadecimal
    sidik_jari: str  # SHA-256 of the DER certificate, hexadecimal


def identitas_penanda_terakhir(pdf: bytes) -> IdentitasSertifikat:
    """The certificate of the newest signature in a PDF we have just signed."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    cert = PdfFileReader(BytesIO(pdf)).embedded_signatures[-1].signer_cert
    return IdentitasSertifikat(
        nama=_nama_sertifikat(cert),
        subjek=cert.subject.human_friendly,
        nomor_seri=format(cert.serial_number, "x"),
        sidik_jari=cert.sha256.hex(),
    )


def _nama_field_baru(writer) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    ada = {nama for nama, _, _ in enumerate_sig_fields(writer)}
    n = 1
    while f"TTE{n}" in ada:
        n += 1
    return f"TTE{n}"


def penandatangan_aktif() -> Penandatangan:
    """The signer chosen by `settings.TTE_BACKEND`.

    "lokal" → `PenandatanganLokal`. A future "bsre" backend (BSrE's `POST /api/sign/pdf`, see the
    module docstring) would return an adapter implementing the same `Penandatangan` Protocol.
    """
    backend = settings.TTE_BACKEND
    if backend == "lokal":
        return PenandatanganLokal()
    raise ImproperlyConfigured(f"TTE_BACKEND tidak dikenal: {backend!r} (yang tersedia: lokal).")


# --- Checking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilPeriksa:
    """The check of a PDF's signatures.

    `utuh`, `dipercaya` and `valid` hold for every signature in the file; `nama_penandatangan`,
    `waktu` and `mencakup_seluruh` describe the latest one (`mencakup_seluruh` False means
    something was appended after it, which pyHanko's diff policy then judges in `valid`).
    `dapat_diperiksa` False means the file was refused unchecked (too many signatures, fields,
    objects or revisions, or the check ran out of time or memory); `alasan` says why.
    """

    ada_tanda_tangan: bool
    utuh: bool = False
    dipercaya: bool = False
    valid: bool = False
    nama_penandatangan: str = ""
    waktu: datetime | None = None
    mencakup_seluruh: bool = False
    dapat_diperiksa: bool = True
    alasan: str = ""


TIDAK_ADA = HasilPeriksa(ada_tanda_tangan=False)


@dataclass(frozen=True)
class BatasPeriksa:
    """How much of a PDF the check looks at before refusing it unchecked (issue 10).

    A crafted file listing one signature field 10,000 times made pyHanko validate it 10,000
    times; these caps are counted cheaply from the cross-reference tables and the form tree
    before any signature is validated. Our own PDFs have 1 signature, 1-2 revisions, one field
    and a few hundred objects.
    """

    tanda_tangan: int = 10
    field: int = 200
    objek: int = 50_000
    revisi: int = 20

    @classmethod
    def dari_settings(cls) -> BatasPeriksa:
        return cls(
            tanda_tangan=settings.VERIFIKASI_MAKS_TANDA_TANGAN,
            field=settings.VERIFIKASI_MAKS_FIELD,
            objek=settings.VERIFIKASI_MAKS_OBJEK,
            revisi=settings.VERIFIKASI_MAKS_REVISI,
        )


class BerkasTerlaluRumit(Exception):
    """The PDF exceeds a `BatasPeriksa` cap; the message (Indonesian) says which."""


def tidak_dapat_diperiksa(alasan: str) -> HasilPeriksa:
    return HasilPeriksa(ada_tanda_tangan=False, dapat_diperiksa=False, alasan=alasan)


def periksa_tanda_tangan(pdf: bytes) -> HasilPeriksa:
    """Validate every signature in `pdf`; never raises (bad input → no signature, not valid).

    In-process and unbounded in time: the public upload goes through
    `dokumen.periksa_terbatas`, which runs `periksa_dengan` in a child with limits.
    """
    hasil = periksa_dengan(pdf, akar=_akar_tepercaya(), batas=BatasPeriksa.dari_settings())
    return dalam_waktu_lokal(hasil)


def dalam_waktu_lokal(hasil: HasilPeriksa) -> HasilPeriksa:
    from dataclasses import replace

    if hasil.waktu is None:
        return hasil
    return replace(hasil, waktu=timezone.localtime(hasil.waktu))


def periksa_dengan(
    pdf: bytes, *, akar: list[asn1_x509.Certificate], batas: BatasPeriksa
) -> HasilPeriksa:
    """`periksa_tanda_tangan` with explicit trust roots and caps, reading no Django settings
    (so a bare child process can run it); `waktu` stays in UTC."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        ukur_berkas(reader, batas)
        tanda_tangan = list(reader.embedded_signatures)
    except BerkasTerlaluRumit as e:
        return tidak_dapat_diperiksa(str(e))
    except MemoryError:  # the child's memory limit: not "no signature", the check stopped
        raise
    except Exception:  # any unreadable input is "no signature", by contract
        logger.info("PDF tidak dapat dibaca untuk pemeriksaan tanda tangan.", exc_info=True)
        return TIDAK_ADA
    if not tanda_tangan:
        return TIDAK_ADA
    if len(tanda_tangan) > batas.tanda_tangan:
        return tidak_dapat_diperiksa(
            f"Berkas memuat {len(tanda_tangan)} tanda tangan; paling banyak {batas.tanda_tangan} "
            "yang diperiksa."
        )
    return _periksa_semua(tanda_tangan, akar)


def ukur_berkas(reader, batas: BatasPeriksa) -> None:
    """Count revisions, objects and form fields without validating anything; raise
    `BerkasTerlaluRumit` past a cap. Each field node counts once per time it is listed, so a
    field listed 10,000 times counts 10,000."""
    from pyhanko.pdf_utils import generic

    xrefs = reader.xrefs
    if xrefs.total_revisions > batas.revisi:
        raise BerkasTerlaluRumit(
            f"Berkas memuat {xrefs.total_revisions} revisi; paling banyak {batas.revisi}."
        )
    objek = sum(len(xrefs.explicit_refs_in_revision(r)) for r in range(xrefs.total_revisions))
    if objek > batas.objek:
        raise BerkasTerlaluRumit(f"Berkas memuat {objek} objek; paling banyak {batas.objek}.")
    form = reader.root.get("/AcroForm")
    if form is None:
        return
    antrean: list = []
    dilihat = 0

    def tambah(daftar) -> None:
        # Lengths first: a /Fields of a million entries is refused before it is walked.
        nonlocal dilihat
        if not isinstance(daftar, generic.ArrayObject):
            return
        dilihat += len(daftar)
        if dilihat > batas.field:
            raise BerkasTerlaluRumit(
                f"Berkas memuat lebih dari {batas.field} isian formulir (field)."
            )
        antrean.extend(daftar.raw_get(i) for i in range(len(daftar)))

    tambah(form.get_object().get("/Fields"))
    while antrean:
        simpul = antrean.pop().get_object()
        if isinstance(simpul, generic.DictionaryObject):
            tambah(simpul.get("/Kids"))


def _periksa_semua(tanda_tangan, akar: list[asn1_x509.Certificate]) -> HasilPeriksa:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    hasil = []
    for sig in tanda_tangan:
        # Offline: no OCSP/CRL fetching; revocation is soft-fail (B-B signatures carry none).
        vc = ValidationContext(trust_roots=akar, allow_fetching=False)
        try:
            hasil.append(validate_pdf_signature(sig, vc))
        except MemoryError:
            raise
        except Exception:  # a malformed signature is simply not valid
            logger.info("Tanda tangan tidak dapat divalidasi.", exc_info=True)
            hasil.append(None)
    terakhir = hasil[-1]
    nama, waktu, seluruh = "", None, False
    if terakhir is not None:
        nama = _nama_sertifikat(terakhir.signing_cert)
        waktu = terakhir.signer_reported_dt
        seluruh = terakhir.coverage == SignatureCoverageLevel.ENTIRE_FILE
    return HasilPeriksa(
        ada_tanda_tangan=True,
        utuh=all(h is not None and h.intact for h in hasil),
        dipercaya=all(h is not None and h.trusted for h in hasil),
        valid=all(h is not None and h.bottom_line for h in hasil),
        nama_penandatangan=nama,
        waktu=waktu,
        mencakup_seluruh=seluruh,
    )


def _nama_sertifikat(cert: asn1_x509.Certificate) -> str:
    subjek = cert.subject.native
    return subjek.get("common_name") or subjek.get("organization_name") or ""


# --- Development PKI --------------------------------------------------------------------------


@dataclass
class HasilInitPki:
    dibuat: list[Path] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)


def _tulis(path: Path, data: bytes, mode: int) -> None:
    """Write `data` to `path` with `mode` from the start (never world-readable, even briefly)."""
    sementara = path.with_name(path.name + ".tmp")
    sementara.unlink(missing_ok=True)
    fd = os.open(sementara, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(sementara, path)


def _simpan_kunci(path: Path, key) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _tulis(path, pem, 0o600)


def _simpan_sertifikat(path: Path, cert: x509.Certificate) -> None:
    _tulis(path, cert.public_bytes(serialization.Encoding.PEM), 0o644)


def _buat_kunci():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _buat_ca(pki_dir: Path) -> tuple[object, x509.Certificate]:
    key = _buat_kunci()
    nama = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, NAMA_CA),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Komisi Pemilihan Umum"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    sekarang = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(nama)
        .issuer_name(nama)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - timedelta(minutes=5))
        .not_valid_after(sekarang + MASA_BERLAKU_CA)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    _simpan_kunci(pki_dir / "ca.key", key)
    _simpan_sertifikat(pki_dir / "ca.crt", cert)
    return key, cert


def _buat_sertifikat_pejabat(pejabat: Pejabat, ca_key, ca_cert: x509.Certificate):
    key = _buat_kunci()
    atribut = [
        x509.NameAttribute(NameOID.COMMON_NAME, pejabat.nama),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, pejabat.satker.nama_lengkap),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
    ]
    if pejabat.nip:
        atribut.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, pejabat.nip))
    sekarang = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(atribut))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - timedelta(minutes=5))
        .not_valid_after(sekarang + MASA_BERLAKU_PEJABAT)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([EKU_DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def init_pki(pki_dir: Path | None = None, *, paksa: bool = False) -> HasilInitPki:
    """Create the development CA and a key + certificate for every official that has none.

    Idempotent: existing files are kept unless `paksa`. A new CA re-issues every official's
    certificate (the old ones would not chain to it). Keys are written with mode 0600.
    """
    from satker.models import Pejabat

    pki_dir = Path(pki_dir or _pki_dir())
    pki_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    hasil = HasilInitPki()

    path_ca_key, path_ca_crt = pki_dir / "ca.key", pki_dir / "ca.crt"
    ca_baru = paksa or not (path_ca_key.exists() and path_ca_crt.exists())
    if ca_baru:
        ca_key, ca_cert = _buat_ca(pki_dir)
        hasil.dibuat += [path_ca_key, path_ca_crt]
    else:
        ca_key = serialization.load_pem_private_key(path_ca_key.read_bytes(), password=None)
        ca_cert = x509.load_pem_x509_certificate(path_ca_crt.read_bytes())

    for pejabat in Pejabat.objects.select_related("satker").order_by("pk"):
        path_key, path_crt = _path_pejabat(pki_dir, pejabat.pk)
        if not ca_baru and path_key.exists() and path_crt.exists():
            cert = x509.load_pem_x509_certificate(path_crt.read_bytes())
            cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
            if not cn or cn[0].value != pejabat.nama:
                hasil.peringatan.append(
                    f"{path_crt.name}: nama pada sertifikat berbeda dengan {pejabat.nama!r}; "
                    "jalankan dengan --paksa untuk menerbitkan ulang."
                )
            continue
        key, cert = _buat_sertifikat_pejabat(pejabat, ca_key, ca_cert)
        _simpan_kunci(path_key, key)
        _simpan_sertifikat(path_crt, cert)
        hasil.dibuat += [path_key, path_crt]
    return hasil
