"""A document's rows as data: read them out, and save them, in one shape (dokumen.jenis).

Every row, and every sasaran of a grouped type, has a key (`kunci`, a UUID) that it keeps for
life: saving a draft updates rows in place, matched by key, instead of replacing them, so what
points at a row (a review note) still finds it after the rows were reordered. The versions of
one document share their rows' keys; a copy to another year gets new keys, and each copied row
remembers the row it was copied from (`asal`). The rule, one for every type (`ganti_rata`,
`ganti_berkelompok`, which the types' services call):

- a dict whose `kunci` is a row of this document updates that row (its fields, its place, and
  for a child row its sasaran: a row may move to another sasaran);
- a dict with a `kunci` that is not a row of this document creates the row with that key (a
  new version keeps the keys of the one it was made from); it takes `asal` from the row with
  that key in another version of this document;
- a dict without `kunci` creates a row with a new key;
- a row of this document that the data does not name is deleted.

`asal` in the data is only read (the key of the source row, or None): nobody sets it by sending
it. `salin_baris` is the copy to another year.
"""

import itertools
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen

PESAN_KUNCI_GANDA = "Kunci baris {kunci} dipakai lebih dari satu kali di dokumen ini."
PESAN_KUNCI_TIDAK_SAH = "Kunci baris “{kunci}” bukan UUID."


class BarisBerkunci(models.Model):
    """What every row model of a document has: its key, and the row it was copied from."""

    kunci = models.UUIDField("kunci", default=uuid.uuid4, editable=False)
    asal = models.ForeignKey(
        "self",
        verbose_name="disalin dari",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="salinan",
        editable=False,
        help_text="Baris dokumen tahun sebelumnya yang disalin menjadi baris ini.",
    )

    class Meta:
        abstract = True


class SasaranBerkunci(BarisBerkunci):
    """A sasaran of a grouped type: its place, its printed number and its text, its rows nested
    under it. A type's model adds `dokumen` (with its own related name) and its Meta's names and
    constraints (`batasan_sasaran`); it may give `sasaran` its own verbose name."""

    urutan = models.PositiveSmallIntegerField("urutan")
    nomor = models.CharField("nomor", max_length=10, blank=True)
    sasaran = models.TextField("sasaran program/kegiatan")

    class Meta:
        abstract = True
        ordering = ["dokumen", "urutan"]

    def __str__(self) -> str:
        return f"{self.nomor} {self.sasaran}"[:80]


def batasan_sasaran(awalan: str) -> list[models.BaseConstraint]:
    """A sasaran model's constraints, named after `awalan` ("sasaran_rkt"): a place and a key
    once per document, and a text."""
    return [
        models.UniqueConstraint(
            fields=["dokumen", "urutan"],
            name=f"{awalan}_urutan_unik",
            violation_error_message="Urutan sasaran sudah dipakai di dokumen ini.",
        ),
        models.UniqueConstraint(
            fields=["dokumen", "kunci"],
            name=f"{awalan}_kunci_unik",
            violation_error_message="Kunci sasaran sudah dipakai di dokumen ini.",
        ),
        models.CheckConstraint(
            name=f"{awalan}_terisi",
            condition=~Q(sasaran=""),
            violation_error_message="Sasaran wajib diisi.",
        ),
    ]


def data_baris(dokumen: Dokumen) -> list[dict[str, Any]]:
    """A flat type (IKU): a list of rows; a grouped one (RKT/RAK): sasaran with rows nested."""
    return jenis_terdaftar(dokumen.jenis).baca_baris(dokumen)


def ganti_baris(dokumen: Dokumen, data: list[dict[str, Any]]) -> None:
    """Save `data` as every row of `dokumen`, in the shape `data_baris` returns (rule above)."""
    jenis_terdaftar(dokumen.jenis).ganti_baris(dokumen, data)


def data_tambahan(dokumen: Dokumen) -> dict[str, list[dict[str, Any]]]:
    """The tables beside the rows (dokumen.jenis.TabelTambahan) by their key: {} for most
    types, {"program": [...]} for the PK."""
    return {t.kunci: t.baca(dokumen) for t in jenis_terdaftar(dokumen.jenis).tambahan}


def ganti_tambahan(dokumen: Dokumen, data: Mapping[str, list[dict[str, Any]]]) -> None:
    """Save each table beside the rows that `data` names, by the same rule as the rows; a
    table `data` does not name is left as it is."""
    for tabel in jenis_terdaftar(dokumen.jenis).tambahan:
        if tabel.kunci in data:
            tabel.ganti(dokumen, data[tabel.kunci])


# -- reading ---------------------------------------------------------------------------------


def dengan_asal(queryset: models.QuerySet) -> models.QuerySet:
    """Rows with `asal_kunci`, the key of the row each was copied from (one join, no query)."""
    return queryset.annotate(asal_kunci=F("asal__kunci"))


def kunci_asal(baris: Any) -> dict[str, str | None]:
    """The `kunci` and `asal` of a row read through `dengan_asal`, as the shape has them."""
    asal = getattr(baris, "asal_kunci", None)
    return {"kunci": str(baris.kunci), "asal": str(asal) if asal else None}


# -- saving ----------------------------------------------------------------------------------


def masalah_kunci(kunci: str, ada: Container[str], dipakai: set[str]) -> str | None:
    """What is wrong with a key sent back by a client: "asing" when it names no row of the
    document now (`ada`), "ganda" when an earlier row of the same data used it (`dipakai`,
    which records it). The editor and the API word the answer for their readers."""
    masalah = "asing" if kunci not in ada else "ganda" if kunci in dipakai else None
    dipakai.add(kunci)
    return masalah


def teks(data: dict[str, Any], kolom: str) -> str:
    """A text cell of a row's data, trimmed ("" when absent or None)."""
    return (data.get(kolom) or "").strip()


@dataclass(frozen=True)
class Tingkat:
    """One level of a type's rows: the model, the field naming its parent (the document or the
    sasaran), `isi`, which turns a row's data into the values of the fields it fills (every one
    of them, whatever the data holds), and `data`, its inverse: one row instance as its dict in
    the shared shape, without key and nested rows (the admin edits instances and saves them
    through the same rule: dokumen.admin_baris)."""

    model: type[models.Model]
    induk: str
    isi: Callable[[dict[str, Any]], dict[str, Any]]
    data: Callable[[Any], dict[str, Any]]

    @cached_property
    def isian(self) -> tuple[str, ...]:
        """The fields a row's data fills: what `isi` gives, and the parsed target."""
        isian = tuple(self.isi({}))
        if hasattr(self.model, "baca_target"):
            isian += ("target_nilai", "target_satuan")
        return isian

    @cached_property
    def kolom(self) -> list[str]:
        """The fields a save writes: parent, place and `isian`."""
        return [self.induk, "urutan", *self.isian]

    @cached_property
    def jalur_dokumen(self) -> str:
        """The lookup from a row to its document ("dokumen", "sasaran__dokumen")."""
        return _jalur_dokumen(self.model)


def _kunci(nilai: Any) -> uuid.UUID | None:
    if nilai is None or nilai == "":
        return None
    if isinstance(nilai, uuid.UUID):
        return nilai
    try:
        return uuid.UUID(str(nilai))
    except ValueError:
        raise ValidationError(PESAN_KUNCI_TIDAK_SAH.format(kunci=nilai)) from None


class _Rencana:
    """One level's rows as they will be: those kept (updated in place) and the new ones."""

    def __init__(self, tingkat: Tingkat, ada: Iterable[models.Model]):
        self.tingkat = tingkat
        self.semua = list(ada)
        self.ada = {baris.kunci: baris for baris in self.semua}
        self.posisi_lama = {baris.pk: self._posisi(baris) for baris in self.semua}
        self.tetap: list[models.Model] = []
        # Kept rows whose values differ from the stored ones: an unchanged row is not written
        # (a header-only save writes no row, so it holds SQLite's one write lock briefly).
        self.berubah: list[models.Model] = []
        self.baru: list[models.Model] = []
        self.asal_dibaca: dict[uuid.UUID, str] = {}  # a new row's given key → its data's `asal`
        self._dilihat: set[uuid.UUID] = set()
        self._cadangan: Iterator[int] | None = None

    def _posisi(self, baris: models.Model) -> tuple[Any, int]:
        return getattr(baris, f"{self.tingkat.induk}_id"), baris.urutan

    def tambah(self, data: dict[str, Any], induk: models.Model, urutan: int) -> models.Model:
        """The row `data` names (or a new one) with its values, parent and place, validated."""
        tingkat = self.tingkat
        kunci = _kunci(data.get("kunci"))
        if kunci is not None:
            # A key names one row of the document: twice in the data is refused.
            if kunci in self._dilihat:
                raise ValidationError(PESAN_KUNCI_GANDA.format(kunci=kunci))
            self._dilihat.add(kunci)
        baris = self.ada.get(kunci) if kunci is not None else None
        if baris is None:
            baris = tingkat.model(kunci=kunci or uuid.uuid4())
            self.baru.append(baris)
            if kunci is not None and data.get("asal"):
                self.asal_dibaca[kunci] = str(data["asal"])
        else:
            self.tetap.append(baris)
        sebelum = self._nilai(baris) if baris.pk else None
        setattr(baris, tingkat.induk, induk)
        baris.urutan = urutan
        for kolom, nilai in tingkat.isi(data).items():
            setattr(baris, kolom, nilai)
        if hasattr(baris, "baca_target"):
            baris.baca_target()
        # `asal` is never the user's (and checking it would cost a query per row).
        baris.full_clean(exclude={tingkat.induk, "asal"}, validate_constraints=False)
        if sebelum is not None and self._nilai(baris) != sebelum:
            self.berubah.append(baris)
        return baris

    def _nilai(self, baris: models.Model) -> tuple[Any, ...]:
        return self._posisi(baris), *(getattr(baris, kolom) for kolom in self.tingkat.isian)

    def ditulis(self) -> list[models.Model]:
        """The kept rows to write: all of them once they stepped aside, else the changed."""
        return self.tetap if self.berpindah() else self.berubah

    @property
    def hapus(self) -> list[int]:
        """The rows of the document the data no longer names."""
        dipakai = {baris.pk for baris in self.tetap}
        return [baris.pk for baris in self.semua if baris.pk not in dipakai]

    def cadangan(self) -> int:
        """A spare `urutan`: above every final value (at most one per row), no row's value now,
        and never given twice. Rows per document are capped (dokumen.editor.BARIS_MAKS), so the
        values stay far below the field's 32767."""
        if self._cadangan is None:
            terpakai = {urutan for _, urutan in self.posisi_lama.values()}
            mulai = len(self.tetap) + len(self.baru) + 1
            self._cadangan = (n for n in itertools.count(mulai) if n not in terpakai)
        return next(self._cadangan)

    def berpindah(self) -> bool:
        """Whether a kept row changes its parent or place."""
        return any(self._posisi(b) != self.posisi_lama[b.pk] for b in self.tetap)

    def sisihkan(self, baris: list[models.Model]) -> None:
        """Move saved rows to spare places in one UPDATE, so that the final places can then be
        written without meeting the unique (parent, urutan) constraint on the way."""
        akhir = [b.urutan for b in baris]
        for b in baris:
            b.urutan = self.cadangan()
        self.tingkat.model.objects.bulk_update(baris, ["urutan"])
        for b, urutan in zip(baris, akhir, strict=True):
            b.urutan = urutan

    def warisi_asal(self, dokumen: Dokumen) -> None:
        """A new row given a key takes `asal` from the row of that key in another version of
        this document (the one it was made from), when that row's `asal` is the one its data
        names. One query, only when there are such rows."""
        if not self.asal_dibaca:
            return
        jalur = self.tingkat.jalur_dokumen
        saudara = (
            self.tingkat.model.objects.filter(
                **{
                    f"{jalur}__satker_id": dokumen.satker_id,
                    f"{jalur}__jenis": dokumen.jenis,
                    f"{jalur}__tahun": dokumen.tahun,
                },
                kunci__in=list(self.asal_dibaca),
                asal__isnull=False,
            )
            .exclude(**{jalur: dokumen})
            .values_list("kunci", "asal_id", "asal__kunci")
        )
        asal = {
            kunci: asal_id
            for kunci, asal_id, asal_kunci in saudara
            if str(asal_kunci) == self.asal_dibaca[kunci]
        }
        for baris in self.baru:
            if baris.kunci in asal:
                baris.asal_id = asal[baris.kunci]


def ganti_rata(
    *, dokumen: Dokumen, tingkat: Tingkat, baris: list[dict[str, Any]]
) -> list[models.Model]:
    """Save the rows of a flat type (IKU), in order, by the rule in this module's docstring.

    Rows gone are deleted first; kept rows that change place step aside; then one UPDATE of the
    kept rows and one INSERT of the new ones: a constant number of queries, however many rows.
    """
    rencana = _Rencana(tingkat, tingkat.model.objects.filter(**{tingkat.induk: dokumen}))
    hasil = [rencana.tambah(data, dokumen, urutan) for urutan, data in enumerate(baris, start=1)]
    if rencana.hapus:
        tingkat.model.objects.filter(pk__in=rencana.hapus).delete()
    if rencana.berpindah():
        rencana.sisihkan(rencana.tetap)
    if ditulis := rencana.ditulis():
        tingkat.model.objects.bulk_update(ditulis, tingkat.kolom)
    rencana.warisi_asal(dokumen)
    tingkat.model.objects.bulk_create(rencana.baru)
    return hasil


def ganti_berkelompok(
    *,
    dokumen: Dokumen,
    sasaran: Tingkat,
    anak: Tingkat,
    kunci_anak: str,
    data: list[dict[str, Any]],
) -> list[models.Model]:
    """Save the sasaran of a grouped type (RKT, RAK), with their rows under `kunci_anak`.

    A row's key is unique in the whole document, so a row may move to another sasaran. The
    writes keep every unique (parent, urutan) constraint true at each step, in a constant number
    of queries: rows gone are deleted; kept sasaran that change place step aside; new sasaran
    are inserted (on spare places while the sasaran gone still hold theirs); kept rows step
    aside, then are written in their final sasaran and place, and new rows inserted; sasaran
    gone, empty by then, are deleted; sasaran get their final values.
    """
    rencana_s = _Rencana(sasaran, sasaran.model.objects.filter(**{sasaran.induk: dokumen}))
    rencana_a = _Rencana(anak, anak.model.objects.filter(**{anak.jalur_dokumen: dokumen}))
    hasil = []
    for urutan, item in enumerate(data, start=1):
        induk = rencana_s.tambah(item, dokumen, urutan)
        for urutan_anak, baris in enumerate(item.get(kunci_anak) or [], start=1):
            rencana_a.tambah(baris, induk, urutan_anak)
        hasil.append(induk)

    if rencana_a.hapus:
        anak.model.objects.filter(pk__in=rencana_a.hapus).delete()
    if rencana_s.berpindah():
        rencana_s.sisihkan(rencana_s.tetap)
    sasaran_akhir = list(rencana_s.ditulis())
    if rencana_s.baru:
        rencana_s.warisi_asal(dokumen)
        if rencana_s.hapus:
            akhir = [s.urutan for s in rencana_s.baru]
            for s in rencana_s.baru:
                s.urutan = rencana_s.cadangan()
            sasaran.model.objects.bulk_create(rencana_s.baru)
            for s, urutan in zip(rencana_s.baru, akhir, strict=True):
                s.urutan = urutan
            sasaran_akhir += rencana_s.baru
        else:
            sasaran.model.objects.bulk_create(rencana_s.baru)
    if rencana_a.berpindah():
        rencana_a.sisihkan(rencana_a.tetap)
    if ditulis := rencana_a.ditulis():
        anak.model.objects.bulk_update(ditulis, anak.kolom)
    rencana_a.warisi_asal(dokumen)
    anak.model.objects.bulk_create(rencana_a.baru)
    if rencana_s.hapus:
        sasaran.model.objects.filter(pk__in=rencana_s.hapus).delete()
    if sasaran_akhir:
        sasaran.model.objects.bulk_update(sasaran_akhir, sasaran.kolom)
    return hasil


# -- many new documents at once -------------------------------------------------------------


@dataclass
class BarisMassal:
    """What `buat_baris_massal` wrote: sasaran in all, and rows (leaves) per type."""

    sasaran: int = 0
    baris: Counter = field(default_factory=Counter)


def _baris_baru(tingkat: Tingkat, data: dict[str, Any], induk: models.Model, urutan: int):
    baris = tingkat.model(kunci=uuid.uuid4(), urutan=urutan, **tingkat.isi(data))
    setattr(baris, tingkat.induk, induk)
    if hasattr(baris, "baca_target"):
        baris.baca_target()
    return baris


def buat_baris_massal(
    isian: Iterable[tuple[Dokumen, list[dict[str, Any]]]], *, ukuran_batch: int = 1000
) -> BarisMassal:
    """The rows of many saved documents that have none yet, each given in the shared shape,
    with one INSERT per row model and batch (a national dataset, not a user's save: the data is
    built valid, so rows are not validated one by one).

    Parents go first, so their ids are known to their rows (PostgreSQL and SQLite 3.35+
    return them from a bulk insert)."""
    hasil = BarisMassal()
    atas: dict[Tingkat, list[models.Model]] = defaultdict(list)
    tunda: list[tuple[Tingkat, models.Model, list[dict[str, Any]], str]] = []
    for dokumen, data in isian:
        terdaftar = jenis_terdaftar(dokumen.jenis)
        tingkat = terdaftar.tingkat[0]
        for urutan, item in enumerate(data, start=1):
            baris = _baris_baru(tingkat, item, dokumen, urutan)
            atas[tingkat].append(baris)
            if terdaftar.berkelompok:
                anak = item.get(terdaftar.kunci_anak) or []
                tunda.append((terdaftar.tingkat[1], baris, anak, terdaftar.kode))
            else:
                hasil.baris[terdaftar.kode] += 1
    for tingkat, daftar in atas.items():
        tingkat.model.objects.bulk_create(daftar, batch_size=ukuran_batch)
    bawah: dict[Tingkat, list[models.Model]] = defaultdict(list)
    for tingkat, induk, anak, kode in tunda:
        hasil.sasaran += 1
        hasil.baris[kode] += len(anak)
        bawah[tingkat] += [_baris_baru(tingkat, b, induk, n) for n, b in enumerate(anak, start=1)]
    for tingkat, daftar in bawah.items():
        tingkat.model.objects.bulk_create(daftar, batch_size=ukuran_batch)
    return hasil


# -- copying to another year -----------------------------------------------------------------


def _jalur_dokumen(model: type[models.Model]) -> str:
    """The lookup from a row model to its document ("dokumen", "sasaran__dokumen")."""
    for kolom in model._meta.concrete_fields:
        if kolom.many_to_one and kolom.related_model is not model:
            if kolom.related_model is Dokumen:
                return kolom.name
            return f"{kolom.name}__{_jalur_dokumen(kolom.related_model)}"
    raise ValueError(f"{model.__name__} tidak terhubung ke Dokumen.")


def tanpa_asal(data: list[dict[str, Any]], kunci_anak: str | None) -> list[dict[str, Any]]:
    """`data` without `asal` (rows and sasaran), e.g. to save it where it was not copied."""
    hasil = []
    for item in data:
        item = {k: v for k, v in item.items() if k != "asal"}
        if kunci_anak is not None and kunci_anak in item:
            item[kunci_anak] = [
                {k: v for k, v in b.items() if k != "asal"} for b in item[kunci_anak]
            ]
        hasil.append(item)
    return hasil


def salin_baris(*, sumber: Dokumen, tujuan: Dokumen) -> None:
    """Every row of `sumber` into the empty `tujuan`, under new keys, each row's `asal` the
    row of `sumber` it was copied from (sasaran, and the rows of the tables beside, too).

    The rows are first saved under the source's keys (the rule above creates them so), which
    pairs every copy with its source exactly; then each level gets new keys and its `asal`:
    two reads and one UPDATE per row model, however many rows.
    """
    terdaftar = jenis_terdaftar(sumber.jenis)
    ganti_baris(tujuan, tanpa_asal(data_baris(sumber), terdaftar.kunci_anak))
    tambahan = data_tambahan(sumber)
    ganti_tambahan(tujuan, {k: tanpa_asal(v, None) for k, v in tambahan.items()})
    for model in (*terdaftar.model_baris, *(t.tingkat.model for t in terdaftar.tambahan)):
        jalur = _jalur_dokumen(model)
        asal = dict(model.objects.filter(**{jalur: sumber}).values_list("kunci", "pk"))
        salinan = list(model.objects.filter(**{jalur: tujuan}).only("pk", "kunci"))
        for baris in salinan:
            baris.asal_id = asal[baris.kunci]
            baris.kunci = uuid.uuid4()
        model.objects.bulk_update(salinan, ["asal", "kunci"])
