"""Checking the signatures of a PDF; never raises on bad input.

`periksa_tanda_tangan` validates every signature against the development CA and/or the chain
in the PKCS#12 file; `periksa_dengan` is the same with explicit trust roots and caps, reading no
Django settings, for the bounded child of `dokumen.periksa_terbatas` (which passes its answer
back as JSON: `ke_json`/`dari_json`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from django.utils import timezone

from dokumen.tte.batas import BatasPeriksa, BerkasTerlaluRumit, ukur_berkas
from dokumen.tte.kunci import akar_tepercaya, nama_sertifikat

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TandaTanganTerperiksa:
    """One signature of a checked PDF, in signing order."""

    nama: str  # whom the certificate names ("" when the signature could not be read)
    sidik_jari: str  # SHA-256 of the signer's certificate, hexadecimal
    waktu: datetime | None  # the signing time the signer reported
    valid: bool


@dataclass(frozen=True)
class HasilPeriksa:
    """The check of a PDF's signatures.

    `utuh`, `dipercaya` and `valid` hold for every signature in the file; `tanda_tangan` lists
    each one in signing order; `nama_penandatangan`, `waktu` and `mencakup_seluruh` describe
    the latest one (`mencakup_seluruh` False means something was appended after it, which
    pyHanko's diff policy then judges in `valid`; an earlier signature of a document signed by
    several parties never covers the whole file, and is valid when what followed it is only the
    next signatures).
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
    tanda_tangan: tuple[TandaTanganTerperiksa, ...] = ()


TIDAK_ADA = HasilPeriksa(ada_tanda_tangan=False)


def tidak_dapat_diperiksa(alasan: str) -> HasilPeriksa:
    return HasilPeriksa(ada_tanda_tangan=False, dapat_diperiksa=False, alasan=alasan)


def periksa_tanda_tangan(pdf: bytes) -> HasilPeriksa:
    """Validate every signature in `pdf`; never raises (bad input → no signature, not valid).

    In-process and unbounded in time: the public upload goes through
    `dokumen.periksa_terbatas`, which runs `periksa_dengan` in a child with limits.
    """
    hasil = periksa_dengan(pdf, akar=akar_tepercaya(), batas=BatasPeriksa.dari_settings())
    return dalam_waktu_lokal(hasil)


def dalam_waktu_lokal(hasil: HasilPeriksa) -> HasilPeriksa:
    """`hasil` with its times in the local zone (TIME_ZONE)."""

    def lokal(waktu: datetime | None) -> datetime | None:
        return None if waktu is None else timezone.localtime(waktu)

    return replace(
        hasil,
        waktu=lokal(hasil.waktu),
        tanda_tangan=tuple(replace(t, waktu=lokal(t.waktu)) for t in hasil.tanda_tangan),
    )


def periksa_dengan(
    pdf: bytes, *, akar: list[asn1_x509.Certificate], batas: BatasPeriksa
) -> HasilPeriksa:
    """`periksa_tanda_tangan` with explicit trust roots and caps, reading no Django settings
    (so a bare child process can run it); `waktu` stays in UTC."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    # pyHanko refuses a file without an end-of-file marker, but only after a slow scan of it
    # (~4 s for 10 MB, the whole time limit); the same answer at C speed.
    if b"%%EOF" not in pdf:
        return TIDAK_ADA
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
    terperiksa = tuple(
        TandaTanganTerperiksa(nama="", sidik_jari="", waktu=None, valid=False)
        if h is None
        else TandaTanganTerperiksa(
            nama=nama_sertifikat(h.signing_cert),
            sidik_jari=h.signing_cert.sha256.hex(),
            waktu=h.signer_reported_dt,
            valid=bool(h.bottom_line),
        )
        for h in hasil
    )
    terakhir = hasil[-1]
    seluruh = terakhir is not None and terakhir.coverage == SignatureCoverageLevel.ENTIRE_FILE
    return HasilPeriksa(
        ada_tanda_tangan=True,
        utuh=all(h is not None and h.intact for h in hasil),
        dipercaya=all(h is not None and h.trusted for h in hasil),
        valid=all(t.valid for t in terperiksa),
        nama_penandatangan=terperiksa[-1].nama,
        waktu=terperiksa[-1].waktu,
        mencakup_seluruh=seluruh,
        tanda_tangan=terperiksa,
    )


def _waktu_json(waktu: datetime | None) -> str | None:
    return waktu.isoformat() if waktu else None


def _waktu_dari_json(teks: str | None) -> datetime | None:
    return datetime.fromisoformat(teks) if teks else None


def ke_json(hasil: HasilPeriksa) -> dict[str, Any]:
    """`hasil` as JSON-ready data (times as ISO 8601), for the bounded child's answer."""
    data = {k: getattr(hasil, k) for k in HasilPeriksa.__dataclass_fields__}
    data["waktu"] = _waktu_json(hasil.waktu)
    data["tanda_tangan"] = [
        {
            "nama": t.nama,
            "sidik_jari": t.sidik_jari,
            "waktu": _waktu_json(t.waktu),
            "valid": t.valid,
        }
        for t in hasil.tanda_tangan
    ]
    return data


def dari_json(data: dict[str, Any]) -> HasilPeriksa:
    """The `HasilPeriksa` that `ke_json` wrote; raises KeyError/TypeError/ValueError if it is not
    one."""
    data = dict(data)
    data["waktu"] = _waktu_dari_json(data["waktu"])
    data["tanda_tangan"] = tuple(
        TandaTanganTerperiksa(
            nama=t["nama"],
            sidik_jari=t["sidik_jari"],
            waktu=_waktu_dari_json(t["waktu"]),
            valid=bool(t["valid"]),
        )
        for t in data.get("tanda_tangan", ())
    )
    return HasilPeriksa(**data)
