"""An audit entry's before and after as a person reads it (the admin's entry page).

The comparison is dokumen.beda's; this only words it: header fields by their Dokumen verbose
names, choices by their labels ("Terbit → Draf", not 'TERBIT' → 'DRAF'), dates as
"26 Januari 2024"; each row by its label as the type numbers it (`label_bagian`), its changed
cells by the row model's field names.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from dokumen.beda import KOLOM_IDENTITAS, BedaBaris, JenisBeda, beda_potret
from dokumen.jenis import JenisTidakDikenal, jenis_terdaftar
from dokumen.models import Dokumen, JejakPerubahan
from kpu_kinerja.formats import ribuan, tanggal_panjang

KOSONG = "(kosong)"
PANJANG_LABEL = 120


@dataclass(frozen=True)
class SelBeda:
    """One field: its name as the paper or the form calls it, before and after."""

    label: str
    sebelum: str
    sesudah: str


@dataclass(frozen=True)
class BarisBeda:
    """A row or sasaran that changed: how (ditambah, diubah, dihapus, sama but moved)."""

    jenis: str
    label: str
    pindah: bool
    sel: list[SelBeda] = field(default_factory=list)

    @property
    def keterangan(self) -> str:
        """ "Ditambah", "Diubah", "Dihapus", "Dipindah" or "Diubah, dipindah"."""
        if self.jenis == JenisBeda.SAMA:
            return "Dipindah"
        return self.jenis.capitalize() + (", dipindah" if self.pindah else "")


@dataclass(frozen=True)
class BedaTampil:
    kepala: list[SelBeda]
    sasaran: list[BarisBeda]
    baris: list[BarisBeda]
    # The tables beside the rows (a PK's programs): (their label, their changed rows).
    tambahan: list[tuple[str, list[BarisBeda]]] = field(default_factory=list)

    @property
    def ada_perubahan(self) -> bool:
        lain = any(daftar for _, daftar in self.tambahan)
        return bool(self.kepala or self.sasaran or self.baris or lain)


def _field(model: type[models.Model], nama: str) -> models.Field | None:
    """The model's own field `nama` (not a reverse relation such as Dokumen.tanda_tangan)."""
    try:
        kolom = model._meta.get_field(nama)
    except FieldDoesNotExist:
        return None
    return kolom if isinstance(kolom, models.Field) else None


def nama_kolom(model: type[models.Model], nama: str) -> str:
    """A field as the paper or the form names it (its verbose name), e.g. "tempat
    penandatanganan"."""
    kolom = _field(model, nama)
    return str(kolom.verbose_name if kolom is not None else nama.replace("_", " "))


def label_kolom(model: type[models.Model], nama: str) -> str:
    """`nama_kolom` as a heading: "Tempat penandatanganan"."""
    return capfirst(nama_kolom(model, nama))


def teks_nilai(model: type[models.Model], nama: str, nilai: Any) -> str:
    """A stored or snapshot value as a person reads it: a choice by its label, a date as
    "26 Januari 2024", an amount with thousands separators (a year stays "2024")."""
    if nilai is None or nilai == "" or nilai == []:
        return KOSONG
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if isinstance(nilai, list):
        return ", ".join(str(n) for n in nilai)
    kolom = _field(model, nama)
    if kolom is not None and kolom.choices:
        return str(dict(kolom.flatchoices).get(nilai, nilai))
    if isinstance(kolom, models.DateField) and isinstance(nilai, str):
        return tanggal_panjang(datetime.date.fromisoformat(nilai))
    if isinstance(kolom, models.BigIntegerField) and isinstance(nilai, int):
        return ribuan(nilai)
    return str(nilai)


def sel_beda(
    model: type[models.Model],
    beda: BedaBaris,
    abaikan: frozenset[str],
    urutan: Sequence[str] = (),
) -> list[SelBeda]:
    """The cells to show: those that differ; all filled ones of a row added or deleted; none
    of a row that only moved. In the order of `urutan` when given: a stored snapshot's keys come
    back in the database's JSON order, not the type's."""
    sebelum, sesudah = beda.sebelum or {}, beda.sesudah or {}
    if beda.jenis in (JenisBeda.DIUBAH, JenisBeda.SAMA):
        kolom = list(beda.kolom)
    else:
        kolom = [k for k, v in (sesudah or sebelum).items() if v not in (None, "", [])]
    tempat = {k: i for i, k in enumerate(urutan)}
    kolom.sort(key=lambda k: tempat.get(k, len(tempat)))
    return [
        SelBeda(
            label_kolom(model, k),
            teks_nilai(model, k, sebelum.get(k)) if beda.sebelum is not None else "",
            teks_nilai(model, k, sesudah.get(k)) if beda.sesudah is not None else "",
        )
        for k in kolom
        if k not in abaikan | KOLOM_IDENTITAS
    ]


def _ringkas(data: dict[str, Any], abaikan: frozenset[str]) -> str:
    """A row's filled texts in one line, for a row the type gives no label."""
    isi = (v for k, v in data.items() if k not in abaikan | KOLOM_IDENTITAS and isinstance(v, str))
    return " ".join(v for v in isi if v)[:PANJANG_LABEL]


def _daftar(
    model: type[models.Model],
    daftar: list[BedaBaris],
    label: dict[str, str],
    abaikan: frozenset[str] = frozenset(),
) -> list[BarisBeda]:
    hasil = []
    for beda in daftar:
        if not beda.berubah:
            continue
        data = beda.sesudah or beda.sebelum or {}
        teks = label.get(beda.kunci or "") or _ringkas(data, abaikan)
        hasil.append(BarisBeda(beda.jenis.value, teks, beda.pindah, sel_beda(model, beda, abaikan)))
    return hasil


def beda_tampil(jenis: str, sebelum: dict[str, Any] | None, sesudah: dict[str, Any]) -> BedaTampil:
    """The change from `sebelum` (None: the document was new) to `sesudah`, worded."""
    terdaftar = jenis_terdaftar(jenis)
    sebelum = sebelum or {}
    beda = beda_potret(jenis, sebelum, sesudah)
    # Rows by their label as they stood: after the change, or before it for a deleted row.
    label = dict(terdaftar.label_bagian(sebelum.get("baris") or []))
    label |= dict(terdaftar.label_bagian(sesudah.get("baris") or []))
    kepala = [
        SelBeda(label_kolom(Dokumen, k), teks_nilai(Dokumen, k, a), teks_nilai(Dokumen, k, b))
        for k, a, b in beda.kepala
    ]
    model_baris = terdaftar.model_baris[-1]
    sasaran = []
    if terdaftar.berkelompok:
        abaikan = frozenset({terdaftar.kunci_anak})
        sasaran = _daftar(terdaftar.model_baris[0], beda.sasaran, {}, abaikan)
    tambahan = [
        (t.label, _daftar(t.tingkat.model, beda.tambahan.get(t.kunci, []), {}))
        for t in terdaftar.tambahan
    ]
    return BedaTampil(kepala, sasaran, _daftar(model_baris, beda.baris, label), tambahan)


def jenis_jejak(jejak: JejakPerubahan) -> str | None:
    """The type of the entry's document; of a deleted one, as its kept name begins ("RAK 2024
    …", Dokumen.__str__). None when no registered type matches."""
    if jejak.dokumen_id is not None:
        return jejak.dokumen.jenis
    kode = jejak.nama_dokumen.split(" ", 1)[0]
    try:
        return jenis_terdaftar(kode).kode
    except JenisTidakDikenal:
        return None
