"""The document workflow: draf → diajukan → disetujui → terbit, checked in one service.

Who may do what:
- ajukan: the satker's writers (Operator, Sekretaris, Admin RI), when nothing is missing;
- setujui: the Ketua of the satker;
- kembalikan (with a note): the Ketua, or a Reviewer of the satker's provinsi;
- terbitkan: the official who signs the document, through their own account;
- buat revisi (with a reason): the satker's writers, on a published document.
A published document is immutable: a change is a new version.
"""

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from dokumen.baris import data_baris, ganti_baris
from dokumen.jejak import catat_perubahan, potret
from dokumen.jenis import PihakTtd
from dokumen.kotak import HasilRender
from dokumen.models import (
    AksiDokumen,
    Dokumen,
    JenisPerubahan,
    PihakTandaTangan,
    RiwayatDokumen,
    StatusDokumen,
    TandaTangan,
)
from dokumen.selectors import (
    PESAN_TANPA_PENANDATANGAN,
    PenandatanganBelumLengkap,
    kekurangan_dokumen,
    pihak_penandatangan,
)
from dokumen.services import dokumen_buat
from dokumen.tte import (
    InfoSertifikat,
    Penandatangan,
    TteTidakSiap,
    penandatangan_aktif,
    tandatangani_berurutan,
)
from kpu_kinerja.middleware import TANPA as TANPA_PERMINTAAN
from kpu_kinerja.middleware import kode_kejadian
from satker.akses import Pengguna, boleh_menulis, profil_pengguna
from satker.models import Pejabat, Peran

logger = logging.getLogger(__name__)


class TransisiDitolak(Exception):
    """The step is not possible in the document's current state; the message says why."""


class TidakBerhak(PermissionDenied):
    """The user's role may not take this step on this document."""


PESAN_TIDAK_BERHAK = "Peran Anda tidak berhak melakukan langkah ini pada dokumen ini."
PESAN_CATATAN_WAJIB = "Tulis catatan yang menjelaskan apa yang perlu diperbaiki."


def _penulis(user: Pengguna, dokumen: Dokumen) -> bool:
    return boleh_menulis(user, dokumen.satker)


def _ketua(user: Pengguna, dokumen: Dokumen) -> bool:
    profil = profil_pengguna(user)
    return bool(profil and profil.peran == Peran.KETUA and profil.satker_id == dokumen.satker_id)


def _ketua_atau_reviewer(user: Pengguna, dokumen: Dokumen) -> bool:
    profil = profil_pengguna(user)
    reviewer = bool(
        profil
        and profil.peran == Peran.REVIEWER_PROVINSI
        and profil.satker_id == dokumen.satker.induk_id
    )
    return reviewer or _ketua(user, dokumen)


def _penandatangan(user: Pengguna, dokumen: Dokumen) -> bool:
    # The satker is checked too: an account is never a signatory for another satker, even if
    # its profile was once linked to an official elsewhere.
    profil = profil_pengguna(user)
    return bool(
        profil
        and dokumen.penandatangan_id is not None
        and profil.pejabat_id == dokumen.penandatangan_id
        and profil.satker_id == dokumen.satker_id
    )


@dataclass(frozen=True)
class Transisi:
    dari: frozenset[str]
    ke: str
    berhak: Callable[[Pengguna, Dokumen], bool]
    butuh_catatan: bool = False


TRANSISI = {
    AksiDokumen.AJUKAN: Transisi(frozenset({StatusDokumen.DRAF}), StatusDokumen.DIAJUKAN, _penulis),
    AksiDokumen.SETUJUI: Transisi(
        frozenset({StatusDokumen.DIAJUKAN}), StatusDokumen.DISETUJUI, _ketua
    ),
    AksiDokumen.KEMBALIKAN: Transisi(
        frozenset({StatusDokumen.DIAJUKAN, StatusDokumen.DISETUJUI}),
        StatusDokumen.DRAF,
        _ketua_atau_reviewer,
        butuh_catatan=True,
    ),
    AksiDokumen.TERBITKAN: Transisi(
        frozenset({StatusDokumen.DISETUJUI}), StatusDokumen.TERBIT, _penandatangan
    ),
}


def aksi_tersedia(user: Pengguna, dokumen: Dokumen) -> list[AksiDokumen]:
    """The steps `user` may take on `dokumen` now (for the buttons on its page)."""
    tersedia = [
        aksi
        for aksi, transisi in TRANSISI.items()
        if dokumen.status in transisi.dari and transisi.berhak(user, dokumen)
    ]
    if dokumen.status == StatusDokumen.TERBIT and _penulis(user, dokumen):
        tersedia.append(AksiDokumen.BUAT_REVISI)
    return tersedia


def boleh_menandatangani(user: Pengguna, dokumen: Dokumen) -> bool:
    """Whether `user` is the account that signs `dokumen` (whatever its state now)."""
    return TRANSISI[AksiDokumen.TERBITKAN].berhak(user, dokumen)


def url_verifikasi(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("verifikasi", args=[token])


def tanda_tangan_baru(
    dokumen: Dokumen,
    *,
    urutan: int = 1,
    pejabat: Pejabat | None = None,
    pihak: str = PihakTandaTangan.PENANDATANGAN,
) -> TandaTangan:
    """The signature record of one party of `dokumen` (by default the first, its chosen
    signatory) as the official stands now (not yet saved)."""
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
        waktu=timezone.now(),
    )


# The verification token: 16 random bytes, 22 URL-safe characters.
BYTE_TOKEN = 16
# The preview's stand-in, as long as a real token so the footer and the QR code take the
# same room (the layout, page breaks and boxes stay those of the version signed).
TOKEN_PRATINJAU = "contoh-pratinjau-00000"


@dataclass(frozen=True)
class PihakSiap:
    """One party as publishing will print and sign it: the (unsaved) signature record, the
    heading printed above it ("Pihak Pertama,", or ""), and the certificate it signs with."""

    tanda_tangan: TandaTangan
    judul: str
    sertifikat: InfoSertifikat


@dataclass(frozen=True)
class PratinjauTerbit:
    """The PDF publishing will sign, but for the token, and who signs it."""

    pdf: bytes
    jumlah_halaman: int
    pihak: list[PihakSiap]


def _tte_ditolak(dokumen: Dokumen, galat: TteTidakSiap) -> TransisiDitolak:
    # The detail (paths, settings) is for the operator; the user gets a code to quote.
    kode = kode_kejadian()
    logger.error("TTE tidak siap untuk %s: %s %s", dokumen, galat, galat.rincian)
    if kode == TANPA_PERMINTAAN:  # a management command: its operator reads the detail
        return TransisiDitolak(f"{galat} ({galat.rincian})")
    return TransisiDitolak(f"{galat} Hubungi Admin RI dan sebutkan kode kejadian {kode}.")


def _pihak(dokumen: Dokumen) -> list[tuple[PihakTtd, Pejabat]]:
    """`pihak_penandatangan`, refused as a workflow step when a party has nobody to sign."""
    try:
        return pihak_penandatangan(dokumen)
    except PenandatanganBelumLengkap as galat:
        raise TransisiDitolak(str(galat)) from None


def _pihak_siap(
    dokumen: Dokumen, penandatangan: Penandatangan, pihak: list[tuple[PihakTtd, Pejabat]]
) -> list[PihakSiap]:
    """Each party of `pihak` (in signing order, with its official) with its record and the
    certificate it signs with; raises `TransisiDitolak` when one has no key."""
    siap = []
    for urutan, (p, pejabat) in enumerate(pihak, start=1):
        tanda = tanda_tangan_baru(dokumen, urutan=urutan, pejabat=pejabat, pihak=p.pihak)
        try:
            sertifikat = penandatangan.sertifikat(tanda.pejabat)
        except TteTidakSiap as galat:
            raise _tte_ditolak(dokumen, galat) from None
        siap.append(PihakSiap(tanda, p.judul, sertifikat))
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


def pratinjau_terbit(dokumen: Dokumen) -> PratinjauTerbit:
    """What publishing `dokumen` now would sign, rendered the same way (`_render_siap`), with
    `TOKEN_PRATINJAU` for the token (the real one is drawn when signing). Writes nothing to the
    database; raises `TransisiDitolak` when it could not be signed."""
    pihak = _pihak_siap(dokumen, penandatangan_aktif(), _pihak(dokumen))
    hasil = _render_siap(dokumen, url_verifikasi(TOKEN_PRATINJAU), pihak)
    return PratinjauTerbit(hasil.pdf, hasil.jumlah_halaman, pihak)


def _terbitkan(dokumen: Dokumen) -> None:
    """Render the final PDF once, sign it by every party in order (one incremental signature
    each), and store it with its hash, token and one signature record per party: the printed
    block, the stamps and the records name the same people."""
    pihak = _pihak(dokumen)
    # The officials as they are now, locked (in a fixed order) until the signatures are
    # recorded (see satker.services.pejabat_pastikan_boleh_diubah).
    terkunci = {
        pejabat.pk: pejabat
        for pejabat in Pejabat.objects.select_for_update()
        .select_related("satker")
        .filter(pk__in=[pejabat.pk for _, pejabat in pihak])
        .order_by("pk")
    }
    dokumen.penandatangan = terkunci[dokumen.penandatangan_id]
    penandatangan = penandatangan_aktif()
    # Each party's certificate first: the footer names its issuer, and a missing key stops
    # here, before anything is rendered.
    siap = _pihak_siap(dokumen, penandatangan, [(p, terkunci[o.pk]) for p, o in pihak])
    tanda_tangan = [p.tanda_tangan for p in siap]
    token = secrets.token_urlsafe(BYTE_TOKEN)
    url = url_verifikasi(token)
    hasil = _render_siap(dokumen, url, siap)
    try:
        pdf, dibuat = tandatangani_berurutan(
            hasil.pdf,
            penandatangan=penandatangan,
            pihak=[
                (t.pejabat, k)
                for t, k in zip(tanda_tangan, hasil.kotak_pihak[: len(siap)], strict=True)
            ],
            url_verifikasi=url,
            alasan=f"Menetapkan {dokumen.get_jenis_display()} Tahun {dokumen.tahun}",
            lokasi=dokumen.tempat_ttd,
        )
    except TteTidakSiap as galat:
        raise _tte_ditolak(dokumen, galat) from None
    nama = f"{dokumen.satker.kode}-{dokumen.jenis.lower()}-{dokumen.tahun}-v{dokumen.versi}.pdf"
    dokumen.berkas_pdf.save(nama, ContentFile(pdf), save=False)
    dokumen.sha256 = hashlib.sha256(pdf).hexdigest()
    dokumen.token_verifikasi = token
    for record, tanda in zip(tanda_tangan, dibuat, strict=True):
        record.waktu = tanda.waktu
        record.nama_sertifikat = tanda.sertifikat.nama
        record.subjek_sertifikat = tanda.sertifikat.subjek
        record.nomor_seri_sertifikat = tanda.sertifikat.nomor_seri
        record.sidik_jari_sertifikat = tanda.sertifikat.sidik_jari
        record.full_clean(exclude={"dokumen"})
        record.save()
    # Signed once the last party has signed.
    dokumen.ditandatangani_pada = tanda_tangan[-1].waktu


@transaction.atomic
def dokumen_transisi(
    *, dokumen: Dokumen, user: Pengguna, aksi: AksiDokumen, catatan: str = ""
) -> Dokumen:
    """Take one workflow step, record who, when and the note; raise if it is not allowed."""
    transisi = TRANSISI.get(aksi)
    if transisi is None:
        raise TransisiDitolak("Aksi tidak dikenal.")
    # of=self: PostgreSQL cannot lock the nullable side of the signatory join.
    terkunci = Dokumen.objects.select_for_update(of=("self",))
    terkunci = terkunci.select_related("satker", "penandatangan")
    terkunci = terkunci.get(pk=dokumen.pk)
    if not transisi.berhak(user, terkunci):
        raise TidakBerhak(PESAN_TIDAK_BERHAK)
    if terkunci.status not in transisi.dari:
        raise TransisiDitolak(
            f"Dokumen berstatus {terkunci.get_status_display().lower()}; langkah ini tidak "
            "dapat dilakukan sekarang."
        )
    catatan = catatan.strip()
    if transisi.butuh_catatan and not catatan:
        raise TransisiDitolak(PESAN_CATATAN_WAJIB)
    sebelum = potret(terkunci)
    if aksi in (AksiDokumen.AJUKAN, AksiDokumen.TERBITKAN):
        kurang = kekurangan_dokumen(terkunci, baris=sebelum["baris"])
        if kurang:
            raise TransisiDitolak("Dokumen belum lengkap: " + " ".join(kurang))
    if aksi == AksiDokumen.TERBITKAN:
        _terbitkan(terkunci)
    RiwayatDokumen.objects.create(
        dokumen=terkunci,
        aksi=aksi,
        dari_status=terkunci.status,
        ke_status=transisi.ke,
        oleh=user,
        catatan=catatan,
    )
    terkunci.status = transisi.ke
    terkunci.suntingan += 1
    terkunci.full_clean()
    terkunci.save()
    langkah = AksiDokumen(aksi).label + (f" (catatan: {catatan})" if catatan else "") + "."
    catat_perubahan(
        dokumen=terkunci,
        user=user,
        jenis=JenisPerubahan.TRANSISI,
        sebelum=sebelum,
        sesudah=potret(terkunci, baris=sebelum["baris"]),
        keterangan=langkah,
    )
    return terkunci


@transaction.atomic
def dokumen_buat_revisi(*, dokumen: Dokumen, user: Pengguna, alasan: str) -> Dokumen:
    """Version N+1 of a published document, as an editable draft copy; N stays verifiable.

    Its rows, and the tables beside them (a PK's programs), keep version N's keys."""
    from dokumen.baris import data_tambahan, ganti_tambahan

    if not _penulis(user, dokumen):
        raise TidakBerhak("Peran Anda tidak berhak membuat revisi dokumen ini.")
    if dokumen.status != StatusDokumen.TERBIT:
        raise TransisiDitolak("Revisi hanya dibuat dari dokumen yang sudah terbit.")
    alasan = alasan.strip()
    if not alasan:
        raise TransisiDitolak("Tulis alasan revisi.")
    saudara = Dokumen.objects.select_for_update().filter(
        satker_id=dokumen.satker_id, jenis=dokumen.jenis, tahun=dokumen.tahun
    )
    if saudara.exclude(status=StatusDokumen.TERBIT).exists():
        raise TransisiDitolak("Sudah ada versi yang sedang disusun; lanjutkan versi itu.")
    versi = saudara.aggregate(Max("versi"))["versi__max"] + 1
    baru = dokumen_buat(
        satker=dokumen.satker,
        jenis=dokumen.jenis,
        tahun=dokumen.tahun,
        versi=versi,
        label_lampiran=dokumen.label_lampiran,
        tahun_anggaran=dokumen.tahun_anggaran,
        tempat_ttd=dokumen.tempat_ttd,
        tanggal_ttd=dokumen.tanggal_ttd,
        tanggal_ttd_presisi=dokumen.tanggal_ttd_presisi,
        penandatangan=dokumen.penandatangan,
        alasan_revisi=alasan,
    )
    ganti_baris(baru, data_baris(dokumen))
    ganti_tambahan(baru, data_tambahan(dokumen))
    RiwayatDokumen.objects.create(
        dokumen=baru,
        aksi=AksiDokumen.BUAT_REVISI,
        dari_status=StatusDokumen.TERBIT,
        ke_status=StatusDokumen.DRAF,
        oleh=user,
        catatan=alasan,
    )
    sebelum = potret(dokumen)
    catat_perubahan(
        dokumen=baru,
        user=user,
        jenis=JenisPerubahan.REVISI,
        sebelum=sebelum,
        sesudah=potret(baru, baris=sebelum["baris"]),
        keterangan=f"Versi {baru.versi} dibuat dari versi {dokumen.versi}.",
    )
    return baru


def _akun_untuk(dokumen: Dokumen, aksi: AksiDokumen):
    """An account allowed to take `aksi` on `dokumen` (for batch publishing), else None."""
    from satker.models import ProfilPengguna

    calon = ProfilPengguna.objects.select_related("user").filter(
        satker_id=dokumen.satker_id, user__is_active=True
    )
    for profil in calon.order_by("peran", "user__username"):
        if TRANSISI[aksi].berhak(profil.user, dokumen):
            return profil.user
    return None


def dokumen_terbitkan_langsung(*, dokumen: Dokumen) -> Dokumen:
    """Submit, approve and sign `dokumen` as its own satker's accounts, each step recorded.

    For batch jobs: every step still goes through `dokumen_transisi`, as the account whose
    role allows it; a missing account or signatory stops with a clear message.
    """
    langkah = {
        StatusDokumen.DRAF: AksiDokumen.AJUKAN,
        StatusDokumen.DIAJUKAN: AksiDokumen.SETUJUI,
        StatusDokumen.DISETUJUI: AksiDokumen.TERBITKAN,
    }
    while dokumen.status in langkah:
        aksi = langkah[StatusDokumen(dokumen.status)]
        if aksi == AksiDokumen.TERBITKAN and dokumen.penandatangan_id is None:
            raise TransisiDitolak(PESAN_TANPA_PENANDATANGAN)
        user = _akun_untuk(dokumen, aksi)
        if user is None:
            raise TransisiDitolak(
                f"Tidak ada akun satker {dokumen.satker} yang berhak: {aksi.label.lower()}."
            )
        dokumen = dokumen_transisi(dokumen=dokumen, user=user, aksi=aksi)
    return dokumen
