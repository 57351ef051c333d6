"""One TW report as its PDF prints it: per sasaran its indicators with the year's and the
quarter's target, the quarter's realisasi, the capaian so far (with its category and the
engine's sentence, numbered as a footnote), kendala and tindak lanjut.

Built on `selectors.tabel_pengukuran`, so the capaian is the one the measurement page shows.
"""

from dataclasses import dataclass, field

from pengukuran.capaian import Capaian, persen
from pengukuran.models import LaporanTriwulan
from pengukuran.selectors import SelTriwulan, tabel_pengukuran
from perjanjian_kinerja.models import NAMA_TRIWULAN, IndikatorPk, target_tercetak

# A category's colour is mixed with this much white for the cell's background: light enough
# to print on a monochrome printer and still read the black text.
CAMPURAN_PUTIH = 0.8


def warna_muda(hex_warna: str, putih: float = CAMPURAN_PUTIH) -> str:
    """ "#198754" → its tint towards white, for a cell background."""
    merah, hijau, biru = (int(hex_warna[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * putih):02x}" for c in (merah, hijau, biru))


@dataclass(frozen=True)
class BarisLaporan:
    """One indicator of the report."""

    indikator: str
    satuan: str
    target_tahun: str
    target_tw: str  # "" when the PK sets none for the quarter (the year's then counts)
    realisasi: str  # as reported; "" when not filled in
    tidak_terukur: bool
    capaian: str  # "83,33 %", or "" when there is none
    kategori: str
    warna: str  # the category's print colour (a light tint), or ""
    catatan: int  # the footnote's number
    penjelasan: str  # the footnote: how the capaian was found, or why there is none
    kendala: str
    tindak_lanjut: str


@dataclass
class SasaranLaporan:
    nomor: str
    sasaran: str
    baris: list[BarisLaporan] = field(default_factory=list)


@dataclass(frozen=True)
class IsiLaporan:
    laporan: LaporanTriwulan
    judul: str  # "LAPORAN PENGUKURAN KINERJA TRIWULAN I TAHUN 2024"
    sasaran: list[SasaranLaporan]
    catatan: list[tuple[int, str]]  # (number, the capaian's explanation)

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(s.baris) for s in self.sasaran)


ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def judul_laporan(laporan: LaporanTriwulan) -> str:
    return f"Laporan Pengukuran Kinerja Triwulan {ROMAWI[laporan.tw]} Tahun {laporan.tahun}"


def _penjelasan(sel: SelTriwulan) -> str:
    # A quarter marked not measurable has no figure; the engine would call it "not filled
    # in", so the reason given is printed instead.
    if sel.realisasi is not None and sel.realisasi.tidak_terukur:
        alasan = sel.realisasi.alasan_tidak_terukur.strip().rstrip(".")
        return f"{NAMA_TRIWULAN[sel.tw]} tidak dapat diukur: {alasan}."
    return sel.capaian.penjelasan


def _baris(indikator: IndikatorPk, sel: SelTriwulan, nomor: int, penjelasan: str) -> BarisLaporan:
    capaian: Capaian = sel.capaian
    realisasi = sel.realisasi
    tidak_terukur = realisasi is not None and realisasi.tidak_terukur
    kategori = capaian.kategori if capaian.nilai is not None else None
    return BarisLaporan(
        indikator=indikator.indikator,
        satuan=indikator.satuan,
        target_tahun=target_tercetak(indikator.target, indikator.satuan),
        target_tw=sel.target.strip(),
        realisasi=sel.realisasi_tertulis,
        tidak_terukur=tidak_terukur,
        capaian=persen(capaian.nilai) if capaian.nilai is not None else "",
        kategori=kategori.nama if kategori else ("Tidak dapat diukur" if tidak_terukur else ""),
        warna=warna_muda(kategori.warna) if kategori else "",
        catatan=nomor,
        penjelasan=penjelasan,
        kendala=realisasi.kendala if realisasi else "",
        tindak_lanjut=realisasi.solusi if realisasi else "",
    )


def isi_laporan(laporan: LaporanTriwulan) -> IsiLaporan:
    """The rows of `laporan`'s PDF: capaian up to its quarter, footnotes numbered in order."""
    tabel = tabel_pengukuran(laporan.satker, laporan.tahun, sampai_tw=laporan.tw)
    sasaran: list[SasaranLaporan] = []
    catatan: list[tuple[int, str]] = []
    for blok in tabel.sasaran:
        cetak = SasaranLaporan(blok.nomor, blok.sasaran)
        for baris in blok.indikator:
            sel = baris.triwulan[laporan.tw - 1]
            nomor, penjelasan = len(catatan) + 1, _penjelasan(sel)
            catatan.append((nomor, penjelasan))
            cetak.baris.append(_baris(baris.indikator, sel, nomor, penjelasan))
        sasaran.append(cetak)
    return IsiLaporan(laporan, judul_laporan(laporan).upper(), sasaran, catatan)
