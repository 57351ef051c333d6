"""The document workflow: draf → diajukan → disetujui → terbit, checked in one service.

Who may do what:
- ajukan: the satker's writers (Operator, Sekretaris, Admin RI), when nothing is missing;
- setujui: the Ketua of the satker;
- kembalikan (with a note): the Ketua, or a Reviewer of the satker's provinsi;
- terbitkan: each signing party in turn, through the account linked to its official
  (dokumen.penandatanganan); an earlier party's signature is recorded as `tandatangani` and
  leaves the document approved, the last party's publishes it;
- buat revisi (with a reason): the satker's writers, on a published document.
A published document is immutable: a change is a new version.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from dokumen.baris import data_baris, data_tambahan, ganti_baris, ganti_tambahan
from dokumen.jejak import catat_perubahan, potret
from dokumen.jenis import jenis_terdaftar
from dokumen.models import (
    AksiDokumen,
    Dokumen,
    JenisPerubahan,
    RiwayatDokumen,
    StatusDokumen,
    TandaTangan,
)
from dokumen.penandatanganan import (
    alasan_bukan_giliran,
    batalkan_tanda_tangan,
    boleh_tanda_tangan,
    nama_giliran,
    tandatangani_giliran,
)
from dokumen.penolakan import PESAN_TIDAK_BERHAK, TidakBerhak, TransisiDitolak
from dokumen.selectors import (
    PESAN_TANPA_PENANDATANGAN,
    Giliran,
    PihakTercetak,
    giliran,
    kekurangan_dokumen,
    label_pihak,
)
from dokumen.services import dokumen_buat
from dokumen.sinyal import kirim_setelah_commit, langkah_dokumen
from satker.akses import Pengguna, boleh_menulis, profil_pengguna
from satker.models import Jabatan, Peran

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
    # Each party signs in turn through its own account (dokumen.penandatanganan).
    return boleh_tanda_tangan(user, dokumen)


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


def tahapan_alur(dokumen: Dokumen) -> list[str]:
    """The workflow's stages as the panel's header names them: a type signed by several
    parties has one signing stage per party ("ttd pihak pertama"), not one "terbit"."""
    terdaftar = jenis_terdaftar(dokumen.jenis)
    tahapan = ["draf", "diajukan", "disetujui"]
    if len(terdaftar.pihak_ttd) > 1:
        tahapan += [
            f"ttd {label_pihak(dokumen, urutan).lower()}"
            for urutan in range(1, len(terdaftar.pihak_ttd) + 1)
        ]
    return [*tahapan, "terbit"]


@dataclass(frozen=True)
class LangkahTtd:
    """One party's signature as the workflow panel lists it: done (who and when) or not yet."""

    urutan: int
    label: str  # "Pihak Pertama"; "Penandatangan" for a type signed by one party
    jabatan: str  # "Sekretaris", "Plt. Sekretaris"
    nama: str  # "" while the party has nobody to sign
    waktu: datetime.datetime | None  # None: not signed yet
    giliran: bool = False  # the party whose turn it is now

    @property
    def sudah(self) -> bool:
        return self.waktu is not None


def langkah_tanda_tangan(
    dokumen: Dokumen, pihak: Sequence[PihakTercetak], sekarang: Giliran | None
) -> list[LangkahTtd]:
    """Every party's signing step in signing order, from the block's parties (in signing
    order: `penandatangan_tercetak_semua`, the records once the first party has signed, else
    the officials who will sign) and the turn (`giliran`): it reads nothing more."""
    terdaftar = jenis_terdaftar(dokumen.jenis)
    langkah = []
    for p in sorted(pihak, key=lambda p: p.urutan):
        penanda = p.penanda
        if penanda is not None:
            jabatan = f"{penanda.awalan_status}{penanda.get_jabatan_display()}"
        elif p.urutan <= len(terdaftar.pihak_ttd):
            jabatan = Jabatan(terdaftar.pihak_ttd[p.urutan - 1].jabatan_bawaan).label
        else:
            jabatan = ""
        langkah.append(
            LangkahTtd(
                urutan=p.urutan,
                label=label_pihak(dokumen, p.urutan),
                jabatan=jabatan,
                nama=penanda.nama if penanda is not None else "",
                waktu=penanda.waktu if isinstance(penanda, TandaTangan) else None,
                giliran=sekarang is not None and sekarang.urutan == p.urutan,
            )
        )
    return langkah


def boleh_menandatangani(user: Pengguna, dokumen: Dokumen) -> bool:
    """Whether `user` is the account that signs `dokumen` now: the party whose turn it is
    (whatever its state, a party's account)."""
    return TRANSISI[AksiDokumen.TERBITKAN].berhak(user, dokumen)


def _tolak(user: Pengguna, dokumen: Dokumen, aksi: AksiDokumen) -> TidakBerhak:
    # Signing says whose turn it is: out of order, twice, or not a party's account at all.
    pesan = alasan_bukan_giliran(user, dokumen) if aksi == AksiDokumen.TERBITKAN else ""
    return TidakBerhak(pesan or PESAN_TIDAK_BERHAK)


def _tandatangani(dokumen: Dokumen) -> tuple[str, AksiDokumen, str]:
    """Sign as the party whose turn it is: the last party publishes (TERBITKAN), an earlier
    one leaves the document approved (TANDATANGANI). Returns the status it moves to, the step
    recorded and what the audit summary adds."""
    sekarang, tanda = tandatangani_giliran(dokumen)
    if sekarang.terakhir:
        return StatusDokumen.TERBIT, AksiDokumen.TERBITKAN, ""
    berikut = giliran(dokumen)
    return (
        StatusDokumen.DISETUJUI,
        AksiDokumen.TANDATANGANI,
        f" sebagai {label_pihak(dokumen, tanda.urutan)} ({tanda.nama}); menunggu "
        f"{nama_giliran(dokumen, berikut)}",
    )


def _batalkan(dokumen: Dokumen) -> str:
    """A partly signed document returned to draft loses its signatures (the draft will be
    changed, then signed again by every party); what the audit summary adds."""
    dibatalkan = batalkan_tanda_tangan(dokumen)
    if not dibatalkan:
        return ""
    nama = ", ".join(f"{label_pihak(dokumen, t.urutan)} ({t.nama})" for t in dibatalkan)
    return f"; tanda tangan {nama} dibatalkan"


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
        raise _tolak(user, terkunci, aksi)
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
    ke, tercatat, tambahan = transisi.ke, aksi, ""
    if aksi == AksiDokumen.TERBITKAN:
        ke, tercatat, tambahan = _tandatangani(terkunci)
    elif aksi == AksiDokumen.KEMBALIKAN:
        tambahan = _batalkan(terkunci)
    RiwayatDokumen.objects.create(
        dokumen=terkunci,
        aksi=tercatat,
        dari_status=terkunci.status,
        ke_status=ke,
        oleh=user,
        catatan=catatan,
    )
    terkunci.status = ke
    terkunci.suntingan += 1
    terkunci.full_clean()
    terkunci.save()
    langkah = AksiDokumen(tercatat).label + tambahan
    langkah += (f" (catatan: {catatan})" if catatan else "") + "."
    catat_perubahan(
        dokumen=terkunci,
        user=user,
        jenis=JenisPerubahan.TRANSISI,
        sebelum=sebelum,
        sesudah=potret(terkunci, baris=sebelum["baris"]),
        keterangan=langkah,
    )
    kirim_setelah_commit(
        langkah_dokumen, Dokumen, dokumen_pk=terkunci.pk, aksi=tercatat, oleh=user, catatan=catatan
    )
    return terkunci


@transaction.atomic
def dokumen_buat_revisi(*, dokumen: Dokumen, user: Pengguna, alasan: str) -> Dokumen:
    """Version N+1 of a published document, as an editable draft copy; N stays verifiable.

    Its rows, and the tables beside them (a PK's programs), keep version N's keys; its signing
    date is left empty for the new signing."""
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
    disusun = saudara.exclude(status=StatusDokumen.TERBIT).order_by("-versi").first()
    if disusun is not None:
        raise TransisiDitolak(
            f"Versi {disusun.versi} sedang disusun ({disusun.get_status_display().lower()}); "
            "lanjutkan versi itu."
        )
    versi = saudara.aggregate(Max("versi"))["versi__max"] + 1
    if versi - 1 > dokumen.versi:
        # A copy of a superseded version would drop the later version's changes.
        raise TransisiDitolak(
            f"Versi ini sudah digantikan oleh versi {versi - 1}; buat revisi dari versi terbaru."
        )
    baru = dokumen_buat(
        satker=dokumen.satker,
        jenis=dokumen.jenis,
        tahun=dokumen.tahun,
        versi=versi,
        label_lampiran=dokumen.label_lampiran,
        tahun_anggaran=dokumen.tahun_anggaran,
        tempat_ttd=dokumen.tempat_ttd,
        # A new version is signed on a new day: version N's date would print on it unnoticed,
        # so the writer fills it in (the checklist refuses publishing without one).
        tanggal_ttd=None,
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
    role allows it, and every party signs in turn as the account linked to its official; a
    missing account or signatory stops with a clear message.
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
        if user is None and aksi == AksiDokumen.TERBITKAN:
            raise TransisiDitolak(
                f"Tidak ada akun aktif satker {dokumen.satker} yang tertaut ke "
                f"{nama_giliran(dokumen, giliran(dokumen))}, yang menandatangani melalui "
                "akunnya sendiri."
            )
        if user is None:
            raise TransisiDitolak(
                f"Tidak ada akun satker {dokumen.satker} yang berhak: {aksi.label.lower()}."
            )
        dokumen = dokumen_transisi(dokumen=dokumen, user=user, aksi=aksi)
    return dokumen
