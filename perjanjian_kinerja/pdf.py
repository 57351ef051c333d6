"""What the PK's print page needs beyond the shared context (dokumen.pdf): the satker's wording
of the agreement, the lampiran's rows with each target as it is to be read, the quarterly
columns only when an indicator has quarterly targets, and the programs' total.

The two parties (names, jabatan, NIP) are the shared context's `kolom_ttd`: page 1 and the
lampiran print the same ones. Only page 1's block carries the signature boxes, so each party
has one visible signature field (the lampiran repeats the block without them).
"""

from dataclasses import dataclass
from typing import Any

from perjanjian_kinerja.models import IndikatorPk, SasaranPk, target_tercetak
from perjanjian_kinerja.selectors import TabelPk, naskah_pk


def triwulan_tercetak(teks: str, satuan: str) -> str:
    """A quarterly target in its narrow column: as written, "%" added after a bare number of a
    percentage; a word unit ("Laporan") is left to the year's target beside it, as it would
    not fit the column without breaking the word."""
    return target_tercetak(teks, satuan) if satuan.strip() == "%" else teks.strip()


@dataclass(frozen=True)
class IndikatorCetak:
    indikator: str
    target: str
    triwulan: tuple[str, ...]  # TW I–IV as printed ("" where none)


@dataclass(frozen=True)
class SasaranCetak:
    """One block of the lampiran's table: a sasaran's merged No and sasaran cells over (some
    of) its indicators; `lanjutan` for the blocks after a long sasaran's first."""

    nomor: str
    sasaran: str
    indikator: list[IndikatorCetak]
    lanjutan: bool = False


# A block is kept on one page (cetak.css, tbody.blok); a sasaran of more indicators than this
# is printed as several blocks, each naming its sasaran, so a page that starts inside a long
# sasaran does not start with its merged cells empty. Ten rows of four lines fit a page.
INDIKATOR_PER_BLOK = 10

PREFIKS_KOP = "KOMISI PEMILIHAN UMUM"


def _indikator_cetak(indikator: IndikatorPk) -> IndikatorCetak:
    return IndikatorCetak(
        indikator=indikator.indikator,
        target=target_tercetak(indikator.target, indikator.satuan),
        triwulan=tuple(triwulan_tercetak(t, indikator.satuan) for t in indikator.target_triwulan),
    )


def blok_sasaran(sasaran: SasaranPk) -> list[SasaranCetak]:
    """A sasaran as the lampiran's blocks of at most INDIKATOR_PER_BLOK indicators (one block,
    without rows, for a sasaran without an indicator)."""
    semua = [_indikator_cetak(i) for i in sasaran.indikator.all()]
    potongan = [
        semua[awal : awal + INDIKATOR_PER_BLOK] for awal in range(0, len(semua), INDIKATOR_PER_BLOK)
    ] or [[]]
    return [
        SasaranCetak(sasaran.nomor, sasaran.sasaran, indikator, lanjutan=ke > 0)
        for ke, indikator in enumerate(potongan)
    ]


def baris_kop(nama_lengkap: str) -> list[str]:
    """The kop's lines, as KPU's letterheads set them: "KOMISI PEMILIHAN UMUM" over the
    region ("KABUPATEN LEBAK"), so a long region name never breaks the line mid-name."""
    nama = " ".join(nama_lengkap.split()).upper()
    wilayah = nama.removeprefix(PREFIKS_KOP).strip()
    return [PREFIKS_KOP, wilayah] if wilayah != nama and wilayah else [nama]


def konteks_pdf_pk(dokumen: Any, tabel: TabelPk) -> dict[str, Any]:
    sasaran = [blok for s in tabel.sasaran for blok in blok_sasaran(s)]
    anggaran = [p.anggaran for p in tabel.program]
    return {
        "naskah": naskah_pk(dokumen.satker),
        "baris_kop": baris_kop(dokumen.satker.nama_lengkap),
        "perubahan": dokumen.versi >= 2,
        "sasaran_cetak": sasaran,
        "dengan_triwulan": any(any(i.triwulan) for s in sasaran for i in s.indikator),
        # A total of some programs only would read as the whole budget: none until all are in.
        "jumlah_anggaran": sum(anggaran) if anggaran and None not in anggaran else None,
    }
