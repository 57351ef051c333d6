"""A filled realisasi template read back: per row its indicator (by the hidden key), what is
stored, what the file asks for, and what is wrong with it; then applied as a whole.

Each row becomes the entry form's own input (`pengukuran.forms.RealisasiForm`: the stored
entry, with the cells the user filled in over it), so a figure is read and judged exactly as
typed on the quarter's page ("87,5", "87.5", "87,5%", a value of the scale, the percentage's
numerator not above its denominator, …). An empty realisasi cell keeps the stored figure; the
text cells hold the stored text and replace it. Applying saves the changed rows through
`pengukuran.services.realisasi_simpan`, in one transaction, after reading and checking the
file again against the database as it is then.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from kpu_kinerja.formats import desimal
from pengukuran.capaian import SERATUS, TEMPAT_DESIMAL, nilai_skala
from pengukuran.forms import RealisasiForm
from pengukuran.models import Realisasi
from pengukuran.selectors import BarisPengukuran, TabelPengukuran
from pengukuran.services import laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import NAMA_TRIWULAN
from pertukaran.baca import Tabel
from pertukaran.berkas import Format, periksa_berkas
from pertukaran.lembar import lembar_xlsx
from pertukaran.realisasi import (
    BARIS_KEPALA,
    KEPALA_KUNCI,
    KOLOM,
    NAMA_LEMBAR,
    NAMA_LEMBAR_IDENTITAS,
    baca_tanda,
)
from satker.akses import Pengguna
from satker.models import Satker

NAMA_ISIAN = {
    "nilai": "Realisasi",
    "nilai_skala": "Realisasi",
    "pembilang": "Pembilang",
    "penyebut": "Penyebut",
    "tidak_terukur": "Tidak dapat diukur",
    "alasan_tidak_terukur": "Alasan tidak dapat diukur",
    "catatan": "Catatan",
    "kendala": "Kendala",
    "solusi": "Solusi / tindak lanjut",
}


class UnggahanDitolak(Exception):
    """The file as a whole is refused (not our template, another satker's or quarter's, …);
    `pesan` says why, in Indonesian."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


@dataclass
class BarisUnggahan:
    """One row of the upload: its indicator (`indikator_id` None for an unknown key), the
    realisasi stored and the one asked for, the other changes, the entry to save, and the
    problems (nothing applies while any row has one)."""

    baris: int  # the sheet's row number, as the spreadsheet shows it
    indikator: str
    lama: str = ""
    baru: str = ""
    perubahan: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)
    pesan: list[str] = field(default_factory=list)
    indikator_id: int | None = None
    isian: dict[str, Any] | None = None

    @property
    def berubah(self) -> bool:
        return not self.pesan and bool(self.perubahan)


@dataclass
class Pratinjau:
    """Every row of an upload, in the sheet's order."""

    baris: list[BarisUnggahan]

    @property
    def jumlah_galat(self) -> int:
        return sum(1 for b in self.baris if b.pesan)

    @property
    def jumlah_berubah(self) -> int:
        return sum(1 for b in self.baris if b.berubah)

    @property
    def boleh_diterapkan(self) -> bool:
        return self.jumlah_galat == 0 and self.jumlah_berubah > 0

    def isian(self) -> dict[int, dict[str, Any]]:
        """The changed rows in the service's shape ({indikator id: entry})."""
        return {b.indikator_id: b.isian for b in self.baris if b.berubah}


def _lembar(isi: bytes) -> tuple[Tabel, str]:
    """The template's sheet (its cells as the text they show) and its identity, read within
    pertukaran.lembar's bounds (rows, columns, formulas without saved values)."""
    lembar = dict(lembar_xlsx(isi))
    identitas = lembar.get(NAMA_LEMBAR_IDENTITAS)
    if NAMA_LEMBAR not in lembar or identitas is None:
        raise UnggahanDitolak(
            "Berkas ini bukan templat realisasi dari aplikasi ini: unduh templatnya dari "
            "halaman triwulan, isi, lalu unggah berkas itu."
        )
    return lembar[NAMA_LEMBAR], (identitas[0][0] if identitas and identitas[0] else "")


def _periksa_identitas(teks: str, satker: Satker, tahun: int, tw: int) -> None:
    tanda = baca_tanda(teks)
    if tanda is None:
        raise UnggahanDitolak(
            "Identitas templat tidak dikenali (berkas dibuat atau diubah di luar aplikasi): "
            "unduh templat yang baru."
        )
    if (tanda.get("satker"), tanda.get("tahun"), tanda.get("tw")) != (satker.kode, tahun, tw):
        lain = f"{NAMA_TRIWULAN.get(tanda.get('tw'), '?')} {tanda.get('tahun')}"
        raise UnggahanDitolak(
            f"Berkas ini templat realisasi {lain} satker “{tanda.get('satker')}”, bukan "
            f"{NAMA_TRIWULAN[tw]} {tahun} {satker.nama}: unggah templat triwulan ini."
        )


def _sel_baris(tabel: Tabel) -> list[tuple[int, dict[str, str]]]:
    """The template's rows below its header, each as {column key: text shown}, numbered as
    the spreadsheet numbers them."""
    kepala = tabel[BARIS_KEPALA - 1] if len(tabel) >= BARIS_KEPALA else []
    if kepala[:1] != [KEPALA_KUNCI] or len(kepala) < len(KOLOM):
        raise UnggahanDitolak(
            f"Susunan kolom lembar “{NAMA_LEMBAR}” tidak seperti templatnya (baris "
            f"{BARIS_KEPALA} adalah judul kolom): unduh templat yang baru."
        )
    hasil = []
    for nomor, baris in enumerate(tabel[BARIS_KEPALA:], start=BARIS_KEPALA + 1):
        baris = (baris + [""] * len(KOLOM))[: len(KOLOM)]
        teks = {k.kunci: sel.strip() for k, sel in zip(KOLOM, baris, strict=True)}
        if any(teks.values()):
            hasil.append((nomor, teks))
    return hasil


def _awal(form: RealisasiForm) -> dict[str, str]:
    """The stored entry as the form's POST would carry it ("1.234,5", "on")."""
    data = {}
    for nama, kolom in form.fields.items():
        nilai = form.initial.get(nama)
        if nilai in (None, "", False):
            continue
        data[nama] = "on" if nilai is True else str(kolom.prepare_value(nilai))
    return data


def _data_form(form: RealisasiForm, sel: dict[str, str]) -> dict[str, str]:
    """The stored entry with the row's filled cells over it."""
    data = _awal(form)
    angka = {k: sel[k] for k in ("nilai", "pembilang", "penyebut") if sel[k]}
    alasan = sel["alasan_tidak_terukur"]
    if angka or alasan:
        # A new figure (or a reason it cannot be measured) replaces the stored one whole.
        for k in ("nilai", "nilai_skala", "pembilang", "penyebut"):
            data.pop(k, None)
    if angka:
        kunci = "nilai_skala" if form.kualitatif else "nilai"
        if "nilai" in angka:
            teks = angka.pop("nilai")
            angka[kunci] = nilai_skala(teks) if form.kualitatif else teks
        data |= angka
    data.pop("tidak_terukur", None)
    if alasan:
        data["tidak_terukur"] = "on"
    for k in ("alasan_tidak_terukur", "catatan", "kendala", "solusi"):
        data[k] = sel[k]
    return {f"{form.prefix}-{k}": v for k, v in data.items()}


def tertulis(isian: dict[str, Any] | None) -> str:
    """An entry's figure as the quarter's page writes it."""
    if not isian:
        return ""
    if isian.get("tidak_terukur"):
        return "Tidak dapat diukur"
    if isian.get("nilai_skala"):
        return isian["nilai_skala"]
    pembilang, penyebut = isian.get("pembilang"), isian.get("penyebut")
    if pembilang is not None and penyebut:
        nilai = (pembilang / penyebut * SERATUS).quantize(TEMPAT_DESIMAL)
        return f"{desimal(nilai)} ({desimal(pembilang)}/{desimal(penyebut)})"
    nilai = isian.get("nilai")
    return desimal(nilai) if isinstance(nilai, Decimal) else ""


def _lama(realisasi: Realisasi | None) -> dict[str, Any] | None:
    if realisasi is None:
        return None
    return {
        "tidak_terukur": realisasi.tidak_terukur,
        "nilai_skala": realisasi.nilai_skala,
        "nilai": None if realisasi.penyebut is not None else realisasi.nilai,
        "pembilang": realisasi.pembilang,
        "penyebut": realisasi.penyebut,
    }


def _cari(hasil: BarisUnggahan, sel, per_kunci, dilihat) -> BarisPengukuran | None:
    """The row's indicator by its key, once per file; else the row's message."""
    try:
        kunci = uuid.UUID(sel["kunci"])
    except ValueError:
        kunci = None
    if not sel["kunci"]:
        hasil.pesan.append(
            "Baris ini tidak punya kunci (kolom A): baris tambahan tidak dibaca. Isi baris "
            "indikatornya sendiri."
        )
        return None
    baris = per_kunci.get(kunci)
    if baris is None:
        hasil.pesan.append(
            "Kunci baris tidak dikenal: indikator ini tidak ada pada Perjanjian Kinerja yang "
            "berlaku. Unduh templat yang baru."
        )
        return None
    hasil.indikator = baris.indikator.indikator
    hasil.indikator_id = baris.indikator.pk
    if kunci in dilihat:
        hasil.pesan.append(
            f"Indikator ini sudah ada di baris {dilihat[kunci]}: satu indikator satu baris."
        )
        return None
    dilihat[kunci] = hasil.baris
    return baris


def baca_unggahan(
    isi: bytes, nama: str, *, satker: Satker, tabel: TabelPengukuran, tw: int
) -> Pratinjau:
    """The preview of a filled template `isi` (named `nama`) of `satker`'s quarter `tw` of
    `tabel`; `UnggahanDitolak` (or `BerkasDitolak`) for a file refused as a whole."""
    periksa_berkas(nama, isi, boleh=(Format.XLSX,))
    lembar, identitas = _lembar(isi)
    _periksa_identitas(identitas, satker, tabel.tahun, tw)
    per_kunci = {baris.indikator.kunci: baris for blok in tabel.sasaran for baris in blok.indikator}
    dilihat: dict[uuid.UUID, int] = {}
    hasil = []
    for nomor, sel in _sel_baris(lembar):
        unggah = BarisUnggahan(baris=nomor, indikator=sel["indikator"] or "(tanpa indikator)")
        baris = _cari(unggah, sel, per_kunci, dilihat)
        if baris is not None:
            _nilai_baris(unggah, baris, sel, tw)
        hasil.append(unggah)
    if not hasil:
        raise UnggahanDitolak("Templat ini tidak berisi baris indikator.")
    return Pratinjau(hasil)


def _nilai_baris(hasil: BarisUnggahan, baris: BarisPengukuran, sel, tw: int) -> None:
    """The row read by the entry form over the stored entry: its problems, else its
    changes."""
    realisasi = baris.triwulan[tw - 1].realisasi
    kosong = RealisasiForm(indikator=baris.indikator, realisasi=realisasi)
    if (sel["pembilang"] or sel["penyebut"]) and "penyebut" not in kosong.fields:
        # Locked cells of a row that takes no fraction: said, never dropped.
        hasil.pesan.append(
            "Pembilang dan penyebut hanya untuk indikator persentase; kosongkan keduanya dan "
            "isi kolom realisasi."
        )
        return
    form = RealisasiForm(_data_form(kosong, sel), indikator=baris.indikator, realisasi=realisasi)
    hasil.lama = hasil.baru = tertulis(_lama(realisasi))
    if not form.is_valid():
        for nama, daftar in form.errors.items():
            label = NAMA_ISIAN.get(nama, "")
            hasil.pesan += [f"{label}: {p}" if label else p for p in daftar]
        return
    if form.sama_dengan(realisasi):
        return
    isian = form.isian()
    hasil.isian = isian
    hasil.baru = tertulis(isian)
    if hasil.baru != hasil.lama:
        hasil.perubahan.append(("Realisasi", hasil.lama or "—", hasil.baru or "—"))
    for kolom in ("alasan_tidak_terukur", "catatan", "kendala", "solusi"):
        lama = getattr(realisasi, kolom, "") if realisasi else ""
        baru = (isian.get(kolom) or "").strip()
        if baru != lama.strip():
            hasil.perubahan.append((NAMA_ISIAN[kolom], lama or "—", baru or "—"))


@transaction.atomic
def realisasi_impor(
    *,
    isi: bytes,
    nama: str,
    satker: Satker,
    tabel: TabelPengukuran,
    tw: int,
    suntingan: int,
    oleh: Pengguna,
) -> Pratinjau:
    """Apply a previewed template: read and checked again, then every changed row saved by
    `realisasi_simpan` at once (its refusals: `LaporanBerubah` when someone saved since the
    preview's `suntingan`, `MasaPelaporanDitutup`, `LaporanTidakBisaDiubah`, ValidationError).
    A preview that no longer applies cleanly raises `UnggahanDitolak`; nothing is saved."""
    pratinjau = baca_unggahan(isi, nama, satker=satker, tabel=tabel, tw=tw)
    if pratinjau.jumlah_galat:
        raise UnggahanDitolak(
            f"{pratinjau.jumlah_galat} baris kini bermasalah; tidak ada yang disimpan."
        )
    if not pratinjau.jumlah_berubah:
        raise UnggahanDitolak("Tidak ada realisasi yang berubah; tidak ada yang disimpan.")
    laporan = laporan_buka(satker=satker, tahun=tabel.tahun, tw=tw)
    realisasi_simpan(laporan=laporan, isian=pratinjau.isian(), suntingan=suntingan, oleh=oleh)
    return pratinjau
