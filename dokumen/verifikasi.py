"""The public record behind a QR code, and checking an uploaded PDF against it: the answer a
citizen reads.

A token names a document (`dokumen_verifikasi`) or something signed that an app above
registers a lookup for (`daftarkan_verifikasi`: the TW report of `pengukuran`), since this
layer may not import it. Either comes to the public page as a `Terverifikasi`; a registered
one also brings its public API record (`data_api`) and, for the schema, the serializer that
describes it (`skema_verifikasi_terdaftar`), which `GET /api/v1/verifikasi/<token>/` answers.
"""

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from dokumen.models import Dokumen, StatusDokumen


def dokumen_verifikasi(token: str) -> Dokumen | None:
    """The document a QR code names, with its signature records: published, or approved and
    signed by some parties (the token is drawn at the first signature and voided when the
    document is returned), which the page and the API show as not yet published; else None.
    The one lookup behind the public page and the API."""
    if not token:
        return None
    return (
        Dokumen.objects.select_related("satker")
        .prefetch_related("tanda_tangan")
        .filter(token_verifikasi=token, status__in=[StatusDokumen.TERBIT, StatusDokumen.DISETUJUI])
        .exclude(sha256="")
        .first()
    )


@dataclass(frozen=True)
class Terverifikasi:
    """What a token names, as the public page shows and checks it: whether it is published
    (only then may an upload be "asli"), the SHA-256 of its stored file, its signature records
    in order (each with `sudah` and `sidik_jari_sertifikat`), and its page; for a registered
    kind, the record the public API answers (`data_api`, None: the API does not know it)."""

    terbit: bool
    sha256: str
    catatan: Sequence[Any]
    template: str
    konteks: dict[str, Any] = field(default_factory=dict)
    data_api: dict[str, Any] | None = None


PencariVerifikasi = Callable[[str], Terverifikasi | None]
_PENCARI: list[PencariVerifikasi] = []
_SKEMA: list[type] = []


def daftarkan_verifikasi(cari: PencariVerifikasi, *, skema: type | None = None) -> None:
    """Let the public page and API find what `cari` knows by token (called from an
    AppConfig.ready()); `skema` is the serializer describing its `data_api` in the schema."""
    if cari not in _PENCARI:
        _PENCARI.append(cari)
    if skema is not None and skema not in _SKEMA:
        _SKEMA.append(skema)


def skema_verifikasi_terdaftar() -> list[type]:
    """The serializers of the registered kinds' API records, for the schema."""
    return list(_SKEMA)


def verifikasi_terdaftar(token: str) -> Terverifikasi | None:
    """What a registered lookup finds for `token` (a document's token is not theirs)."""
    if not token:
        return None
    for cari in _PENCARI:
        if (hasil := cari(token)) is not None:
            return hasil
    return None


class Putusan(models.TextChoices):
    ASLI = "asli", "Asli"
    TIDAK_SESUAI = "tidak sesuai", "Tidak sesuai"
    TTD_TIDAK_VALID = "tanda tangan tidak valid", "Tanda tangan tidak valid"
    TIDAK_DAPAT_DIPERIKSA = "tidak dapat diperiksa", "Tidak dapat diperiksa"


@dataclass(frozen=True)
class HasilVerifikasi:
    putusan: Putusan
    penjelasan: str


def sesuai_catatan(dokumen: Dokumen, tanda_tangan) -> bool:
    """Whether the file's signatures (a `tte.HasilPeriksa`) are the ones recorded at signing:
    as many, in the same order, each by the certificate its record names (records from before
    certificates were recorded name none, and are matched by count only), every record
    signed."""
    return _sesuai(list(dokumen.tanda_tangan.all()), tanda_tangan)


def _sesuai(catatan: Sequence[Any], tanda_tangan) -> bool:
    if len(catatan) != len(tanda_tangan.tanda_tangan):
        return False
    return all(
        c.sudah and (not c.sidik_jari_sertifikat or c.sidik_jari_sertifikat == t.sidik_jari)
        for c, t in zip(catatan, tanda_tangan.tanda_tangan, strict=True)
    )


def periksa_berkas(dokumen: Dokumen, pdf: bytes) -> HasilVerifikasi:
    """Asli when the file is byte for byte the published one, every signature in it validates
    and they are the signatures recorded for the document, party by party.

    The file comes from anyone: its signatures are checked in a child process with a time and
    memory limit, and a file past the limits is "tidak dapat diperiksa", not a verdict.
    """
    return periksa_berkas_catatan(dokumen.sha256, list(dokumen.tanda_tangan.all()), pdf)


def periksa_berkas_catatan(sha256: str, catatan: Sequence[Any], pdf: bytes) -> HasilVerifikasi:
    """`periksa_berkas` against a stored file's hash and its signature records, whatever
    signed thing they belong to."""
    from dokumen.periksa_terbatas import periksa_tanda_tangan_terbatas

    tanda_tangan = periksa_tanda_tangan_terbatas(pdf)
    if not tanda_tangan.dapat_diperiksa:
        return HasilVerifikasi(
            Putusan.TIDAK_DAPAT_DIPERIKSA,
            f"Berkas tidak dapat diperiksa. {tanda_tangan.alasan} Dokumen asli dari aplikasi "
            "ini selalu dapat diperiksa; mintalah salinan dari penerbitnya lalu periksa kembali.",
        )
    sama = hashlib.sha256(pdf).hexdigest() == sha256
    if tanda_tangan.ada_tanda_tangan and not tanda_tangan.valid:
        return HasilVerifikasi(
            Putusan.TTD_TIDAK_VALID,
            "Tanda tangan elektronik pada berkas ini tidak sah: berkas telah diubah setelah "
            "ditandatangani, atau sertifikatnya tidak dipercaya.",
        )
    if not sama:
        return HasilVerifikasi(
            Putusan.TIDAK_SESUAI,
            "Berkas ini bukan dokumen yang diterbitkan dengan kode verifikasi ini.",
        )
    if not tanda_tangan.valid:
        return HasilVerifikasi(Putusan.TTD_TIDAK_VALID, "Tanda tangan elektronik tidak ditemukan.")
    if not _sesuai(catatan, tanda_tangan):
        return HasilVerifikasi(
            Putusan.TIDAK_SESUAI,
            "Tanda tangan pada berkas ini tidak sesuai dengan catatan penandatanganan dokumen ini.",
        )
    jumlah = len(tanda_tangan.tanda_tangan)
    if jumlah > 1:
        return HasilVerifikasi(
            Putusan.ASLI,
            f"Berkas sama persis dengan dokumen terbit dan {jumlah} tanda tangannya sah, "
            "masing-masing oleh penandatangan yang tercatat, sesuai urutan.",
        )
    return HasilVerifikasi(
        Putusan.ASLI, "Berkas sama persis dengan dokumen terbit dan tanda tangannya sah."
    )
