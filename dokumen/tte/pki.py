"""The development PKI: a local CA and a key + certificate per official (`init_pki`).

Made by `python manage.py init_pki` under `settings.PKI_DIR`: `ca.key`/`ca.crt`, and
`pejabat-<pk>.key`/`.crt` for every official. For development and CI only; production signs with
a PKCS#12 file or (later) BSrE.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
from django.conf import settings

if TYPE_CHECKING:
    from satker.models import Pejabat

NAMA_CA = "KPU Kinerja Development CA"
MASA_BERLAKU_CA = timedelta(days=3653)  # 10 years
MASA_BERLAKU_PEJABAT = timedelta(days=1096)  # 3 years
# RFC 9336 id-kp-documentSigning; emailProtection too, which NSS (pdfsig, Firefox) and Acrobat
# accept for signers.
EKU_DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")


def folder_pki() -> Path:
    """`settings.PKI_DIR`, the development PKI's folder."""
    return Path(settings.PKI_DIR)


def path_pejabat(folder: Path, pk: int) -> tuple[Path, Path]:
    """The key and certificate files of official `pk` in the development PKI `folder`."""
    return folder / f"pejabat-{pk}.key", folder / f"pejabat-{pk}.crt"


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


def simpan_kunci(path: Path, key) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _tulis(path, pem, 0o600)


def simpan_sertifikat(path: Path, cert: x509.Certificate) -> None:
    _tulis(path, cert.public_bytes(serialization.Encoding.PEM), 0o644)


def _buat_kunci():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _buat_ca(folder: Path) -> tuple[object, x509.Certificate]:
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
    simpan_kunci(folder / "ca.key", key)
    simpan_sertifikat(folder / "ca.crt", cert)
    return key, cert


def buat_sertifikat_pejabat(pejabat: Pejabat, ca_key, ca_cert: x509.Certificate):
    """A new key and a certificate for `pejabat` (CN = name, serialNumber = NIP) from the CA."""
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

    folder = Path(pki_dir or folder_pki())
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    hasil = HasilInitPki()

    path_ca_key, path_ca_crt = folder / "ca.key", folder / "ca.crt"
    ca_baru = paksa or not (path_ca_key.exists() and path_ca_crt.exists())
    if ca_baru:
        ca_key, ca_cert = _buat_ca(folder)
        hasil.dibuat += [path_ca_key, path_ca_crt]
    else:
        ca_key = serialization.load_pem_private_key(path_ca_key.read_bytes(), password=None)
        ca_cert = x509.load_pem_x509_certificate(path_ca_crt.read_bytes())

    for pejabat in Pejabat.objects.select_related("satker").order_by("pk"):
        path_key, path_crt = path_pejabat(folder, pejabat.pk)
        if not ca_baru and path_key.exists() and path_crt.exists():
            cert = x509.load_pem_x509_certificate(path_crt.read_bytes())
            cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
            if not cn or cn[0].value != pejabat.nama:
                hasil.peringatan.append(
                    f"{path_crt.name}: nama pada sertifikat berbeda dengan {pejabat.nama!r}; "
                    "jalankan dengan --paksa untuk menerbitkan ulang."
                )
            continue
        key, cert = buat_sertifikat_pejabat(pejabat, ca_key, ca_cert)
        simpan_kunci(path_key, key)
        simpan_sertifikat(path_crt, cert)
        hasil.dibuat += [path_key, path_crt]
    return hasil
