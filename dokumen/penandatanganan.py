"""Signing an approved document party by party, each through its own account.

The first party's signature renders the final PDF once, with every party's printed block, and
saves one record (`TandaTangan`, a snapshot of the party's official) per party: the first with
its time and certificate, the others without `waktu`, each with its box (page and rectangle)
in that render. The token the QR code holds is drawn then. Each later party adds its PAdES
signature to the stored PDF, an incremental update at its own box, once the file still has the
recorded SHA-256 and the party's official is still the one printed: a PDF naming one person is
never signed by another. The workflow (dokumen.alur) records each step; the last signature
publishes.
"""

import hashlib
import logging
import secrets
from dataclasses import asdict, dataclass
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from dokumen.jenis import PihakTtd, jenis_terdaftar
from dokumen.kotak import HasilRender, KotakTtd
from dokumen.models import Dokumen, PihakTandaTangan, TandaTangan
from dokumen.penolakan import TransisiDitolak
from dokumen.selectors import (
    PESAN_TANPA_PENANDATANGAN,
    Giliran,
    PenandatanganBelumLengkap,
    giliran,
    label_pihak,
    pihak_penandatangan,
    pihak_terisi,
    sedang_ditandatangani,
    tanda_tangan_tercatat,
)
from dokumen.tte import (
    InfoSertifikat,
    Penandatangan,
    TandaTanganDibuat,
    TteTidakSiap,
    penandatangan_aktif,
    tandatangani_berurutan,
)
from kpu_kinerja.middleware import TANPA as TANPA_PERMINTAAN
from kpu_kinerja.middleware import kode_kejadian
from satker.akses import Pengguna, profil_pengguna
from satker.models import Pejabat

logger = logging.getLogger(__name__)

# The verification token: 16 random bytes, 22 URL-safe characters.
BYTE_TOKEN = 16
# The preview's stand-in, as long as a real token so the footer and the QR code take the
# same room (the layout, page breaks and boxes stay those of the version signed).
TOKEN_PRATINJAU = "contoh-pratinjau-00000"

PESAN_BERKAS_BERUBAH = (
    "PDF yang sudah ditandatangani pihak sebelumnya tidak sama lagi dengan yang tercatat "
    "(SHA-256 berbeda, atau berkasnya hilang), jadi tidak ditandatangani. Hubungi Admin RI; "
    "dokumen dapat dikembalikan lalu ditandatangani ulang."
)


def url_verifikasi(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("verifikasi", args=[token])


def tanda_tangan_baru(
    dokumen: Dokumen,
    *,
    urutan: int = 1,
    pejabat: Pejabat | None = None,
    pihak: str = PihakTandaTangan.PENANDATANGAN,
) -> TandaTangan:
    """The record of one party of `dokumen` (by default the first, its chosen signatory) as
    the official stands now: not yet signed, not yet saved."""
    pejabat = pejabat or dokumen.penandatangan
    return TandaTangan(
        dokumen=dokumen,
        urutan=urutan,
        pihak=pihak,
        pejabat=pejabat,
        nama=pejabat.nama,
        nip=pejabat.nip,
        jabatan=pejabat.jabatan,
        status_jabatan=pejabat.status,
        sebutan_jabatan=pejabat.sebutan_jabatan,
    )


@dataclass(frozen=True)
class PihakSiap:
    """One party as signing prints and signs it: its record (unsaved before the first
    signature), the heading printed above it ("Pihak Pertama,", or ""), and the certificate it
    signs with."""

    tanda_tangan: TandaTangan
    judul: str
    sertifikat: InfoSertifikat


@dataclass(frozen=True)
class PratinjauTerbit:
    """What the party whose turn it is signs: the PDF (rendered as the first signature will
    render it, but for the token; for a later party, the stored partly signed file), the
    parties yet to sign (the first of them signs now) and those who have signed."""

    pdf: bytes
    jumlah_halaman: int
    pihak: list[PihakSiap]
    sudah: tuple[TandaTangan, ...] = ()

    @property
    def lanjutan(self) -> bool:
        """A later party's turn: the PDF is the stored one, already signed by the earlier."""
        return bool(self.sudah)

    @property
    def terakhir(self) -> bool:
        """Whether the signature about to be made publishes the document."""
        return len(self.pihak) == 1


def _tte_ditolak(objek: object, galat: TteTidakSiap) -> TransisiDitolak:
    # The detail (paths, settings) is for the operator; the user gets a code to quote.
    kode = kode_kejadian()
    logger.error("TTE tidak siap untuk %s: %s %s", objek, galat, galat.rincian)
    if kode == TANPA_PERMINTAAN:  # a management command: its operator reads the detail
        return TransisiDitolak(f"{galat} ({galat.rincian})")
    return TransisiDitolak(f"{galat} Hubungi Admin RI dan sebutkan kode kejadian {kode}.")


def _pihak(dokumen: Dokumen) -> list[tuple[PihakTtd, Pejabat]]:
    """`pihak_penandatangan`, refused as a workflow step when a party has nobody to sign."""
    try:
        return pihak_penandatangan(dokumen)
    except PenandatanganBelumLengkap as galat:
        raise TransisiDitolak(str(galat)) from None


def sertifikat_pejabat(objek: object, penandatangan: Penandatangan, pejabat: Pejabat):
    """The certificate `pejabat` signs `objek` with; `TransisiDitolak` when there is none."""
    try:
        return penandatangan.sertifikat(pejabat)
    except TteTidakSiap as galat:
        raise _tte_ditolak(objek, galat) from None


def token_baru() -> str:
    """A fresh verification token (what the QR code's URL ends with)."""
    return secrets.token_urlsafe(BYTE_TOKEN)


def tandatangani_pdf(
    objek: object,
    pdf: bytes,
    *,
    penandatangan: Penandatangan,
    pejabat: Pejabat,
    kotak: KotakTtd,
    url: str,
    alasan: str,
    lokasi: str,
) -> tuple[bytes, TandaTanganDibuat]:
    """Sign the rendered `pdf` of `objek` (a document, a TW report) as `pejabat` at `kotak`:
    the one signing step every signed kind shares. `TransisiDitolak` when TTE is not ready."""
    try:
        pdf, [dibuat] = tandatangani_berurutan(
            pdf,
            penandatangan=penandatangan,
            pihak=[(pejabat, kotak)],
            url_verifikasi=url,
            alasan=alasan,
            lokasi=lokasi,
        )
    except TteTidakSiap as galat:
        raise _tte_ditolak(objek, galat) from None
    return pdf, dibuat


def _pihak_siap(
    dokumen: Dokumen, penandatangan: Penandatangan, pihak: list[tuple[PihakTtd, Pejabat]]
) -> list[PihakSiap]:
    """Each party of `pihak` (in signing order, with its official) with its new record and the
    certificate it signs with; raises `TransisiDitolak` when one has no key."""
    siap = []
    for urutan, (p, pejabat) in enumerate(pihak, start=1):
        tanda = tanda_tangan_baru(dokumen, urutan=urutan, pejabat=pejabat, pihak=p.pihak)
        siap.append(PihakSiap(tanda, p.judul, sertifikat_pejabat(dokumen, penandatangan, pejabat)))
    return siap


def _render_siap(dokumen: Dokumen, url: str, pihak: list[PihakSiap]) -> HasilRender:
    """The version to sign: the footer names the certificates' issuer, the QR holds `url`."""
    from dokumen.pdf import render_pdf

    hasil = render_pdf(
        dokumen,
        url_verifikasi=url,
        tanda_tangan=[p.tanda_tangan for p in pihak],
        sertifikat=[p.sertifikat for p in pihak],
    )
    kotak = hasil.kotak_pihak[: len(pihak)]
    if len(kotak) < len(pihak) or None in kotak:
        raise TransisiDitolak(PESAN_TANPA_PENANDATANGAN)
    return hasil


def _jumlah_halaman(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(BytesIO(pdf)).root["/Pages"]["/Count"])


def berkas_tersimpan(dokumen: Dokumen) -> bytes:
    """The stored, partly signed PDF; refused when it is not the one recorded (SHA-256)."""
    try:
        with dokumen.berkas_pdf.open("rb") as berkas:
            pdf = berkas.read()
    except (OSError, ValueError):  # gone from storage, or no file named at all
        pdf = b""
    if hashlib.sha256(pdf).hexdigest() != dokumen.sha256:
        raise TransisiDitolak(PESAN_BERKAS_BERUBAH)
    return pdf


# A record's snapshot field → the official's field it copied.
SALINAN_PEJABAT = (
    ("nama", "nama"),
    ("nip", "nip"),
    ("jabatan", "jabatan"),
    ("status_jabatan", "status"),
    ("sebutan_jabatan", "sebutan_jabatan"),
)


def pejabat_berganti(dokumen: Dokumen, tanda: TandaTangan) -> str:
    """Why the party of `tanda` (printed, not yet signed) can no longer sign it, or "": its
    official was replaced since the PDF was printed, or the official's record no longer says
    what the PDF prints."""
    label = label_pihak(dokumen, tanda.urutan)
    ulang = "Dokumen harus dikembalikan lalu ditandatangani ulang oleh semua pihak."
    sekarang = pihak_terisi(dokumen)[tanda.urutan - 1].pejabat
    if sekarang is None or sekarang.pk != tanda.pejabat_id:
        pengganti = f"kini {sekarang.nama}" if sekarang else "kini belum ada pejabatnya"
        return (
            f"{label} yang tercetak pada PDF, {tanda.nama}, bukan lagi pejabat yang "
            f"menandatangani sebagai {label} ({pengganti}), jadi tanda tangan ditolak. {ulang}"
        )
    if any(getattr(tanda, a) != getattr(sekarang, b) for a, b in SALINAN_PEJABAT):
        return (
            f"Data pejabat {tanda.nama} telah berubah sejak PDF dicetak, jadi tanda tangan "
            f"ditolak. {ulang}"
        )
    return ""


def pratinjau_terbit(dokumen: Dokumen) -> PratinjauTerbit:
    """What the party whose turn it is would sign now. For the first party the PDF is rendered
    as signing renders it (`_render_siap`), with `TOKEN_PRATINJAU` for the token; for a later
    one it is the stored file. Writes nothing; raises `TransisiDitolak` when it could not be
    signed (a party without a key or an official, a replaced official, an altered file)."""
    penandatangan = penandatangan_aktif()
    sekarang = giliran(dokumen)
    if sekarang is None or sekarang.tanda_tangan is None:
        pihak = _pihak_siap(dokumen, penandatangan, _pihak(dokumen))
        hasil = _render_siap(dokumen, url_verifikasi(TOKEN_PRATINJAU), pihak)
        return PratinjauTerbit(hasil.pdf, hasil.jumlah_halaman, pihak)
    if alasan := pejabat_berganti(dokumen, sekarang.tanda_tangan):
        raise TransisiDitolak(alasan)
    pdf = berkas_tersimpan(dokumen)
    terdaftar = jenis_terdaftar(dokumen.jenis)
    pihak = [
        PihakSiap(
            t,
            terdaftar.judul_pihak(t.urutan),
            sertifikat_pejabat(dokumen, penandatangan, t.pejabat),
        )
        for t in tanda_tangan_tercatat(dokumen)
        if not t.sudah
    ]
    return PratinjauTerbit(pdf, _jumlah_halaman(pdf), pihak, sekarang.sudah)


def isi_sertifikat(tanda: Any, dibuat: TandaTanganDibuat) -> None:
    """Copy the time and certificate of a signature just made into its record (any model
    with the fields of `TandaTangan`)."""
    tanda.waktu = dibuat.waktu
    tanda.nama_sertifikat = dibuat.sertifikat.nama
    tanda.subjek_sertifikat = dibuat.sertifikat.subjek
    tanda.nomor_seri_sertifikat = dibuat.sertifikat.nomor_seri
    tanda.sidik_jari_sertifikat = dibuat.sertifikat.sidik_jari


def _simpan_berkas(dokumen: Dokumen, pdf: bytes, sekarang: Giliran) -> None:
    """Store `pdf` as the document's file with its hash. The published file takes the plain
    name; a partly signed one says how far it got. A replaced file is deleted once the
    transaction commits (a rollback keeps the recorded one)."""
    nama = f"{dokumen.satker.kode}-{dokumen.jenis.lower()}-{dokumen.tahun}-v{dokumen.versi}"
    if not sekarang.terakhir:
        nama += f"-ttd{sekarang.urutan}"
    lama = dokumen.berkas_pdf.name
    penyimpanan = dokumen.berkas_pdf.storage
    dokumen.berkas_pdf.save(f"{nama}.pdf", ContentFile(pdf), save=False)
    dokumen.sha256 = hashlib.sha256(pdf).hexdigest()
    if lama:
        transaction.on_commit(lambda: penyimpanan.delete(lama))


def _alasan(dokumen: Dokumen) -> str:
    return f"Menetapkan {dokumen.get_jenis_display()} Tahun {dokumen.tahun}"


def _tandatangani_pertama(dokumen: Dokumen, sekarang: Giliran) -> TandaTangan:
    """Render the final PDF once, with every party's record, sign it as the first party, and
    store it with its hash, its token and every party's record (and box)."""
    pihak = _pihak(dokumen)
    # The officials as they are now, locked (in a fixed order) until the records are saved
    # (see satker.services.pejabat_pastikan_boleh_diubah).
    terkunci = {
        pejabat.pk: pejabat
        for pejabat in Pejabat.objects.select_for_update()
        .select_related("satker")
        .filter(pk__in=[pejabat.pk for _, pejabat in pihak])
        .order_by("pk")
    }
    dokumen.penandatangan = terkunci[dokumen.penandatangan_id]
    penandatangan = penandatangan_aktif()
    # Every party's certificate first: the footer names their issuer, and a missing key stops
    # here, before anything is rendered or stored.
    siap = _pihak_siap(dokumen, penandatangan, [(p, terkunci[o.pk]) for p, o in pihak])
    token = token_baru()
    url = url_verifikasi(token)
    hasil = _render_siap(dokumen, url, siap)
    pertama = siap[0].tanda_tangan
    pdf, dibuat = tandatangani_pdf(
        dokumen,
        hasil.pdf,
        penandatangan=penandatangan,
        pejabat=pertama.pejabat,
        kotak=hasil.kotak_pihak[0],
        url=url,
        alasan=_alasan(dokumen),
        lokasi=dokumen.tempat_ttd,
    )
    _simpan_berkas(dokumen, pdf, sekarang)
    dokumen.token_verifikasi = token
    isi_sertifikat(pertama, dibuat)
    for p, kotak in zip(siap, hasil.kotak_pihak, strict=False):
        p.tanda_tangan.kotak = asdict(kotak)
        p.tanda_tangan.full_clean(exclude={"dokumen"})
        p.tanda_tangan.save()
    return pertama


def _tandatangani_lanjutan(dokumen: Dokumen, sekarang: Giliran) -> TandaTangan:
    """Add the signature of the party whose turn it is to the stored PDF, at the box printed
    for it, and store the result."""
    tanda = sekarang.tanda_tangan
    # Locked until the signature is recorded, as at the first signature.
    tanda.pejabat = (
        Pejabat.objects.select_for_update().select_related("satker").get(pk=tanda.pejabat_id)
    )
    if alasan := pejabat_berganti(dokumen, tanda):
        raise TransisiDitolak(alasan)
    pdf, dibuat = tandatangani_pdf(
        dokumen,
        berkas_tersimpan(dokumen),
        penandatangan=penandatangan_aktif(),
        pejabat=tanda.pejabat,
        kotak=tanda.kotak_ttd,
        url=url_verifikasi(dokumen.token_verifikasi),
        alasan=_alasan(dokumen),
        lokasi=dokumen.tempat_ttd,
    )
    _simpan_berkas(dokumen, pdf, sekarang)
    isi_sertifikat(tanda, dibuat)
    tanda.full_clean(exclude={"dokumen"})
    tanda.save()
    return tanda


def tandatangani_giliran(dokumen: Dokumen) -> tuple[Giliran, TandaTangan]:
    """Sign `dokumen` (approved, locked by the caller) as the party whose turn it is; returns
    that turn and the party's record, now signed. Once the last party has signed, the
    document's `ditandatangani_pada` is that signature's time."""
    sekarang = giliran(dokumen)
    if sekarang is None:
        raise TransisiDitolak("Semua pihak sudah menandatangani dokumen ini.")
    if sekarang.tanda_tangan is None:
        tanda = _tandatangani_pertama(dokumen, sekarang)
    else:
        tanda = _tandatangani_lanjutan(dokumen, sekarang)
    if sekarang.terakhir:
        dokumen.ditandatangani_pada = tanda.waktu
    return sekarang, tanda


def batalkan_tanda_tangan(dokumen: Dokumen) -> list[TandaTangan]:
    """Void the signatures of a partly signed document being returned to draft: its records,
    its stored file (once the transaction commits) and its token go, so a QR code on the partly
    signed PDF names nothing. Returns the records of the parties who had signed."""
    if not sedang_ditandatangani(dokumen):
        return []
    sudah = [t for t in dokumen.tanda_tangan.all() if t.sudah]
    dokumen.tanda_tangan.all().delete()
    lama = dokumen.berkas_pdf.name
    penyimpanan = dokumen.berkas_pdf.storage
    transaction.on_commit(lambda: penyimpanan.delete(lama))
    dokumen.berkas_pdf = ""
    dokumen.sha256 = ""
    dokumen.token_verifikasi = None
    return sudah


def akun_pejabat(user: Pengguna, satker_id: int, pejabat_id: int | None) -> bool:
    """Whether `user` is the account of official `pejabat_id` of satker `satker_id`. The satker
    is checked too: an account is never a party for another satker, even if its profile was
    once linked to an official elsewhere."""
    profil = profil_pengguna(user)
    return bool(
        profil
        and pejabat_id is not None
        and profil.pejabat_id == pejabat_id
        and profil.satker_id == satker_id
    )


def _akun_pejabat(user: Pengguna, dokumen: Dokumen, pejabat_id: int | None) -> bool:
    return akun_pejabat(user, dokumen.satker_id, pejabat_id)


def _pejabat_pihak(dokumen: Dokumen) -> list[tuple[int, int | None, str]]:
    """(urutan, official's pk, name) of every party: as printed once the first has signed,
    else as `pihak_terisi` names them."""
    tercatat = tanda_tangan_tercatat(dokumen)
    if tercatat:
        return [(t.urutan, t.pejabat_id, t.nama) for t in tercatat]
    return [
        (p.urutan, p.pejabat.pk if p.pejabat else None, p.pejabat.nama if p.pejabat else "")
        for p in pihak_terisi(dokumen)
    ]


def boleh_tanda_tangan(user: Pengguna, dokumen: Dokumen) -> bool:
    """Whether `user` is the account of the party whose turn it is to sign `dokumen`. With no
    turn now (not approved, or signed by all), whether it is any party's account, so the
    workflow tells them why they cannot sign now."""
    sekarang = giliran(dokumen)
    if sekarang is not None:
        return _akun_pejabat(user, dokumen, sekarang.pejabat_id)
    if _akun_pejabat(user, dokumen, dokumen.penandatangan_id):  # reads nothing more
        return True
    return any(_akun_pejabat(user, dokumen, pk) for _, pk, _ in _pejabat_pihak(dokumen)[1:])


def nama_giliran(dokumen: Dokumen, sekarang: Giliran) -> str:
    """ "Pihak Kedua (NI'MATULLAH)": the party whose turn it is, as messages name it."""
    if sekarang.tanda_tangan is not None:
        nama = sekarang.tanda_tangan.nama
    else:
        nama = dokumen.penandatangan.nama if dokumen.penandatangan_id else ""
    label = label_pihak(dokumen, sekarang.urutan)
    return f"{label} ({nama})" if nama else label


def alasan_bukan_giliran(user: Pengguna, dokumen: Dokumen) -> str:
    """Why `user` may not sign `dokumen` now, in words for them: already signed, not their
    turn yet, or not a party's account at all; "" when it is their turn or nobody's."""
    sekarang = giliran(dokumen)
    if sekarang is None or boleh_tanda_tangan(user, dokumen):
        return ""
    menunggu = nama_giliran(dokumen, sekarang)
    anda = next(
        (urutan for urutan, pk, _ in _pejabat_pihak(dokumen) if _akun_pejabat(user, dokumen, pk)),
        None,
    )
    if anda is not None and anda < sekarang.urutan:
        return (
            f"Anda sudah menandatangani dokumen ini sebagai {label_pihak(dokumen, anda)}; "
            f"kini menunggu tanda tangan {menunggu}."
        )
    if anda is not None:
        return (
            f"Belum giliran Anda: {label_pihak(dokumen, anda)} menandatangani setelah {menunggu}."
        )
    return (
        f"Dokumen ini menunggu tanda tangan {menunggu}, yang menandatangani melalui akunnya "
        "sendiri; akun Anda tidak dapat menandatanganinya."
    )
