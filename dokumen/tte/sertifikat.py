"""The certificate a party signs with, as the signing page shows it and the PDF footer names
its issuer: the BSrE sentence only for a BSrE-issued certificate, and the development CA said
plainly to be not for official use."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509 as asn1_x509

from dokumen.tte.kunci import nama_dibaca, nama_sertifikat
from dokumen.tte.pki import NAMA_CA

# How a BSrE issuing CA names itself: its agency (BSSN) or the Balai's name [recalled; the
# exact issuer names of BSrE's CAs are not verified here].
PENANDA_BSRE = ("badan siber dan sandi negara", "balai sertifikasi elektronik", "bsre")

PERNYATAAN_BSRE = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
    "diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN."
)


class AsalSertifikat(enum.StrEnum):
    BSRE = "BSRE"
    PENGEMBANGAN = "PENGEMBANGAN"  # the development CA of `init_pki`
    LAIN = "LAIN"  # another CA, e.g. a PKCS#12 from elsewhere


@dataclass(frozen=True)
class InfoSertifikat:
    """One signing certificate as people read it."""

    nama: str  # whom it names (CN, else O)
    subjek: str
    penerbit: str  # the issuer's full name
    nama_penerbit: str  # the issuer's CN, else its O
    nomor_seri: str  # hexadecimal, as the signature record keeps it
    berlaku_dari: datetime
    berlaku_sampai: datetime
    asal: AsalSertifikat


def _asal(penerbit: dict) -> AsalSertifikat:
    if penerbit.get("common_name") == NAMA_CA:
        return AsalSertifikat.PENGEMBANGAN
    nama = " ".join(
        str(penerbit.get(kunci, ""))
        for kunci in ("common_name", "organization_name", "organizational_unit_name")
    ).lower()
    if any(penanda in nama for penanda in PENANDA_BSRE):
        return AsalSertifikat.BSRE
    return AsalSertifikat.LAIN


def info_sertifikat(cert: asn1_x509.Certificate) -> InfoSertifikat:
    penerbit = cert.issuer.native
    masa = cert["tbs_certificate"]["validity"]
    return InfoSertifikat(
        nama=nama_sertifikat(cert),
        subjek=nama_dibaca(cert.subject),
        penerbit=nama_dibaca(cert.issuer),
        nama_penerbit=penerbit.get("common_name") or penerbit.get("organization_name") or "",
        nomor_seri=format(cert.serial_number, "x"),
        berlaku_dari=masa["not_before"].native,
        berlaku_sampai=masa["not_after"].native,
        asal=_asal(penerbit),
    )


def pernyataan_tte(sertifikat: Sequence[InfoSertifikat]) -> str:
    """The footer's sentence on who issued the certificates the parties sign with."""
    if not sertifikat:
        raise ValueError("pernyataan TTE memerlukan sertifikat setiap pihak")
    asal = {s.asal for s in sertifikat}
    if AsalSertifikat.PENGEMBANGAN in asal:
        return (
            "Dokumen ini ditandatangani secara elektronik dengan sertifikat pengembangan "
            f"({NAMA_CA}), bukan untuk penggunaan resmi."
        )
    if asal == {AsalSertifikat.BSRE}:
        return PERNYATAAN_BSRE
    penerbit = " dan ".join(dict.fromkeys(s.nama_penerbit or s.penerbit for s in sertifikat))
    return (
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik "
        f"yang diterbitkan oleh {penerbit}."
    )
