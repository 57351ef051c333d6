"""What changed between two states of a document's rows and header, row by row, by key.

One comparison for every reader of a change: the audit history's summary line and its
before/after view, the Ketua's "what changed since the previous submission", and the editor's
save conflict (their change beside mine). Rows are paired by their key (`kunci`,
dokumen.baris), so a reordered row is "moved", not "changed" twice; a snapshot taken before rows
had keys pairs by position instead.

For a grouped type (RKT, RAK) the sasaran are compared as one list and their rows as another,
across sasaran: a row that moved to another sasaran is "moved" too.
"""

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from dokumen.jenis import jenis_terdaftar

# Not content: a row's identity and lineage, which the pairing itself uses.
KOLOM_IDENTITAS = frozenset({"kunci", "asal"})


class JenisBeda(StrEnum):
    DITAMBAH = "ditambah"
    DIUBAH = "diubah"
    DIHAPUS = "dihapus"
    SAMA = "sama"


@dataclass(frozen=True)
class BedaBaris:
    """One row (or sasaran) in the comparison: what it was, what it is, and how it differs."""

    jenis: JenisBeda
    kunci: str | None
    sebelum: dict[str, Any] | None
    sesudah: dict[str, Any] | None
    kolom: tuple[str, ...] = ()  # the content columns that differ (DIUBAH)
    pindah: bool = False  # kept, but at another place (or under another sasaran)

    @property
    def berubah(self) -> bool:
        return self.jenis != JenisBeda.SAMA or self.pindah


@dataclass(frozen=True)
class BedaDokumen:
    """A document's change: header fields (name, before, after), sasaran and rows."""

    kepala: list[tuple[str, Any, Any]] = field(default_factory=list)
    sasaran: list[BedaBaris] = field(default_factory=list)
    baris: list[BedaBaris] = field(default_factory=list)
    # The tables beside the rows (dokumen.jenis.TabelTambahan), by their key: the PK's programs.
    tambahan: dict[str, list[BedaBaris]] = field(default_factory=dict)

    @property
    def ada_perubahan(self) -> bool:
        lain = (b for daftar in self.tambahan.values() for b in daftar)
        return bool(self.kepala) or any(b.berubah for b in (*self.sasaran, *self.baris, *lain))

    @staticmethod
    def hitung(daftar: Iterable[BedaBaris]) -> Counter:
        """How many of each kind, with kept rows that only moved counted as "dipindah"."""
        hasil: Counter = Counter()
        for beda in daftar:
            if beda.jenis != JenisBeda.SAMA:
                hasil[beda.jenis.value] += 1
            elif beda.pindah:
                hasil["dipindah"] += 1
        return hasil


def _isi(baris: dict[str, Any], abaikan: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in baris.items() if k not in abaikan}


def _kunci_semua(daftar: list[dict[str, Any]]) -> bool:
    return bool(daftar) and all(b.get("kunci") for b in daftar)


def beda_daftar(
    sebelum: list[dict[str, Any]],
    sesudah: list[dict[str, Any]],
    *,
    abaikan: frozenset[str] = frozenset(),
    induk_sebelum: list[Any] | None = None,
    induk_sesudah: list[Any] | None = None,
) -> list[BedaBaris]:
    """Pair two lists of rows by key (by position when either side lacks keys) and say how each
    differs. The result follows `sesudah`'s order, a removed row standing after the row that
    preceded it before. `induk_*` name each row's sasaran, so a change of sasaran is a move;
    `abaikan` are columns not compared (e.g. a sasaran's nested rows)."""
    abaikan = abaikan | KOLOM_IDENTITAS
    induk_sebelum = induk_sebelum or [None] * len(sebelum)
    induk_sesudah = induk_sesudah or [None] * len(sesudah)
    if _kunci_semua(sebelum) and _kunci_semua(sesudah) or not (sebelum and sesudah):
        kunci_lama = [b.get("kunci") or f"#lama{i}" for i, b in enumerate(sebelum)]
        kunci_baru = [b.get("kunci") or f"#baru{i}" for i, b in enumerate(sesudah)]
    else:  # an old snapshot without keys: the row at place n before is the one at n after
        kunci_lama = [f"#{i}" for i in range(len(sebelum))]
        kunci_baru = [f"#{i}" for i in range(len(sesudah))]
    lama = {k: i for i, k in enumerate(kunci_lama)}
    baru = set(kunci_baru)
    # The fewest kept rows that moved: those outside the longest run kept in the old order.
    tetap = [k for k in kunci_baru if k in lama]
    di_tempat = _urutan_terpanjang(tetap, lama)

    hasil: list[BedaBaris] = []
    for n, (kunci, data) in enumerate(zip(kunci_baru, sesudah, strict=True)):
        nyata = data.get("kunci")
        if kunci not in lama:
            hasil.append(BedaBaris(JenisBeda.DITAMBAH, nyata, None, data))
            continue
        i = lama[kunci]
        a, b = _isi(sebelum[i], abaikan), _isi(data, abaikan)
        kolom = tuple(k for k in dict.fromkeys([*b, *a]) if a.get(k) != b.get(k))
        pindah = kunci not in di_tempat or induk_sebelum[i] != induk_sesudah[n]
        jenis = JenisBeda.DIUBAH if kolom else JenisBeda.SAMA
        hasil.append(BedaBaris(jenis, nyata, sebelum[i], data, kolom, pindah))

    # Removed rows, each after the output row of its nearest kept predecessor.
    posisi = {id(b.sebelum): n for n, b in enumerate(hasil) if b.sebelum is not None}
    sisip: list[tuple[int, BedaBaris]] = []
    sebelumnya = -1
    for kunci, data in zip(kunci_lama, sebelum, strict=True):
        if kunci in baru:
            sebelumnya = posisi[id(data)]
            continue
        sisip.append((sebelumnya, BedaBaris(JenisBeda.DIHAPUS, data.get("kunci"), data, None)))
    for urutan, (setelah, beda) in enumerate(sisip):
        hasil.insert(setelah + 1 + urutan, beda)
    return hasil


def _urutan_terpanjang(kunci: list[str], tempat: dict[str, int]) -> set[str]:
    """The keys of the longest subsequence of `kunci` whose old places (`tempat`) increase."""
    ujung: list[int] = []  # ujung[n]: index in `kunci` ending the best run of length n + 1
    sebelumnya: list[int] = [-1] * len(kunci)
    for i, k in enumerate(kunci):
        nilai = [tempat[kunci[j]] for j in ujung]
        n = bisect.bisect_left(nilai, tempat[k])
        sebelumnya[i] = ujung[n - 1] if n else -1
        if n == len(ujung):
            ujung.append(i)
        else:
            ujung[n] = i
    hasil, i = set(), ujung[-1] if ujung else -1
    while i != -1:
        hasil.add(kunci[i])
        i = sebelumnya[i]
    return hasil


def _pecah(kunci_anak: str | None, baris: list[dict[str, Any]]):
    """(sasaran, rows across sasaran, each row's sasaran key) of a grouped type; for a flat one
    ([], rows, None)."""
    if kunci_anak is None:
        return [], list(baris), None
    anak, induk = [], []
    for posisi, sasaran in enumerate(baris):
        for b in sasaran.get(kunci_anak) or []:
            anak.append(b)
            induk.append(sasaran.get("kunci") or f"#{posisi}")
    return list(baris), anak, induk


def beda_kepala(sebelum: dict[str, Any], sesudah: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, before, after) of every header field that differs, in `sesudah`'s order."""
    kolom = list(dict.fromkeys([*sesudah, *sebelum]))
    return [(k, sebelum.get(k), sesudah.get(k)) for k in kolom if sebelum.get(k) != sesudah.get(k)]


def beda_potret(jenis: str, sebelum: dict[str, Any], sesudah: dict[str, Any]) -> BedaDokumen:
    """The change between two snapshots (dokumen.jejak.potret) of a document of type `jenis`;
    a table beside the rows is under its own key in the snapshot (absent: none)."""
    terdaftar = jenis_terdaftar(jenis)
    return BedaDokumen(
        kepala=beda_kepala(sebelum.get("kepala") or {}, sesudah.get("kepala") or {}),
        **beda_isi(terdaftar.kunci_anak, sebelum.get("baris") or [], sesudah.get("baris") or []),
        tambahan={
            t.kunci: beda_daftar(sebelum.get(t.kunci) or [], sesudah.get(t.kunci) or [])
            for t in terdaftar.tambahan
        },
    )


def beda_isi(
    kunci_anak: str | None, sebelum: list[dict[str, Any]], sesudah: list[dict[str, Any]]
) -> dict[str, list[BedaBaris]]:
    """The sasaran and row comparisons of two states of a document's rows (the shared shape)."""
    sasaran_lama, anak_lama, induk_lama = _pecah(kunci_anak, sebelum)
    sasaran_baru, anak_baru, induk_baru = _pecah(kunci_anak, sesudah)
    abaikan = frozenset({kunci_anak}) if kunci_anak else frozenset()
    return {
        "sasaran": beda_daftar(sasaran_lama, sasaran_baru, abaikan=abaikan),
        "baris": beda_daftar(
            anak_lama, anak_baru, induk_sebelum=induk_lama, induk_sesudah=induk_baru
        ),
    }
