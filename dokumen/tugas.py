"""What waits for a user on the home page: the to-do lists of each role, scoped by satker.akses.

Each list is a few queries whatever the number of documents and notes (pinned by
tests/dokumen/test_tugas_kueri.py). Who may take a step is asked of the workflow's own table
(`dokumen.alur.TRANSISI`), never decided here a second time.
"""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)

from dokumen.alur import TRANSISI
from dokumen.jenis import semua_jenis
from dokumen.models import (
    AksiDokumen,
    CatatanReviu,
    Dokumen,
    RiwayatDokumen,
    StatusDokumen,
    TandaTangan,
)
from dokumen.selectors import dokumen_terlihat
from satker.akses import Pengguna, profil_pengguna
from satker.models import Satker


def _langkah_terakhir(aksi: str | None = None) -> Subquery:
    """The pk of a document's latest workflow step (of kind `aksi` when given)."""
    langkah = RiwayatDokumen.objects.filter(dokumen=OuterRef("pk"))
    if aksi is not None:
        langkah = langkah.filter(aksi=aksi)
    return Subquery(langkah.order_by("-waktu", "-pk").values("pk")[:1])


def _dengan_langkah(dokumen: QuerySet[Dokumen], aksi: str | None = None) -> list[Dokumen]:
    """The documents, each with `langkah`: its latest step (of kind `aksi`), read with who took
    it in one more query; and `jumlah_pengajuan`, how often it was submitted."""
    semua = list(
        dokumen.annotate(
            langkah_pk=_langkah_terakhir(aksi),
            jumlah_pengajuan=Count("riwayat", filter=Q(riwayat__aksi=AksiDokumen.AJUKAN)),
        )
    )
    langkah = RiwayatDokumen.objects.select_related("oleh__profil__satker").in_bulk(
        [d.langkah_pk for d in semua if d.langkah_pk]
    )
    for item in semua:
        item.langkah = langkah.get(item.langkah_pk)
    return semua


def _milik(satker: Satker) -> QuerySet[Dokumen]:
    return Dokumen.objects.filter(satker=satker).select_related("satker")


@dataclass(frozen=True)
class TugasPenulis:
    """The satker staff's lists: returned drafts, open review notes, drafts in progress."""

    dikembalikan: list[Dokumen]  # each with `langkah`, the KEMBALIKAN step (note, who, when)
    catatan_terbuka: list[CatatanReviu]
    draf: list[Dokumen]
    diproses: list[Dokumen]  # submitted or approved, waiting for the Ketua or the signatory


def tugas_penulis(satker: Satker) -> TugasPenulis:
    """The lists of the staff who write `satker`'s documents (four queries)."""
    draf = _dengan_langkah(_milik(satker).filter(status=StatusDokumen.DRAF).order_by("-diubah"))
    # A draft whose latest step returned it: "Draf" alone would hide that someone asked for
    # changes.
    dikembalikan = [d for d in draf if d.langkah and d.langkah.aksi == AksiDokumen.KEMBALIKAN]
    catatan = (
        CatatanReviu.objects.filter(dokumen__satker=satker, selesai=False, jawaban="")
        .select_related("dokumen", "oleh__profil__satker")
        .order_by("dibuat", "pk")
    )
    diproses = (
        _milik(satker)
        .filter(status__in=[StatusDokumen.DIAJUKAN, StatusDokumen.DISETUJUI])
        .order_by("-diubah")
    )
    return TugasPenulis(
        dikembalikan=dikembalikan,
        catatan_terbuka=list(catatan),
        draf=[d for d in draf if d not in dikembalikan],
        diproses=list(diproses),
    )


def _boleh(aksi: AksiDokumen, user: Pengguna, dokumen: Dokumen) -> bool:
    transisi = TRANSISI[aksi]
    return dokumen.status in transisi.dari and transisi.berhak(user, dokumen)


def menunggu_persetujuan(user: Pengguna, satker: Satker) -> list[Dokumen]:
    """Submitted documents of `satker` that `user` may approve, each with `langkah`, its latest
    submission, and `jumlah_pengajuan` (two queries)."""
    diajukan = _milik(satker).filter(status=StatusDokumen.DIAJUKAN).order_by("diubah", "pk")
    semua = _dengan_langkah(diajukan, AksiDokumen.AJUKAN)
    return [d for d in semua if _boleh(AksiDokumen.SETUJUI, user, d)]


def menunggu_tanda_tangan(user: Pengguna, satker: Satker) -> list[Dokumen]:
    """Approved documents of `satker` whose turn to sign is `user`'s party (two queries, and
    one more for the records when some are partly signed).

    Each party signs in turn through its own account (dokumen.penandatanganan): before the
    first signature the first party's (the document's chosen signatory), then the account of
    the first party in the records that has not signed yet.
    """
    profil = profil_pengguna(user)
    if profil is None or profil.pejabat_id is None:
        return []
    belum_anda = TandaTangan.objects.filter(
        dokumen=OuterRef("pk"), pejabat_id=profil.pejabat_id, waktu__isnull=True
    )
    disetujui = (
        _milik(satker)
        .filter(status=StatusDokumen.DISETUJUI)
        .filter(Q(sha256="", penandatangan_id=profil.pejabat_id) | Exists(belum_anda))
        .order_by("diubah", "pk")
    )
    semua = _dengan_langkah(disetujui, AksiDokumen.AJUKAN)
    # Whose turn it is is read from the records once the first party has signed.
    prefetch_related_objects([d for d in semua if d.sha256], "tanda_tangan")
    return [d for d in semua if _boleh(AksiDokumen.TERBITKAN, user, d)]


@dataclass(frozen=True)
class BelumAda:
    """A type with no document yet in the planning year, and last year's one to copy, if any."""

    jenis: str
    label: str
    tahun_lalu: Dokumen | None


def dokumen_belum_ada(satker: Satker, tahun: int) -> list[BelumAda]:
    """The registered types `satker` has no document of for `tahun` (one query)."""
    ada: dict[tuple[int, str], Dokumen] = {}
    for item in satker.dokumen.filter(tahun__in=[tahun - 1, tahun]).order_by("versi"):
        ada[(item.tahun, item.jenis)] = item  # the latest version stays
    return [
        BelumAda(jenis.kode, jenis.label, ada.get((tahun - 1, jenis.kode)))
        for jenis in semua_jenis()
        if (tahun, jenis.kode) not in ada
    ]


def menunggu_reviu(user: Pengguna) -> list[Dokumen]:
    """The provinsi reviewer's queue: submitted or approved documents of the satker under its
    provinsi with no note yet or a note still open, each with `catatan_terbuka` and
    `catatan_dijawab` (answered, not yet closed) counts (one query)."""
    profil = profil_pengguna(user)
    if profil is None:
        return []
    terbuka = Q(catatan_reviu__selesai=False)
    ada_catatan = Exists(CatatanReviu.objects.filter(dokumen=OuterRef("pk")))
    return list(
        dokumen_terlihat(user)
        .filter(
            satker__induk_id=profil.satker_id,
            status__in=[StatusDokumen.DIAJUKAN, StatusDokumen.DISETUJUI],
        )
        .select_related("satker")
        .annotate(
            catatan_terbuka=Count("catatan_reviu", filter=terbuka & Q(catatan_reviu__jawaban="")),
            catatan_dijawab=Count("catatan_reviu", filter=terbuka & ~Q(catatan_reviu__jawaban="")),
            ada_catatan=ada_catatan,
        )
        .filter(Q(ada_catatan=False) | Q(catatan_terbuka__gt=0) | Q(catatan_dijawab__gt=0))
        .order_by("diubah", "pk")
    )
