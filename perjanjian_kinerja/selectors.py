"""Reads of PK rows: the sasaran with their indicators, the programs, and a satker's wording."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from dokumen.baris import dengan_asal, kunci_asal
from dokumen.models import Dokumen
from perjanjian_kinerja.models import IndikatorPk, NaskahPk, ProgramPk, SasaranPk
from satker.models import Satker

# One sasaran, indicator or program instance's cells in the shared shape, without its key and
# nested rows (for the admin, which edits instances and saves the document's rows with them).

KOLOM_INDIKATOR = (
    "indikator",
    "satuan",
    "target",
    "polaritas",
    "skala",
    "batas_bawah",
    "batas_atas",
    "agregasi",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
)


def data_sasaran(sasaran: SasaranPk) -> dict[str, Any]:
    return {"nomor": sasaran.nomor, "sasaran": sasaran.sasaran}


def data_indikator(indikator: IndikatorPk) -> dict[str, Any]:
    """An indicator's cells; `asal_rkt` is the RKT row's key it was made from (read-only)."""
    asal_rkt = indikator.asal_rkt
    return {k: getattr(indikator, k) for k in KOLOM_INDIKATOR} | {
        "asal_rkt": str(asal_rkt) if asal_rkt else None
    }


def data_program(program: ProgramPk) -> dict[str, Any]:
    return {"program": program.program, "kode": program.kode, "anggaran": program.anggaran}


def pk_data(dokumen: Dokumen) -> list[dict[str, Any]]:
    """The PK's sasaran as nested dicts, the shape `pk_ganti` takes; every sasaran and indicator
    with its `kunci` and `asal` (dokumen.baris)."""
    sasaran_semua = dengan_asal(SasaranPk.objects.filter(dokumen=dokumen)).prefetch_related(
        Prefetch("indikator", queryset=dengan_asal(IndikatorPk.objects.order_by("urutan")))
    )
    return [
        kunci_asal(sasaran)
        | data_sasaran(sasaran)
        | {"indikator": [kunci_asal(i) | data_indikator(i) for i in sasaran.indikator.all()]}
        for sasaran in sasaran_semua.order_by("urutan")
    ]


def program_data(dokumen: Dokumen) -> list[dict[str, Any]]:
    """The PK's programs in order, each with its `kunci` and `asal`."""
    program = dengan_asal(ProgramPk.objects.filter(dokumen=dokumen)).order_by("urutan")
    return [kunci_asal(p) | data_program(p) for p in program]


@dataclass(frozen=True)
class TabelPk:
    """The lampiran's two tables as the page and the print show them."""

    sasaran: list[SasaranPk]
    program: list[ProgramPk]

    @property
    def total_anggaran(self) -> int | None:
        """The programs' total; None while no program has an anggaran."""
        terisi = [p.anggaran for p in self.program if p.anggaran is not None]
        return sum(terisi) if terisi else None


def tabel_pk(dokumen: Dokumen) -> TabelPk:
    """Sasaran in order, each with `.indikator.all()` prefetched in order; then the programs."""
    sasaran = (
        SasaranPk.objects.filter(dokumen=dokumen)
        .order_by("urutan")
        .prefetch_related(Prefetch("indikator", queryset=IndikatorPk.objects.order_by("urutan")))
    )
    return TabelPk(
        list(sasaran), list(ProgramPk.objects.filter(dokumen=dokumen).order_by("urutan"))
    )


def naskah_pk(satker: Satker) -> NaskahPk:
    """The satker's wording of the PK's paragraphs, or the default (unsaved) when it has none."""
    return NaskahPk.objects.filter(satker=satker).first() or NaskahPk(satker=satker)
