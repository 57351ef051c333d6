"""What changed since the previous submission: the Ketua's view of a resubmitted document.

The state at a submission is the audit snapshot of that AJUKAN step (dokumen.alur records the
header and rows it was submitted with), or, for a step without one, the latest snapshot before
it. It is compared with the document as it stands now by the one comparison, dokumen.beda, and
laid out here for reading: header fields, then per sasaran the rows added, changed, removed and
moved, each before → after.
"""

from dataclasses import dataclass, field
from typing import Any

from dokumen.beda import KOLOM_IDENTITAS, BedaBaris, BedaDokumen, beda_potret
from dokumen.beda_tampil import KOSONG, SelBeda, label_kolom, sel_beda, teks_nilai
from dokumen.jejak import Potret, potret
from dokumen.jenis import JenisTerdaftar, jenis_terdaftar
from dokumen.models import (
    AksiDokumen,
    Dokumen,
    JenisPerubahan,
    RiwayatDokumen,
    StatusDokumen,
)
from dokumen.selectors import riwayat_dokumen, versi_yang_direvisi

# Header fields the workflow sets, not the writer: a new status or signature is no change of
# content for the Ketua to check.
KEPALA_ALUR = frozenset({"status", "versi", "sha256", "tanda_tangan"})


@dataclass(frozen=True)
class BarisTampil:
    """One row (or sasaran) that differs, as the page shows it."""

    beda: BedaBaris
    label: str
    kolom: list[SelBeda]
    pindah_dari: str = ""  # the sasaran it stood under before, when it moved to another

    @property
    def jenis(self) -> str:
        return self.beda.jenis.value


@dataclass
class KelompokTampil:
    """A sasaran (None for a type without sasaran) and its rows that differ."""

    sasaran: BarisTampil | None
    judul: str
    baris: list[BarisTampil] = field(default_factory=list)


@dataclass(frozen=True)
class PerubahanPengajuan:
    """The document now against its state at submission `dasar`."""

    dasar: RiwayatDokumen | None  # the submission compared with (None: `versi_dasar`)
    ke: int  # which submission `dasar` was (1 = the first)
    tanpa_potret: bool  # nothing recorded the state at `dasar`
    kepala: list[SelBeda]
    kelompok: list[KelompokTampil]
    jumlah_baris: dict[str, int]
    jumlah_sasaran: dict[str, int]
    tidak_berubah: int  # rows kept as they were, in place
    # A new version not yet submitted twice is compared with the published one it revises.
    versi_dasar: Dokumen | None = None

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.kepala or self.kelompok)


def _langkah_berikut(riwayat: list[RiwayatDokumen], langkah: RiwayatDokumen):
    sesudahnya = riwayat[riwayat.index(langkah) + 1 :]
    return sesudahnya[0] if sesudahnya else None


def potret_pengajuan(
    dokumen: Dokumen, langkah: RiwayatDokumen, berikut: RiwayatDokumen | None
) -> Potret | None:
    """The header and rows `dokumen` was submitted with at step `langkah` (`berikut`, the step
    after it, bounds the search); None when no snapshot was recorded by then."""
    jejak = dokumen.jejak.filter(
        jenis=JenisPerubahan.TRANSISI,
        waktu__gte=langkah.waktu,
        sesudah__kepala__status=StatusDokumen.DIAJUKAN,
    )
    if berikut is not None:
        jejak = jejak.filter(waktu__lte=berikut.waktu)
    sesudah = jejak.order_by("waktu", "pk").values_list("sesudah", flat=True).first()
    if sesudah is None:  # a step recorded before the audit history: the last save before it
        sebelumnya = dokumen.jejak.filter(waktu__lte=langkah.waktu).order_by("-waktu", "-pk")
        sesudah = sebelumnya.values_list("sesudah", flat=True).first()
    return sesudah


Pembanding = tuple[RiwayatDokumen, int, RiwayatDokumen | None]


def pengajuan_pembanding(dokumen: Dokumen) -> Pembanding | None:
    """The submission to compare with, which one it was, and the step after it; None when there
    is none: while submitted (or later), the one before the current; as a draft, the latest."""
    riwayat = riwayat_dokumen(dokumen)
    pengajuan = [r for r in riwayat if r.aksi == AksiDokumen.AJUKAN]
    mundur = 1 if dokumen.status == StatusDokumen.DRAF else 2
    if len(pengajuan) < mundur:
        return None
    dasar = pengajuan[-mundur]
    return dasar, len(pengajuan) - mundur + 1, _langkah_berikut(riwayat, dasar)


def perubahan_sejak_pengajuan(dokumen: Dokumen) -> PerubahanPengajuan | None:
    """What differs between the previous submission and now — for a revision submitted once,
    between the published version it revises and now (the versions share their rows' keys);
    None if there is nothing to compare with."""
    pembanding = pengajuan_pembanding(dokumen)
    versi_dasar = None
    if pembanding is not None:
        dasar, ke, berikut = pembanding
        lama = potret_pengajuan(dokumen, dasar, berikut)
    elif (versi_dasar := versi_yang_direvisi(dokumen)) is not None:
        dasar, ke, lama = None, 0, potret(versi_dasar)
    else:
        return None
    sekarang = potret(dokumen)
    beda = beda_potret(dokumen.jenis, lama or {}, sekarang)
    return PerubahanPengajuan(
        dasar=dasar,
        ke=ke,
        tanpa_potret=lama is None,
        kepala=[] if lama is None else _kepala(beda),
        kelompok=[] if lama is None else _kelompok(dokumen.jenis, beda, lama, sekarang),
        jumlah_baris=dict(BedaDokumen.hitung(beda.baris)),
        jumlah_sasaran=dict(BedaDokumen.hitung(beda.sasaran)),
        tidak_berubah=sum(not b.berubah for b in beda.baris),
        versi_dasar=versi_dasar,
    )


# -- values as a person reads them: in the words of the audit's before/after (beda_tampil) ----


def _kepala(beda: BedaDokumen) -> list[SelBeda]:
    return [
        SelBeda(
            label_kolom(Dokumen, nama), teks_nilai(Dokumen, nama, a), teks_nilai(Dokumen, nama, b)
        )
        for nama, a, b in beda.kepala
        if nama not in KEPALA_ALUR
    ]


def _judul_sasaran(data: dict[str, Any]) -> str:
    return f"Sasaran {data.get('nomor') or '-'}: {data.get('sasaran') or KOSONG}"


def _kelompok(jenis: str, beda: BedaDokumen, lama: Potret, baru: Potret) -> list[KelompokTampil]:
    """Changed rows under their sasaran (as now; a removed row under its sasaran then)."""
    terdaftar = jenis_terdaftar(jenis)
    model_sasaran, model_baris = terdaftar.model_baris[0], terdaftar.model_baris[-1]
    label = dict(terdaftar.label_bagian(lama.get("baris") or []))
    label |= dict(terdaftar.label_bagian(baru.get("baris") or []))
    # The type's column order, from the rows as read now (else as they were).
    semua = [*(baru.get("baris") or []), *(lama.get("baris") or [])]
    urutan_sasaran = list(semua[0]) if semua else []
    daun = [*terdaftar.daun(baru.get("baris") or []), *terdaftar.daun(lama.get("baris") or [])]
    urutan_baris = list(daun[0]) if daun else []

    def tampil(b: BedaBaris, pindah_dari: str = "") -> BarisTampil:
        # A snapshot from before rows had keys has no label by key: the row's place then.
        teks = label.get(str(b.kunci)) or "Baris tanpa kunci"
        kolom = sel_beda(model_baris, b, KOLOM_IDENTITAS, urutan_baris)
        return BarisTampil(b, teks, kolom, pindah_dari)

    if not terdaftar.berkelompok:
        kelompok = KelompokTampil(None, "")
        kelompok.baris = [tampil(b) for b in beda.baris if b.berubah]
        return ([kelompok] if kelompok.baris else []) + _kelompok_tambahan(terdaftar, beda)

    anak = terdaftar.kunci_anak
    kelompok: list[KelompokTampil] = []
    # Each sasaran dict (before and after) → its group; each row dict → its sasaran dict.
    grup: dict[int, KelompokTampil] = {}
    for s in beda.sasaran:
        data = s.sesudah or s.sebelum
        tampil_sasaran = BarisTampil(
            s,
            _judul_sasaran(data),
            sel_beda(model_sasaran, s, KOLOM_IDENTITAS | {anak}, urutan_sasaran),
        )
        item = KelompokTampil(tampil_sasaran if s.berubah else None, _judul_sasaran(data))
        kelompok.append(item)
        for sisi in (s.sebelum, s.sesudah):
            if sisi is not None:
                grup[id(sisi)] = item
    induk: dict[int, dict[str, Any]] = {}
    for potret_ in (lama, baru):
        for s in potret_.get("baris") or []:
            for b in s.get(anak) or []:
                induk[id(b)] = s
    for b in beda.baris:
        if not b.berubah:
            continue
        sasaran_kini = induk.get(id(b.sesudah if b.sesudah is not None else b.sebelum))
        sasaran_dulu = induk.get(id(b.sebelum)) if b.sebelum is not None else None
        pindah_dari = ""
        lain = grup.get(id(sasaran_dulu)) is not grup.get(id(sasaran_kini))
        if b.sesudah is not None and sasaran_dulu is not None and lain:
            pindah_dari = _judul_sasaran(sasaran_dulu)
        grup[id(sasaran_kini)].baris.append(tampil(b, pindah_dari))
    berisi = [k for k in kelompok if k.sasaran is not None or k.baris]
    return berisi + _kelompok_tambahan(terdaftar, beda)


def _kelompok_tambahan(terdaftar: JenisTerdaftar, beda: BedaDokumen) -> list[KelompokTampil]:
    """Each table beside the rows (a PK's programs) as a group of its rows that differ, each
    named by its texts."""
    hasil = []
    for tabel in terdaftar.tambahan:
        item = KelompokTampil(None, tabel.label)
        for b in beda.tambahan.get(tabel.kunci, []):
            if not b.berubah:
                continue
            data = b.sesudah or b.sebelum or {}
            teks = [v for k, v in data.items() if k not in KOLOM_IDENTITAS and isinstance(v, str)]
            kolom = sel_beda(tabel.tingkat.model, b, KOLOM_IDENTITAS, list(data))
            item.baris.append(BarisTampil(b, " ".join(t for t in teks if t), kolom))
        if item.baris:
            hasil.append(item)
    return hasil
