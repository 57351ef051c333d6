"""Key material for signing and trust roots for checking: the official's development key, or
the one PKCS#12 file (`settings.TTE_PKCS12_PATH`) every official signs with."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings

from dokumen.tte.pki import (
    buat_sertifikat_pejabat,
    folder_pki,
    path_pejabat,
    simpan_kunci,
    simpan_sertifikat,
)

if TYPE_CHECKING:
    from satker.models import Pejabat

logger = logging.getLogger(__name__)

PESAN_TIDAK_SIAP = "Tanda tangan elektronik belum dapat dibuat: konfigurasi TTE belum lengkap."


class TteTidakSiap(Exception):
    """Signing is not configured: no key/certificate for this official, or a bad PKCS#12 file.

    The message is for the user (plain Indonesian); `rincian` is for the operator's log only
    (paths, settings, commands), never shown on a page.
    """

    def __init__(self, pesan: str, *, rincian: str = "") -> None:
        super().__init__(pesan)
        self.rincian = rincian


@dataclass(frozen=True)
class KunciPenandatangan:
    kunci: asn1_keys.PrivateKeyInfo
    sertifikat: asn1_x509.Certificate
    rantai: tuple[asn1_x509.Certificate, ...]
    # The same key as loaded, so signing need not parse `kunci` again (pyHanko would).
    kunci_termuat: PrivateKeyTypes


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(key) -> asn1_keys.PrivateKeyInfo:
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return asn1_keys.PrivateKeyInfo.load(der)


def muat_pkcs12(path: str, passphrase: str) -> KunciPenandatangan:
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
    return KunciPenandatangan(
        kunci=_asn1_key(key),
        sertifikat=_asn1_cert(cert),
        rantai=tuple(_asn1_cert(c) for c in lainnya),
        kunci_termuat=key,
    )


def muat_lokal(folder: Path, pejabat: Pejabat) -> KunciPenandatangan:
    """`pejabat`'s key and certificate from the development PKI in `folder`."""
    path_key, path_crt = path_pejabat(folder, pejabat.pk)
    path_ca, path_ca_key = folder / "ca.crt", folder / "ca.key"
    if not (path_key.exists() and path_crt.exists() and path_ca.exists()):
        raise TteTidakSiap(
            f"Kunci tanda tangan elektronik untuk {pejabat.nama} belum tersedia.",
            rincian=f"no development key/certificate for official {pejabat.pk} in {folder}; "
            "run `python manage.py init_pki`",
        )
    # The development PKI's keys are ours (init_pki wrote them): skipping OpenSSL's RSA key
    # check saves ~50 ms a signature; whoever could plant a key there could sign anyway.
    key = serialization.load_pem_private_key(
        path_key.read_bytes(), password=None, unsafe_skip_rsa_key_validation=True
    )
    cert = x509.load_pem_x509_certificate(path_crt.read_bytes())
    ca = x509.load_pem_x509_certificate(path_ca.read_bytes())
    if not _sertifikat_sesuai(cert, pejabat) and path_ca_key.exists():
        # The development CA is ours: an official renamed since their certificate was made
        # gets a new one, so the stamp names the same person as the printed signature block.
        ca_key = serialization.load_pem_private_key(path_ca_key.read_bytes(), password=None)
        key, cert = buat_sertifikat_pejabat(pejabat, ca_key, ca)
        simpan_kunci(path_key, key)
        simpan_sertifikat(path_crt, cert)
    return KunciPenandatangan(
        kunci=_asn1_key(key),
        sertifikat=_asn1_cert(cert),
        rantai=(_asn1_cert(ca),),
        kunci_termuat=key,
    )


def _sertifikat_sesuai(cert: x509.Certificate, pejabat: Pejabat) -> bool:
    """Whether a development certificate still names the official as they are now."""
    cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    nip = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    return bool(cn) and cn[0].value == pejabat.nama and (nip[0].value if nip else "") == pejabat.nip


def akar_tepercaya() -> list[asn1_x509.Certificate]:
    """Trust roots for checking: the development CA (if any) and the PKCS#12 chain (if set)."""
    akar: list[asn1_x509.Certificate] = []
    path_ca = folder_pki() / "ca.crt"
    with contextlib.suppress(OSError, ValueError):  # no development CA: nothing to add
        akar.append(_asn1_cert(x509.load_pem_x509_certificate(path_ca.read_bytes())))
    if settings.TTE_PKCS12_PATH:
        try:
            akar.extend(
                muat_pkcs12(settings.TTE_PKCS12_PATH, settings.TTE_PKCS12_PASSPHRASE).rantai
            )
        except TteTidakSiap:
            logger.warning("TTE_PKCS12_PATH diatur tetapi berkasnya tidak dapat dibuka.")
    return akar


# The attributes of a certificate's subject or issuer, as an Indonesian reader knows them.
LABEL_ATRIBUT = {
    "common_name": "Nama",
    "serial_number": "Nomor identitas",
    "organization_name": "Organisasi",
    "organizational_unit_name": "Unit organisasi",
    "locality_name": "Kota",
    "state_or_province_name": "Provinsi",
    "country_name": "Negara",
    "email_address": "Surel",
    "title": "Jabatan",
}


def nama_dibaca(nama: asn1_x509.Name) -> str:
    """A subject or issuer in Indonesian words: "Nama: …; Organisasi: …; Negara: ID"."""
    return "; ".join(
        f"{LABEL_ATRIBUT.get(kunci, kunci.replace('_', ' '))}: {nilai}"
        for kunci, nilai in nama.native.items()
    )


def nama_sertifikat(cert: asn1_x509.Certificate) -> str:
    """Whom a certificate names: its common name, else its organisation."""
    subjek = cert.subject.native
    return subjek.get("common_name") or subjek.get("organization_name") or ""
