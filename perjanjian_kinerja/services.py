"""Writes of PK rows: the sasaran with their indicators, and the programs, saved by key.

The rule of dokumen.baris, one for every type: rows named by their `kunci` are updated in
place, the others created, those not named deleted. An indicator's `asal_rkt` (the RKT row it
was made from) is kept as the data names it; the numbers of its targets are read here.
"""

from typing import Any

from django.db import transaction

from dokumen.baris import Tingkat, ganti_berkelompok, ganti_rata, teks
from dokumen.models import Dokumen
from dokumen.target import baca_target
from perjanjian_kinerja.models import TRIWULAN, IndikatorPk, ProgramPk, SasaranPk
from perjanjian_kinerja.selectors import data_indikator, data_program, data_sasaran


def _isi_sasaran(data: dict[str, Any]) -> dict[str, Any]:
    return {"nomor": teks(data, "nomor"), "sasaran": teks(data, "sasaran")}


def _isi_indikator(data: dict[str, Any]) -> dict[str, Any]:
    """The indicator's cells; each quarter's number is read from its text, as the target's."""
    isi = {k: teks(data, k) for k in ("indikator", "satuan", "target", "skala")}
    isi["polaritas"] = teks(data, "polaritas") or IndikatorPk.polaritas.field.default
    isi["agregasi"] = teks(data, "agregasi") or IndikatorPk.agregasi.field.default
    isi["batas_bawah"] = data.get("batas_bawah")
    isi["batas_atas"] = data.get("batas_atas")
    for tw in TRIWULAN:
        isi[f"target_tw{tw}"] = tw_teks = teks(data, f"target_tw{tw}")
        isi[f"target_tw{tw}_nilai"] = baca_target(tw_teks).nilai
    isi["asal_rkt"] = data.get("asal_rkt") or None
    return isi


def _isi_program(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "program": teks(data, "program"),
        "kode": teks(data, "kode"),
        "anggaran": data.get("anggaran"),
    }


TINGKAT_PK = (
    Tingkat(model=SasaranPk, induk="dokumen", isi=_isi_sasaran, data=data_sasaran),
    Tingkat(model=IndikatorPk, induk="sasaran", isi=_isi_indikator, data=data_indikator),
)
TINGKAT_PROGRAM = Tingkat(model=ProgramPk, induk="dokumen", isi=_isi_program, data=data_program)


@transaction.atomic
def pk_ganti(*, dokumen: Dokumen, sasaran: list[dict[str, Any]]) -> list[SasaranPk]:
    """Save the PK's sasaran; each dict has nomor, sasaran and a list `indikator`."""
    induk, anak = TINGKAT_PK
    return ganti_berkelompok(
        dokumen=dokumen, sasaran=induk, anak=anak, kunci_anak="indikator", data=sasaran
    )


@transaction.atomic
def program_ganti(*, dokumen: Dokumen, program: list[dict[str, Any]]) -> list[ProgramPk]:
    """Save the PK's programs (program, kode, anggaran in whole Rupiah or None), in order."""
    return ganti_rata(dokumen=dokumen, tingkat=TINGKAT_PROGRAM, baris=program)
