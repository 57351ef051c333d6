"""The document-type registry: what differs between IKU, RKT, RAK and PK, declared once.

Each type's app declares its type with a `JenisTerdaftar` and registers it from its
`AppConfig.ready()` (`indikator.apps`, `rencana_aksi.apps`); shared code in `dokumen/` asks
`jenis_terdaftar(kode)` rather than naming a type, the way `admin.site.register` lets the
admin know models it never imports.

Rows travel in one shape, the one the API, the editor, the audit history and the fixtures
share: a flat type (`kunci_anak` None, e.g. IKU) is a list of row dicts; a grouped type (RKT,
RAK) is a list of sasaran dicts (`nomor`, `sasaran`) with their rows nested under `kunci_anak`.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dokumen.target import peringatan_target

Baris = list[dict[str, Any]]


@dataclass(frozen=True)
class PihakTtd:
    """One signing party of a type: its `PihakTandaTangan` value and who signs by default.

    The first party is the document's chosen `penandatangan` (defaulting to the satker's active
    official of `jabatan_bawaan`); every further party is the satker's active official of its
    `jabatan_bawaan` (`dokumen.selectors.pihak_penandatangan`). They sign in this order.
    """

    pihak: str
    jabatan_bawaan: str  # a satker.models.Jabatan value
    # Printed above the party's jabatan when a document has several parties (the PK's
    # "Pihak Pertama," / "Pihak Kedua,"); empty prints nothing.
    judul: str = ""


@dataclass(frozen=True)
class TabelTambahan:
    """A second table of a type's document beside its rows (the PK's programs): a flat list of
    keyed rows (dokumen.baris) under its own key (`kunci`) wherever the rows travel: the API
    document, the fixtures, the audit snapshots; a new version and a copy carry it as they
    carry the rows. It is edited on a page of its own (dokumen.views_tambahan), saved with the
    document's `suntingan` check and audit history.
    """

    kunci: str  # "program": its key in the API, the fixtures and the snapshots
    label: str  # "Program dan anggaran": its page's and its audit line's name
    # The rows' level (dokumen.baris.Tingkat), read out in order and saved as a whole by key.
    tingkat: Any
    baca: Callable[[Any], Baris]
    ganti: Callable[[Any, Baris], Any]
    # The page's row form (a dokumen.form_baris.FormBaris) and the API's row serializers.
    form: type
    serializer_baca: type
    serializer_isian: type
    # What the rows still lack before submission, in words (e.g. a program without anggaran).
    kekurangan: Callable[[Baris], list[str]] = lambda baris: []
    # The admin's inline of them (read-only: the admin's row saving handles the main rows).
    inline_admin: type | None = None
    # The rows a reviewer can write a note on, as JenisTerdaftar.label_bagian; None: each
    # labelled by the table's label and its place (dokumen.reviu.label_tambahan).
    label_bagian: Callable[[Baris], list[tuple[str, str]]] | None = None


@dataclass(frozen=True)
class BuatDari:
    """A way to make a type's draft of a year from the satker's document of another type of
    that year (the PK from the RKT), offered where new documents are made."""

    jenis: str  # the source type ("RKT"): offered for the years the satker has one
    label: str  # "Buat PK dari RKT"
    keterangan: str  # what it fills and what the user still sets, shown beside the button
    # (satker=, tahun=, oleh=) → the new draft; a ValidationError (on "tahun") refuses.
    buat: Callable[..., Any]


class JenisKolom(StrEnum):
    """What a column of the paper table holds, so the Excel writer formats it and the import
    reads it back (pertukaran.baca) without knowing the type."""

    NOMOR = "nomor"  # the printed No, text as written ("1.", "3." twice, "" on a continuation)
    TEKS = "teks"
    TARGET = "target"  # a target as written ("85%", "12 Laporan", "minimal B"), centred
    ANGKA = "angka"  # a plain number
    RUPIAH = "rupiah"  # whole Rupiah, a number shown "8.170.412.000"
    CENTANG = "centang"  # one quarter's ✓ of a list of quarters (`nilai`: 1–4)
    URUT = "urut"  # a running number the paper prints (1, 2, 3 …), no field of its own


@dataclass(frozen=True)
class KolomExcel:
    """One column of a type's paper table, as the Excel export writes it and the import reads it.

    `kunci` is the field of the rows' shared shape (`baca_baris`/`ganti_baris`) the column
    holds; for a grouped type `sasaran` says it is the sasaran's field (its cell spans the
    sasaran's rows), else the row's. A CENTANG column is one quarter (`nilai`) of the list of
    quarters under `kunci` ("triwulan": [1, 3]).
    """

    judul: str  # the header cell as the paper prints it
    kunci: str
    jenis: JenisKolom = JenisKolom.TEKS
    sasaran: bool = False
    lebar: float = 20  # Excel's width, in characters
    nilai: int | None = None  # CENTANG: the quarter this column ticks
    # A header over several consecutive columns ("Pelaksanaan Kegiatan" over I–IV): two header
    # rows, the number row numbers the group once.
    kelompok: str = ""
    # Shown only when some row fills it (the IKU's optional columns; the PK's quarters, as a
    # group: any column of its `kelompok` filled shows them all).
    opsional: bool = False
    # Other headers the papers use for the same column, for the import (upper or lower case).
    judul_lain: tuple[str, ...] = ()
    # A second field printed in brackets after the text in the same cell, as the paper does
    # ("PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]": the PK program's `kode`).
    kunci_kode: str | None = None


@dataclass(frozen=True)
class TabelExcel:
    """A type's paper table for the Excel export and import: its columns in paper order and
    what the writer needs beyond them. The import reads it in reverse (pertukaran.baca)."""

    kolom: tuple[KolomExcel, ...]
    # The sheet's name (at most 31 characters) and the paper's orientation.
    nama_lembar: str = "Dokumen"
    lanskap: bool = False
    # A flat type's group rows spanning the table ("PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]"):
    # the row field that opens a group, printed once above its rows (the IKU's `program`).
    kunci_kelompok: str | None = None
    # A continuation row: one whose fields here are all empty joins the row above; the columns
    # of `gabung` are then merged into the cell above where the row leaves them empty (the
    # IKU's No and sasaran, the RAK's indikator and target).
    lanjutan: tuple[str, ...] = ()
    gabung: tuple[str, ...] = ()
    # Tables beside the rows (dokumen.jenis.TabelTambahan), by its `kunci`, written below the
    # main table (the PK's programs and anggaran).
    tambahan: tuple[tuple[str, "TabelExcel"], ...] = ()
    # A total row under a RUPIAH column (the PK's "Jumlah"), printed only when every row has
    # an amount, as the PDF does.
    jumlah: str | None = None
    # The title's lines above the table; None: the document's `judul` over the satker's name.
    judul: Callable[[Any], list[str]] | None = None
    # A first sheet of text before the table's, signed as the table is (the PK's agreement):
    # (dokumen) → its lines as (kind, text), kind "kop", "judul" or "paragraf".
    naskah: Callable[[Any], list[tuple[str, str]]] | None = None
    nama_lembar_naskah: str = "Naskah"

    def kolom_kunci(self, kunci: str) -> KolomExcel:
        return next(k for k in self.kolom if k.kunci == kunci)


@dataclass(frozen=True)
class JenisTerdaftar:
    """One document type, as the shared code needs to know it."""

    kode: str  # the Dokumen.jenis value, e.g. "IKU"
    label: str
    # How each level of rows is saved (dokumen.baris.Tingkat: model, parent field, the fields a
    # row's data fills), parent first: one level for a flat type, two for a grouped one.
    tingkat: tuple[Any, ...]
    # Rows as data: read out in the shared shape, and replace every row of a draft with it.
    baca_baris: Callable[[Any], Baris]
    ganti_baris: Callable[[Any, Baris], Any]
    # None for a flat list of rows; else the key of a sasaran's rows ("indikator", "baris").
    kunci_anak: str | None
    # The signing parties in signing order (IKU/RKT/RAK: one).
    pihak_ttd: tuple[PihakTtd, ...]
    # The rows a reviewer picks from, as (kunci, label) pairs: a review note names its row by
    # the key and keeps the label it had then (shown if the row is deleted).
    label_bagian: Callable[[Baris], list[tuple[str, str]]]
    # The table the page and the PDF show: its data, and the page's fragment template.
    tabel: Callable[[Any], Any]
    template_tabel: str
    # The editor (dokumen.editor_kelompok.editor_berkelompok: blocks holding rows), and how
    # stored rows become the editor's (`ke_form`, e.g. the RAK's quarters as ticks, the IKU's
    # flat rows as program groups) and the editor's, as_baris(), stored ones (`dari_form`).
    formset: type
    # The API's row serializers: as read (every key promised) and as written (the form rules).
    serializer_baris: type
    serializer_isian: type
    # The print page (templates/pdf/), and what it needs beyond the shared context.
    template_pdf: str
    konteks_pdf: Callable[[Any, Any], dict[str, Any]] = lambda dokumen, tabel: {}
    ke_form: Callable[[Baris], Baris] = list
    dari_form: Callable[[Baris], Baris] = list
    # Whether the page and the print show the satker's unit and tupoksi above the table.
    dengan_tupoksi: bool = False
    # Whether every indicator needs a target before the document is submitted (the real IKUs
    # have no target column; an RKT or RAK indicator without one is incomplete).
    target_wajib: bool = False
    # The admin's row inlines: for those who may change, and for those who only read.
    inline_admin: type | None = None
    inline_admin_baca: type | None = None
    # The row texts the admin's document list searches, as lookups from Dokumen.
    cari_admin: tuple[str, ...] = ()
    # The paper's columns for the Excel export and import (pertukaran), None: no Excel.
    kolom_excel: TabelExcel | None = None
    # The note beside a row's target that holds no number ("" for none): by default any such
    # target; a type whose rows may hold a value of a scale says when that is expected.
    peringatan_baris: Callable[[dict[str, Any]], str] = lambda row: peringatan_target(
        row.get("target") or ""
    )
    # Tables beside the rows (the PK's programs), each carried wherever the rows are.
    tambahan: tuple[TabelTambahan, ...] = ()
    # Other ways to make a draft than empty or copied from last year (the PK from the RKT).
    buat_dari: tuple[BuatDari, ...] = ()
    # The button that makes a published document's next version: a PK's is a "PK Perubahan".
    label_revisi: str = "Buat revisi"
    # What a later version's title adds after the type's name (a PK's: "Perubahan"), if any.
    sebutan_revisi: str = ""

    def judul_pihak(self, urutan: int) -> str:
        """The heading printed above the party signing `urutan`-th ("" past the declared ones)."""
        return self.pihak_ttd[urutan - 1].judul if urutan <= len(self.pihak_ttd) else ""

    def tingkat_model(self, model: type) -> Any:
        """The level (dokumen.baris.Tingkat) whose rows are `model`'s."""
        return next(t for t in self.tingkat if t.model is model)

    @property
    def model_baris(self) -> tuple[type, ...]:
        """The row models, parent first."""
        return tuple(t.model for t in self.tingkat)

    def tabel_tambahan(self, kunci: str) -> TabelTambahan:
        """The table beside the rows called `kunci`; KeyError when the type has none such."""
        for tabel in self.tambahan:
            if tabel.kunci == kunci:
                return tabel
        raise KeyError(kunci)

    @property
    def berkelompok(self) -> bool:
        """Rows grouped under sasaran (RKT, RAK) rather than one flat list (IKU)."""
        return self.kunci_anak is not None

    def daun(self, baris: Baris) -> Baris:
        """Every row in order, across sasaran for a grouped type."""
        if self.kunci_anak is None:
            return list(baris)
        return [anak for item in baris for anak in item.get(self.kunci_anak) or []]


class JenisTidakDikenal(ValueError):
    """No type is registered under this code."""


_TERDAFTAR: dict[str, JenisTerdaftar] = {}


def daftarkan(terdaftar: JenisTerdaftar) -> JenisTerdaftar:
    """Register a type (from its app's `ready()`); registering the same code twice is an error."""
    lama = _TERDAFTAR.get(terdaftar.kode)
    if lama is not None and lama is not terdaftar:
        raise ValueError(f"Jenis dokumen {terdaftar.kode} sudah terdaftar.")
    _TERDAFTAR[terdaftar.kode] = terdaftar
    return terdaftar


def jenis_terdaftar(kode: str) -> JenisTerdaftar:
    """The declaration of type `kode` (a Dokumen.jenis value)."""
    try:
        return _TERDAFTAR[str(kode)]
    except KeyError:
        raise JenisTidakDikenal(f"Jenis dokumen tidak dikenal: {kode}") from None


def semua_jenis() -> list[JenisTerdaftar]:
    """Every registered type, in registration order."""
    return list(_TERDAFTAR.values())


def kode_jenis() -> list[str]:
    """The codes of every registered type ("IKU", "RKT", …), in registration order."""
    return list(_TERDAFTAR)


def pilihan_jenis() -> list[tuple[str, str]]:
    """(code, label) of every registered type: the choices of `Dokumen.jenis` and of every form,
    filter and serializer that picks a type, so a new type app adds its own."""
    return [(j.kode, j.label) for j in _TERDAFTAR.values()]


@contextmanager
def jenis_sementara(terdaftar: JenisTerdaftar) -> Iterator[JenisTerdaftar]:
    """For tests: `terdaftar` replaces the type registered under its code (or is added) until
    the block ends, then the registry is as before, e.g. a variant with two signing parties:
    `with jenis_sementara(dataclasses.replace(jenis_terdaftar("IKU"), pihak_ttd=(...))):`."""
    kode = terdaftar.kode
    lama = _TERDAFTAR.get(kode)
    _TERDAFTAR[kode] = terdaftar
    try:
        yield terdaftar
    finally:
        if lama is None:
            _TERDAFTAR.pop(kode, None)
        else:
            _TERDAFTAR[kode] = lama
