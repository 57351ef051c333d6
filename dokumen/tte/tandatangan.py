"""Signing: the `Penandatangan` interface, its pyHanko implementation, and signing a rendered PDF
by several parties in order.

Each signature is PAdES (SubFilter ETSI.CAdES.detached, SHA-256), an approval signature (no
DocMDP certification, so nothing forbids the next party's signature) added as an incremental
update in a new visible field "TTE<n>" at that party's signature box. Its appearance is the
signer's name and the signing time; the QR code to the verification URL is printed on the page
beside the first party's box (templates/pdf/), part of the signed content and large enough to
scan. Level B-B
by default; B-T (with an RFC 3161 timestamp) when `settings.TTE_TIMESTAMP_URL` is set.
"""

from __future__ import annotations

import functools
import os
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from dokumen.kotak import KotakTtd
from dokumen.tte.kunci import (
    KunciPenandatangan,
    muat_lokal,
    muat_pkcs12,
    nama_dibaca,
    nama_sertifikat,
)
from dokumen.tte.pki import folder_pki
from dokumen.tte.sertifikat import InfoSertifikat, info_sertifikat

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

    from satker.models import Pejabat

# Bytes reserved for the CMS container: an RSA-2048 signature with a 2-certificate chain is
# about 3 KB; a PKCS#12 chain from a real CA may carry a few more certificates.
CADANGAN_TANDA_TANGAN = 16_384

FONT_STEMPEL = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
TEKS_STEMPEL = "Ditandatangani secara\nelektronik oleh:\n%(signer)s\n%(ts)s"
FORMAT_WAKTU_STEMPEL = "%d-%m-%Y %H:%M:%S %Z"
# Small enough that a 30-character line fits the box unshrunk: stamps side by side match.
UKURAN_HURUF_STEMPEL = 8
LEBAR_BARIS_NAMA = 30  # characters; longer names wrap onto more lines of the stamp


class Penandatangan(Protocol):
    """Signs a rendered PDF on behalf of an official (the interface every TTE backend fits)."""

    def sertifikat(self, pejabat: Pejabat) -> InfoSertifikat:
        """The certificate `pejabat` will sign with (shown before signing, named in the
        footer); raises `TteTidakSiap` when there is none."""
        ...

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
        field at `kotak` showing the signer's name and time. `url_verifikasi` is the link the
        page's QR code holds (BSrE's API takes it as `linkQR`)."""
        ...


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
    from pyhanko.stamp import TextStampStyle

    if FONT_STEMPEL.exists():
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

        font = GlyphAccumulatorFactory(_font_stempel_ringkas())
        gaya_teks = TextBoxStyle(font=font, font_size=UKURAN_HURUF_STEMPEL)
    else:  # built-in Courier: always available, renders correctly
        gaya_teks = TextBoxStyle(font_size=UKURAN_HURUF_STEMPEL)
    from pyhanko.pdf_utils.layout import AxisAlignment, InnerScaling, SimpleBoxLayoutRule

    return TextStampStyle(
        stamp_text=TEKS_STEMPEL,
        timestamp_format=FORMAT_WAKTU_STEMPEL,
        text_box_style=gaya_teks,
        border_width=1,
        # The text keeps its size, shrunk only when it would not fit: side by side, a short
        # name's stamp no longer prints larger than a long one's (pyHanko stretches by default).
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            inner_content_scaling=InnerScaling.SHRINK_TO_FIT,
        ),
    )


# asn1crypto's names of RSA PKCS#1 v1.5 signature algorithms (pyHanko's "rsassa_pkcs1v15").
_RSA_PKCS1 = frozenset(
    {"rsassa_pkcs1v15", "sha1_rsa", "sha224_rsa", "sha256_rsa", "sha384_rsa", "sha512_rsa"}
)


@functools.cache
def _signer_kunci_termuat() -> type[SimpleSigner]:
    """pyHanko's SimpleSigner, signing RSA PKCS#1 v1.5 (our keys' mechanism) with the key
    object already loaded: SimpleSigner parses its key from DER again on every signature,
    with OpenSSL's RSA check, ~50 ms each. Any other mechanism goes to pyHanko unchanged.
    (A class made on first use: pyHanko is imported lazily, as everywhere in this module.)"""
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.sign.general import get_pyca_cryptography_hash
    from pyhanko.sign.signers import SimpleSigner

    class SignerKunciTermuat(SimpleSigner):
        def __init__(self, *, kunci_termuat, **kwargs) -> None:
            super().__init__(**kwargs)
            self.kunci_termuat = kunci_termuat

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mekanisme = self.get_signature_mechanism_for_digest(digest_algorithm)
            if (
                isinstance(self.kunci_termuat, RSAPrivateKey)
                and mekanisme["algorithm"].native in _RSA_PKCS1
            ):
                hash_algo = get_pyca_cryptography_hash(digest_algorithm)
                return self.kunci_termuat.sign(data, PKCS1v15(), hash_algo)
            return super().sign_raw(data, digest_algorithm)

    return SignerKunciTermuat


def timestamper():
    """The RFC 3161 timestamp client when `settings.TTE_TIMESTAMP_URL` is set, else None."""
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

    def _kunci(self, pejabat: Pejabat) -> KunciPenandatangan:
        p12 = settings.TTE_PKCS12_PATH if self.pkcs12_path is None else self.pkcs12_path
        if p12:
            frasa = (
                settings.TTE_PKCS12_PASSPHRASE
                if self.pkcs12_passphrase is None
                else self.pkcs12_passphrase
            )
            return muat_pkcs12(p12, frasa)
        return muat_lokal(self.pki_dir or folder_pki(), pejabat)

    def sertifikat(self, pejabat: Pejabat) -> InfoSertifikat:
        return info_sertifikat(self._kunci(pejabat).sertifikat)

    def _signer(self, pejabat: Pejabat) -> SimpleSigner:
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        bahan = self._kunci(pejabat)
        return _signer_kunci_termuat()(
            kunci_termuat=bahan.kunci_termuat,
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
        nama_field = nama_field_baru(writer)
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
            timestamper=timestamper(),
            stamp_style=_gaya_stempel(),
            new_field_spec=fields.SigFieldSpec(nama_field, on_page=kotak.halaman, box=kotak.box),
        )
        # `signer` is the certificate's CN (the key holder: with the development PKI that is
        # `pejabat.nama`), wrapped so a long name with degrees does not shrink the whole stamp;
        # pyHanko fills `ts` with the signing time in the local zone, which is TIME_ZONE (Django
        # sets TZ). `sign_pdf` runs its own event loop: call it from synchronous code.
        nama = textwrap.fill(
            nama_sertifikat(signer.signing_cert), width=LEBAR_BARIS_NAMA, break_long_words=False
        )
        # A fixed reservation skips pyHanko's trial signature (~80 ms); a timestamp token's
        # size varies, so with a TSA pyHanko estimates it.
        cadangan = None if settings.TTE_TIMESTAMP_URL else CADANGAN_TANDA_TANGAN
        keluaran = pdf_signer.sign_pdf(
            writer,
            bytes_reserved=cadangan,
            appearance_text_params={"signer": nama},
        )
        return keluaran.getvalue()


@dataclass(frozen=True)
class IdentitasSertifikat:
    """Who the certificate of a signature names, as kept in the signature record."""

    nama: str
    subjek: str  # the full subject, e.g. "Nama: …; Organisasi: …"
    nomor_seri: str  # hexadecimal
    sidik_jari: str  # SHA-256 of the DER certificate, hexadecimal


def identitas_sertifikat(cert) -> IdentitasSertifikat:
    """The identity of an asn1crypto certificate, as the signature record keeps it."""
    return IdentitasSertifikat(
        nama=nama_sertifikat(cert),
        subjek=nama_dibaca(cert.subject),
        nomor_seri=format(cert.serial_number, "x"),
        sidik_jari=cert.sha256.hex(),
    )


# A signature dictionary's CMS container, hex between angle brackets.
_ISI_TANDA_TANGAN = re.compile(rb"/Contents\s*<([0-9A-Fa-f]+)>")


def identitas_penanda_terakhir(pdf: bytes) -> IdentitasSertifikat:
    """The certificate of the newest signature in a PDF we have just signed.

    Read from the file's last signature container (each signature is an incremental update
    appended after the ones before), not through pyHanko's reader, which parses the whole
    file and every container's hex character by character: ~80 ms a signature. Anything
    unexpected falls back to the reader."""
    from asn1crypto import cms
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import extract_certificate_info

    wadah = [cocok[1] for cocok in _ISI_TANDA_TANGAN.finditer(pdf)]
    try:
        isi = cms.ContentInfo.load(bytes.fromhex(wadah[-1].decode()), strict=False)
        return identitas_sertifikat(extract_certificate_info(isi["content"]).signer_cert)
    except (IndexError, TypeError, ValueError, KeyError):
        reader = PdfFileReader(BytesIO(pdf))
        return identitas_sertifikat(reader.embedded_signatures[-1].signer_cert)


def nama_field_baru(writer) -> str:
    """The first free field name "TTE1", "TTE2", … in the PDF being written."""
    from pyhanko.sign.fields import enumerate_sig_fields

    ada = {nama for nama, _, _ in enumerate_sig_fields(writer)}
    n = 1
    while f"TTE{n}" in ada:
        n += 1
    return f"TTE{n}"


@dataclass(frozen=True)
class TandaTanganDibuat:
    """One signature just added by `tandatangani_berurutan`: when, and by which certificate."""

    waktu: datetime
    sertifikat: IdentitasSertifikat


def tandatangani_berurutan(
    pdf: bytes,
    *,
    penandatangan: Penandatangan,
    pihak: Sequence[tuple[Pejabat, KotakTtd]],
    url_verifikasi: str,
    alasan: str,
    lokasi: str,
) -> tuple[bytes, list[TandaTanganDibuat]]:
    """Sign the rendered `pdf` once per party, in order: each signature an incremental update
    over the one before, by that party's own key, at that party's box (fields TTE1, TTE2, …).

    Returns the signed PDF and, per party, the signing time and the certificate used. Raises
    `TteTidakSiap` (nothing signed is kept) when a party has no key.
    """
    dibuat = []
    for pejabat, kotak in pihak:
        waktu = timezone.now()
        pdf = penandatangan.tandatangani(
            pdf,
            pejabat=pejabat,
            kotak=kotak,
            url_verifikasi=url_verifikasi,
            alasan=alasan,
            lokasi=lokasi,
        )
        dibuat.append(TandaTanganDibuat(waktu, identitas_penanda_terakhir(pdf)))
    return pdf, dibuat


def penandatangan_aktif() -> Penandatangan:
    """The signer chosen by `settings.TTE_BACKEND`.

    "lokal" → `PenandatanganLokal`. A future "bsre" backend (BSrE's `POST /api/sign/pdf`, see
    `dokumen.tte`) would return an adapter implementing the same `Penandatangan` Protocol.
    """
    backend = settings.TTE_BACKEND
    if backend == "lokal":
        return PenandatanganLokal()
    raise ImproperlyConfigured(f"TTE_BACKEND tidak dikenal: {backend!r} (yang tersedia: lokal).")
