"""Reads of documents, scoped to the user by the access rule in satker.akses."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple

from django.db.models import F, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from dokumen.baris import data_baris
from dokumen.jenis import (
    BuatDari,
    JenisTerdaftar,
    PihakTtd,
    jenis_terdaftar,
    kode_jenis,
    semua_jenis,
)
from dokumen.kotak import id_kotak
from dokumen.models import (
    Dokumen,
    PresisiTanggal,
    RiwayatDokumen,
    StatusDokumen,
    TandaTangan,
)
from kpu_kinerja.formats import tanggal_panjang
from satker.akses import Pengguna, satker_terlihat
from satker.models import Jabatan, Pejabat, Satker


def dokumen_terlihat(user: Pengguna) -> QuerySet[Dokumen]:
    return Dokumen.objects.filter(satker__in=satker_terlihat(user))


# What a list of documents shows (the API's DokumenRingkasSerializer, the /dokumen/ page).
KOLOM_DAFTAR = (
    *("jenis", "tahun", "versi", "status", "suntingan", "diubah"),
    *("satker__kode", "satker__nama", "satker__tingkat", "satker__induk__kode"),
    "satker__induk__nama",
)


def dokumen_daftar(user: Pengguna) -> QuerySet[Dokumen]:
    """The documents `user` may see, in list order, reading only KOLOM_DAFTAR.

    The one queryset the document list of the API and of the page filter (dokumen.filters).
    """
    return (
        dokumen_terlihat(user)
        .select_related("satker__induk")
        .only(*KOLOM_DAFTAR)
        .order_by("satker__nama", "-tahun", "jenis", "-versi", "pk")
    )


def satker_untuk_saringan(user: Pengguna) -> list[Satker]:
    """The satker `user` may see, by name: the choices offered beside the list's code filters."""
    return list(satker_terlihat(user).only("kode", "nama", "tingkat").order_by("nama", "pk"))


def dokumen_ambil(user: Pengguna, pk: int) -> Dokumen:
    """The document `pk` with its satker and signatory if `user` may see it; else 404."""
    queryset = dokumen_terlihat(user).select_related("satker__induk", "penandatangan")
    try:
        return queryset.get(pk=pk)
    except Dokumen.DoesNotExist:
        raise Http404("Dokumen tidak ditemukan.") from None


def dokumen_per_tahun(satker: Satker) -> list[tuple[int, list[Dokumen]]]:
    """The satker's documents, newest year first, grouped by year; each marked as
    `tandai_digantikan` says, from this one query."""
    semua = list(satker.dokumen.order_by("-tahun", "jenis", "-versi"))
    tandai_digantikan(semua, terbit=semua)
    return [(tahun, list(kelompok)) for tahun, kelompok in groupby(semua, lambda d: d.tahun)]


def tandai_digantikan(semua: Sequence[Dokumen], *, terbit: Iterable[Dokumen] | None = None) -> None:
    """The one rule of a superseded version, for every page and file that shows one: a
    published version is `digantikan` when a later version of the same document (satker,
    type, year) is published too; `versi_pengganti` is then the newest such version (the one
    in force), else None.

    `terbit`: documents that hold every published version of those documents, when the caller
    has them already (the satker page, a document's `versi_pengganti`); else they are read in
    one query, whatever the number of documents.
    """
    kelompok = {(d.satker_id, d.jenis, d.tahun) for d in semua if d.terbit}
    terbaru: dict[tuple[int, str, int], int] = {}
    if terbit is None:
        saring = Q(pk__in=[])
        for satker_id, jenis, tahun in kelompok:
            saring |= Q(satker_id=satker_id, jenis=jenis, tahun=tahun)
        baris = (
            Dokumen.objects.filter(saring, status=StatusDokumen.TERBIT)
            .values("satker_id", "jenis", "tahun")
            .annotate(terbaru=Max("versi"))
            .values_list("satker_id", "jenis", "tahun", "terbaru")
            if kelompok
            else []
        )
    else:
        baris = [(d.satker_id, d.jenis, d.tahun, d.versi) for d in terbit if d.terbit]
    for satker_id, jenis, tahun, versi in baris:
        kunci = (satker_id, jenis, tahun)
        terbaru[kunci] = max(versi, terbaru.get(kunci, versi))
    for dokumen in semua:
        versi = terbaru.get((dokumen.satker_id, dokumen.jenis, dokumen.tahun))
        lebih_baru = dokumen.terbit and versi is not None and versi > dokumen.versi
        dokumen.versi_pengganti = versi if lebih_baru else None
        dokumen.digantikan = lebih_baru


def tanggal_ttd_tertulis(dokumen: Dokumen) -> str:
    """The date as the signature line prints it; "" when the document has none."""
    if dokumen.tanggal_ttd is None:
        return ""
    return tanggal_panjang(
        dokumen.tanggal_ttd, dengan_hari=dokumen.tanggal_ttd_presisi == PresisiTanggal.HARI
    )


def kekurangan_dokumen(dokumen: Dokumen, baris: list[dict] | None = None) -> list[str]:
    """Everything the document still lacks before it can be submitted or signed, at once, in
    words for the user: place and date, the signing parties, rows and their targets, and what
    the tables beside the rows lack (dokumen.jenis.TabelTambahan.kekurangan). `baris`
    (its rows, `data_baris`) saves reading them again."""
    kurang = []
    if not dokumen.tempat_ttd:
        kurang.append("Tempat penandatanganan belum diisi.")
    if dokumen.tanggal_ttd is None:
        kurang.append("Tanggal penandatanganan belum diisi.")
    elif dokumen.tanggal_ttd_presisi != PresisiTanggal.HARI:
        kurang.append("Tanggal penandatanganan belum lengkap (hari belum diisi).")
    kurang.extend(kekurangan_penandatangan(dokumen))
    kurang.extend(kekurangan_baris(dokumen, data_baris(dokumen) if baris is None else baris))
    for tabel in dokumen.jenis_terdaftar.tambahan:  # e.g. a PK's program without anggaran
        kurang.extend(tabel.kekurangan(tabel.baca(dokumen)))
    return kurang


BARIS_DISEBUT_MAKS = 5  # rows named in the message; the rest are counted


def kekurangan_baris(dokumen: Dokumen, baris: list[dict]) -> list[str]:
    """No rows at all; a sasaran without rows; or, for a type whose indicators need a target
    (`target_wajib`), indicators without one (a row without an indicator, such as a kegiatan
    continuing the indicator above, needs none)."""
    terdaftar = dokumen.jenis_terdaftar
    if not terdaftar.daun(baris):
        return ["Dokumen belum berisi baris."]
    kurang = _sasaran_kosong(terdaftar, baris)
    if terdaftar.target_wajib:
        kurang += _tanpa_target(terdaftar, baris)
    return kurang


def _sasaran_kosong(terdaftar: JenisTerdaftar, baris: list[dict]) -> list[str]:
    """A sasaran left without rows (its last row moved or deleted): the page and the print
    show it marked "[belum ada baris]"; it is named and blocks submission."""
    if not terdaftar.berkelompok:
        return []
    kosong = [
        f"Sasaran {s.get('nomor') or posisi}"
        for posisi, s in enumerate(baris, start=1)
        if not s.get(terdaftar.kunci_anak)
    ]
    if not kosong:
        return []
    return [f"{', '.join(kosong)} belum berisi baris: isi atau hapus sasaran itu."]


def _tanpa_target(terdaftar: JenisTerdaftar, baris: list[dict]) -> list[str]:
    label = dict(terdaftar.label_bagian(baris))
    tanpa_target = [
        label.get(b.get("kunci"), "").split(":")[0]
        for b in terdaftar.daun(baris)
        if (b.get("indikator") or "").strip() and not (b.get("target") or "").strip()
    ]
    if not tanpa_target:
        return []
    disebut = "; ".join(tanpa_target[:BARIS_DISEBUT_MAKS])
    if len(tanpa_target) > BARIS_DISEBUT_MAKS:
        disebut += f"; dan {len(tanpa_target) - BARIS_DISEBUT_MAKS} baris lain"
    return [f"Target belum diisi pada {len(tanpa_target)} indikator ({disebut})."]


def dokumen_tahun_itu(sumber: Dokumen, tahun: int) -> Dokumen | None:
    """The satker's existing document of the same type for `tahun`, if any (latest version)."""
    return (
        Dokumen.objects.filter(satker_id=sumber.satker_id, jenis=sumber.jenis, tahun=tahun)
        .order_by("-versi")
        .first()
    )


@dataclass(frozen=True)
class SelRingkasan:
    """One cell of the home page matrix: the latest version of a type in a year, if any."""

    jenis: str
    dokumen: Dokumen | None
    bisa_disalin: bool  # no document of this type exists for the next year yet
    # With no document: the ways to make it from the year's other documents (the PK from the
    # RKT) whose source the satker has that year.
    dari: tuple[BuatDari, ...] = ()


def ringkasan_per_tahun(satker: Satker) -> list[tuple[int, list[SelRingkasan]]]:
    """Years (newest first) × types, each with its latest version: one query."""
    terbaru: dict[tuple[int, str], Dokumen] = {}
    for dokumen in satker.dokumen.order_by("tahun", "jenis", "versi"):
        terbaru[(dokumen.tahun, dokumen.jenis)] = dokumen
    tahun_semua = sorted({tahun for tahun, _ in terbaru}, reverse=True)
    return [
        (
            tahun,
            [
                SelRingkasan(
                    jenis=jenis,
                    dokumen=terbaru.get((tahun, jenis)),
                    bisa_disalin=(tahun, jenis) in terbaru and (tahun + 1, jenis) not in terbaru,
                    dari=()
                    if (tahun, jenis) in terbaru
                    else tuple(
                        b for b in jenis_terdaftar(jenis).buat_dari if (tahun, b.jenis) in terbaru
                    ),
                )
                for jenis in kode_jenis()
            ],
        )
        for tahun in tahun_semua
    ]


@dataclass(frozen=True)
class PilihanBuatDari:
    """A way to make a type from another (dokumen.jenis.BuatDari), with the years it can be
    used for: the satker has the source of that year and no document of the type yet."""

    jenis: JenisTerdaftar
    sumber: BuatDari
    tahun: list[int]


def pilihan_buat_dari(satker: Satker) -> list[PilihanBuatDari]:
    """Every registered way to make a document from another, for the new-document page."""
    ada = set(satker.dokumen.values_list("tahun", "jenis"))
    return [
        PilihanBuatDari(
            j,
            b,
            sorted(
                {t for t, jenis in ada if jenis == b.jenis and (t, j.kode) not in ada},
                reverse=True,
            ),
        )
        for j in semua_jenis()
        for b in j.buat_dari
    ]


@dataclass(frozen=True)
class DibuatDariIni:
    """A type that can be made from a document (a dokumen.jenis.BuatDari whose source is the
    document's type), as that document's page offers it: the satker's document of that type
    and year when there is one (its latest version), else the way to make it."""

    jenis: JenisTerdaftar
    cara: BuatDari
    dokumen: Dokumen | None


def dibuat_dari_ini(dokumen: Dokumen) -> list[DibuatDariIni]:
    """The types that can be made from `dokumen` ("Buat PK dari RKT ini" on the RKT's page),
    asked of the registry: none for a type nothing is made from (no query), else one query.

    A way to make one is offered on the source's latest version only, since making reads
    the latest version; an existing document is linked from every version.
    """
    cara = [(j, b) for j in semua_jenis() for b in j.buat_dari if b.jenis == dokumen.jenis]
    if not cara:
        return []
    terbaru: dict[str, Dokumen] = {}
    for lain in Dokumen.objects.filter(
        satker_id=dokumen.satker_id,
        tahun=dokumen.tahun,
        jenis__in={dokumen.jenis, *(j.kode for j, _ in cara)},
    ).order_by("versi"):
        terbaru[lain.jenis] = lain
    sumber_terbaru = dokumen.jenis not in terbaru or terbaru[dokumen.jenis].versi <= dokumen.versi
    return [
        DibuatDariIni(j, b, terbaru.get(j.kode))
        for j, b in cara
        if j.kode in terbaru or sumber_terbaru
    ]


def pejabat_aktif(
    satker: Satker, jabatan: str, *, pada: datetime.date | None = None
) -> Pejabat | None:
    """The satker's official holding `jabatan` on `pada` (today by default): the term, where
    recorded, covers that day. Of several, the latest appointed (an acting official named
    after the definitive one), then by name."""
    pada = pada or timezone.localdate()
    return (
        satker.pejabat.filter(jabatan=jabatan)
        .filter(Q(mulai_menjabat__isnull=True) | Q(mulai_menjabat__lte=pada))
        .filter(Q(selesai_menjabat__isnull=True) | Q(selesai_menjabat__gte=pada))
        .order_by(F("mulai_menjabat").desc(nulls_last=True), "nama", "pk")
        .first()
    )


def penandatangan_bawaan(satker: Satker, jenis: str) -> Pejabat | None:
    """Who signs by default, as the type declares (the seeds' practice): the active official
    of the first party's jabatan; each document can name another of its officials."""
    pihak = jenis_terdaftar(jenis).pihak_ttd[0]
    return pejabat_aktif(satker, pihak.jabatan_bawaan)


URUTAN_PIHAK = {1: "pertama", 2: "kedua", 3: "ketiga", 4: "keempat", 5: "kelima"}
PESAN_TANPA_PENANDATANGAN = "Penandatangan belum ditetapkan."


def nama_urutan(urutan: int) -> str:
    """ "pihak kedua": how messages name the party signing `urutan`-th."""
    return f"pihak {URUTAN_PIHAK.get(urutan, f'ke-{urutan}')}"


class PenandatanganBelumLengkap(ValueError):
    """A signing party has no official (or the same official twice); the message says which."""


@dataclass(frozen=True)
class PihakTerisi:
    """One signing party of a document and the official who signs for it, in signing order.

    `pejabat` is None, or `kurang` names the problem, when the party cannot be signed yet.
    """

    urutan: int
    pihak: PihakTtd
    pejabat: Pejabat | None
    kurang: str = ""


def pihak_terisi(dokumen: Dokumen) -> list[PihakTerisi]:
    """Every signing party of `dokumen`'s type with who signs it: the one rule.

    - the first party: the document's chosen `penandatangan` (set from `penandatangan_bawaan`
      when the document is made; signing never substitutes anyone);
    - each further party: the satker's active official of the party's `jabatan_bawaan`
      (`pejabat_aktif`), who must not be an official already signing an earlier party.
    Reads nothing for a one-party type beyond the document's own signatory.
    """
    semua = jenis_terdaftar(dokumen.jenis).pihak_ttd
    hasil = [
        PihakTerisi(
            1,
            semua[0],
            dokumen.penandatangan,
            "" if dokumen.penandatangan_id else PESAN_TANPA_PENANDATANGAN,
        )
    ]
    for urutan, pihak in enumerate(semua[1:], start=2):
        pejabat = pejabat_aktif(dokumen.satker, pihak.jabatan_bawaan)
        kurang = ""
        if pejabat is None:
            label = Jabatan(pihak.jabatan_bawaan).label
            kurang = f"Belum ada pejabat {label} aktif untuk {nama_urutan(urutan)}."
        else:
            sebelumnya = next((p for p in hasil if p.pejabat and p.pejabat.pk == pejabat.pk), None)
            if sebelumnya is not None:
                kurang = (
                    f"{pejabat.nama} sudah tercantum sebagai "
                    f"{nama_urutan(sebelumnya.urutan)}; {nama_urutan(urutan)} memerlukan "
                    "pejabat lain."
                )
        hasil.append(PihakTerisi(urutan, pihak, pejabat, kurang))
    return hasil


def kekurangan_penandatangan(dokumen: Dokumen) -> list[str]:
    """What keeps the signing parties from signing, in words for the user (none: ready)."""
    return [p.kurang for p in pihak_terisi(dokumen) if p.kurang]


def pihak_penandatangan(dokumen: Dokumen) -> list[tuple[PihakTtd, Pejabat]]:
    """Each signing party of `dokumen` with its official, in signing order (`pihak_terisi`);
    raises `PenandatanganBelumLengkap` when a party cannot be signed."""
    terisi = pihak_terisi(dokumen)
    kurang = [p.kurang for p in terisi if p.kurang]
    if kurang:
        raise PenandatanganBelumLengkap(" ".join(kurang))
    return [(p.pihak, p.pejabat) for p in terisi]


def tanda_tangan_terbit(dokumen: Dokumen) -> TandaTangan | None:
    """The frozen record of the first party (None before anybody has signed)."""
    return next(iter(tanda_tangan_tercatat(dokumen)), None)


def sedang_ditandatangani(dokumen: Dokumen) -> bool:
    """Approved, and signed by some parties but not yet by all: the stored PDF is partial."""
    return dokumen.status == StatusDokumen.DISETUJUI and bool(dokumen.sha256)


def tanda_tangan_tercatat(dokumen: Dokumen) -> list[TandaTangan]:
    """The frozen records of every party, in signing order, once the first party has signed
    (a party yet to sign has a record without `waktu`); none before."""
    if dokumen.status != StatusDokumen.TERBIT and not sedang_ditandatangani(dokumen):
        return []
    # .all() (ordered by Meta): a list that prefetched the records reads none again.
    return list(dokumen.tanda_tangan.all())


def label_pihak(dokumen: Dokumen, urutan: int) -> str:
    """How pages name the party signing `urutan`-th: its heading ("Pihak Pertama"), else
    "Penandatangan" for a one-party type or "Penandatangan 2" for one of several."""
    terdaftar = jenis_terdaftar(dokumen.jenis)
    if len(terdaftar.pihak_ttd) == 1 and urutan == 1:
        return "Penandatangan"
    return terdaftar.judul_pihak(urutan).rstrip(" ,") or f"Penandatangan {urutan}"


def tanda_tangan_berlabel(dokumen: Dokumen) -> list[tuple[str, TandaTangan]]:
    """The frozen signature records of a document, each with how the verification page names
    its party: "Penandatangan" for a lone signature, else the party's heading ("Pihak
    Pertama") or "Penandatangan 1", "Penandatangan 2", …"""
    tercatat = tanda_tangan_tercatat(dokumen)
    if len(tercatat) == 1:
        return [("Penandatangan", tercatat[0])]
    return [(label_pihak(dokumen, t.urutan), t) for t in tercatat]


@dataclass(frozen=True)
class Giliran:
    """The party whose turn it is to sign an approved document.

    `tanda_tangan` is its record (printed, not yet signed) once the first party has signed;
    before, None, and `pejabat_id` is the document's chosen signatory. `sudah` holds the
    records of the parties who have signed, in order.
    """

    urutan: int
    jumlah: int  # how many parties sign the document
    pejabat_id: int | None
    tanda_tangan: TandaTangan | None
    sudah: tuple[TandaTangan, ...]

    @property
    def terakhir(self) -> bool:
        """Whether this party's signature publishes the document."""
        return self.urutan == self.jumlah


def giliran(dokumen: Dokumen) -> Giliran | None:
    """Who signs `dokumen` next; None unless it is approved and a party has yet to sign.

    Reads the records (one query, none if prefetched) only once the first party has signed.
    """
    if dokumen.status != StatusDokumen.DISETUJUI:
        return None
    if not dokumen.sha256:
        jumlah = len(jenis_terdaftar(dokumen.jenis).pihak_ttd)
        return Giliran(1, jumlah, dokumen.penandatangan_id, None, ())
    tercatat = tanda_tangan_tercatat(dokumen)
    belum = [t for t in tercatat if not t.sudah]
    if not belum:
        return None
    sudah = tuple(t for t in tercatat if t.sudah)
    return Giliran(belum[0].urutan, len(tercatat), belum[0].pejabat_id, belum[0], sudah)


def penandatangan_tercetak(dokumen: Dokumen) -> TandaTangan | Pejabat | None:
    """Whom the signature block names first: once signed, the record; before, the chosen
    official."""
    return tanda_tangan_terbit(dokumen) or dokumen.penandatangan


@dataclass(frozen=True)
class PihakTercetak:
    """One party of the printed signature block, in signing order."""

    urutan: int
    judul: str  # printed above the jabatan ("Pihak Kedua,"), or ""
    penanda: TandaTangan | Pejabat | None  # the frozen record once signed, else the official
    kurang: str = ""  # why nobody is printed yet

    @property
    def kosong(self) -> str:
        """The gap's text when nobody signs yet, e.g. "penandatangan belum ditetapkan"."""
        kurang = self.kurang.rstrip(".")
        if kurang[:2].isupper():  # it opens with a name in capitals: keep it as written
            return kurang
        return kurang[:1].lower() + kurang[1:]

    @property
    def id_kotak(self) -> str:
        """The HTML id of this party's signature box in the print page."""
        return id_kotak(self.urutan)


def pihak_dari_catatan(
    dokumen: Dokumen, tanda_tangan: Sequence[TandaTangan]
) -> list[PihakTercetak]:
    """The block's parties from signature records (stored, or about to be signed)."""
    terdaftar = jenis_terdaftar(dokumen.jenis)
    return [PihakTercetak(t.urutan, terdaftar.judul_pihak(t.urutan), t) for t in tanda_tangan]


def penandatangan_tercetak_semua(dokumen: Dokumen) -> list[PihakTercetak]:
    """Whom the signature block names, party by party: once signed, the frozen records; before,
    the officials `pihak_terisi` names (a gap where a party has none)."""
    tercatat = tanda_tangan_tercatat(dokumen)
    if tercatat:
        return pihak_dari_catatan(dokumen, tercatat)
    return [
        PihakTercetak(p.urutan, p.pihak.judul, p.pejabat if not p.kurang else None, p.kurang)
        for p in pihak_terisi(dokumen)
    ]


def riwayat_dokumen(dokumen: Dokumen) -> list[RiwayatDokumen]:
    return list(dokumen.riwayat.select_related("oleh").order_by("waktu", "pk"))


def _versi_terbit(dokumen: Dokumen) -> QuerySet[Dokumen]:
    """The published versions of the same document (satker, type, year), newest first."""
    return Dokumen.objects.filter(
        satker_id=dokumen.satker_id,
        jenis=dokumen.jenis,
        tahun=dokumen.tahun,
        status=StatusDokumen.TERBIT,
    ).order_by("-versi")


def versi_pengganti(dokumen: Dokumen) -> Dokumen | None:
    """The newest published later version of the same document, if one superseded it."""
    return _versi_terbit(dokumen).filter(versi__gt=dokumen.versi).first()


class VersiLebihBaru(NamedTuple):
    pengganti: Dokumen | None  # the newest published later version: it superseded this one
    disusun: Dokumen | None  # a later version still being written (draf to disetujui)


def versi_lebih_baru(dokumen: Dokumen) -> VersiLebihBaru:
    """The later versions a document's page points to, in one query: the one that superseded
    it, and the one being written, so a published version sends its writers there rather
    than offering a second revision."""
    lebih_baru = Dokumen.objects.filter(
        satker_id=dokumen.satker_id,
        jenis=dokumen.jenis,
        tahun=dokumen.tahun,
        versi__gt=dokumen.versi,
    ).order_by("-versi")
    terbit = [d for d in lebih_baru if d.terbit]
    disusun = [d for d in lebih_baru if not d.terbit]
    return VersiLebihBaru(terbit[0] if terbit else None, disusun[0] if disusun else None)


def versi_yang_direvisi(dokumen: Dokumen) -> Dokumen | None:
    """The published version a revision was made from (the newest earlier one), if any."""
    if dokumen.versi <= 1:
        return None
    return _versi_terbit(dokumen).filter(versi__lt=dokumen.versi).first()
