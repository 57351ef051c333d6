"""The grouped editor (RKT, RAK: sasaran; IKU: program groups): blocks, each holding its rows.

Two formsets on one page: the blocks' headers (prefix "sasaran", whatever the type calls a
block: `nama_kelompok`, with the fields of the type's header form) and the rows (prefix
"baris"). Each row names its block (`induk`: the header form's index on the page, which stays
the same while the page is open however the blocks move), so moving a row or a block never
changes where a row belongs, and deleting a block deletes its rows instead of handing them to
another one. Both keep the order the user gave (ORDER). Without JavaScript the page still saves
what it shows. A type stored flat (IKU) is grouped for the editor by its ke_form/dari_form.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from dokumen.editor import BarisFormSet, formset_class, kolom_isi


def pesan_tanpa_kelompok(nama_kelompok: str) -> str:
    return (
        f"Baris ini tidak termasuk {nama_kelompok} mana pun. Muat ulang halaman, lalu ulangi "
        "perubahan Anda."
    )


def pesan_tanpa_baris(nama_kelompok: str) -> str:
    return (
        f"{nama_kelompok.capitalize()} ini belum punya baris: tambahkan baris, "
        f"atau hapus {nama_kelompok} ini."
    )


def _angka(nilai: Any, cadangan: int) -> int:
    try:
        return int(nilai)
    except (TypeError, ValueError):
        return cadangan


class BarisBersasaranFormSet(BarisFormSet):
    """Rows, each naming its sasaran form (`induk`); the rows of a deleted sasaran go with it."""

    def __init__(self, *args, induk_dihapus: frozenset[str] = frozenset(), **kwargs):
        self.induk_dihapus = induk_dihapus
        super().__init__(*args, **kwargs)

    def _should_delete_form(self, form: forms.Form) -> bool:
        return super()._should_delete_form(form) or induk_mentah(form) in self.induk_dihapus


def induk_mentah(form: forms.Form) -> str:
    """The sasaran index a row form names, as sent (or as filled in), before any cleaning."""
    nilai = form["induk"].value()
    return "" if nilai is None else str(nilai).strip()


def _dengan_induk(form_class: type[forms.Form], nama_kelompok: str) -> type[forms.Form]:
    """`form_class` with the hidden `induk`: the index of the header form the row belongs to."""
    pesan = pesan_tanpa_kelompok(nama_kelompok)
    induk = forms.IntegerField(
        min_value=0,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": pesan, "min_value": pesan},
    )
    return type(form_class.__name__, (form_class,), {"induk": induk, "__module__": __name__})


class EditorBerkelompok:
    """The sasaran formset and the row formset of one document, validated and read together."""

    kelas_sasaran: type[BarisFormSet]
    kelas_baris: type[BarisBersasaranFormSet]
    # What a block is called on the page ("sasaran", "kelompok program").
    nama_kelompok: str = "sasaran"
    # The key of a block's rows in the editor's shape, when it is not the type's stored
    # `kunci_anak` (a type stored flat whose editor groups its rows: ke_form/dari_form).
    kunci_anak: str | None = None

    def __init__(
        self,
        data=None,
        *,
        kunci_anak: str | None = None,
        initial_sasaran: list[dict[str, Any]] | None = None,
        initial_baris: list[dict[str, Any]] | None = None,
        kunci_baris: frozenset[str] = frozenset(),
        kunci_sasaran: frozenset[str] = frozenset(),
    ):
        self.kunci_anak = kunci_anak or type(self).kunci_anak
        self.sasaran = self.kelas_sasaran(
            data, initial=initial_sasaran, prefix="sasaran", kunci_ada=kunci_sasaran
        )
        dihapus = frozenset(
            str(i) for i, form in enumerate(self.sasaran.forms) if data and form["DELETE"].data
        )
        self.baris = self.kelas_baris(
            data,
            initial=initial_baris,
            prefix="baris",
            kunci_ada=kunci_baris,
            induk_dihapus=dihapus,
        )

    @classmethod
    def dari_isi(
        cls, isi: list[dict[str, Any]], *, kunci_anak: str | None = None
    ) -> "EditorBerkelompok":
        """Unbound, filled from sasaran with their rows nested under `kunci_anak`."""
        kunci_anak = kunci_anak or cls.kunci_anak
        sasaran, baris = [], []
        for posisi, item in enumerate(isi):
            sasaran.append({k: v for k, v in item.items() if k != kunci_anak})
            sasaran[-1]["ORDER"] = posisi + 1
            for row in item.get(kunci_anak) or []:
                baris.append(row | {"induk": posisi, "ORDER": len(baris) + 1})
        return cls(kunci_anak=kunci_anak, initial_sasaran=sasaran, initial_baris=baris)

    @property
    def forms_baris(self) -> list[forms.Form]:
        return self.baris.forms

    def kolom_isi(self) -> dict[str, dict[str, forms.Field]]:
        """The content fields of a sasaran and of a row, in column order."""
        return {
            "sasaran": kolom_isi(self.kelas_sasaran.form),
            "baris": kolom_isi(self.kelas_baris.form),
        }

    @property
    def lebar_isi(self) -> int:
        """How many content columns a row takes on the page: one per visible field, except
        the fields of its `kolom_rincian`, which share one."""
        form = self.baris.empty_form
        rincian = set(form.kolom_rincian[1]) if form.kolom_rincian else set()
        lepas = {"ORDER", "DELETE"} | rincian
        return sum(f.name not in lepas for f in form.visible_fields()) + bool(rincian)

    def is_valid(self) -> bool:
        sah = self.sasaran.is_valid() & self.baris.is_valid()
        return sah and self._periksa_induk()

    def _periksa_induk(self) -> bool:
        """Every kept row names a kept sasaran of this page; a block whose type keeps it only
        through its rows (`butuh_baris`) has one, unless it is empty (nothing to lose)."""
        kepala = self.sasaran.baris_terurut()
        ada = {str(self.sasaran.forms.index(f)) for f in kepala}
        berisi: set[str] = set()
        salah = False
        for form in self.baris.baris_terurut():
            if str(form.cleaned_data.get("induk")) not in ada:
                form.add_error(None, pesan_tanpa_kelompok(self.nama_kelompok))
                salah = True
            berisi.add(str(form.cleaned_data.get("induk")))
        if self.kelas_sasaran.form.butuh_baris:
            for form in kepala:
                isi = any(form.cleaned_data.get(nama) for nama in kolom_isi(type(form)))
                if isi and str(self.sasaran.forms.index(form)) not in berisi:
                    form.add_error(None, pesan_tanpa_baris(self.nama_kelompok))
                    salah = True
        return not salah

    def isi(self) -> list[dict[str, Any]]:
        """The kept sasaran in order, each with its kept rows in order under `kunci_anak`."""
        terurut = [(self.sasaran.forms.index(f), f) for f in self.sasaran.baris_terurut()]
        anggota: dict[int, list[dict[str, Any]]] = {posisi: [] for posisi, _ in terurut}
        for form in self.baris.baris_terurut():
            anggota[form.cleaned_data["induk"]].append(form.as_baris())
        return [form.as_baris() | {self.kunci_anak: anggota[posisi]} for posisi, form in terurut]

    def jumlah(self) -> tuple[str, int] | None:
        """(label, total) of the column the row form totals (`kolom_jumlah`) over the rows kept,
        as the page shows them (a value that does not read as a number counts nothing)."""
        if self.kelas_baris.form.kolom_jumlah is None:
            return None
        nama, label = self.kelas_baris.form.kolom_jumlah
        total = 0
        for form in self.baris.forms:
            if form["DELETE"].value() or induk_mentah(form) in self.baris.induk_dihapus:
                continue
            try:
                total += form.fields[nama].clean(form[nama].value()) or 0
            except ValidationError:
                continue
        return label, total

    def blok(self) -> list[tuple[str | None, forms.Form | None, list[forms.Form]]]:
        """(index, sasaran form, its row forms) in the order shown, as sent when bound; rows
        naming no sasaran of the page come last, under (None, None)."""

        def urutan(pasangan: tuple[int, forms.Form]) -> tuple[int, int]:
            return (_angka(pasangan[1]["ORDER"].value(), pasangan[0] + 1), pasangan[0])

        sasaran = sorted(enumerate(self.sasaran.forms), key=urutan)
        anggota: dict[str, list[forms.Form]] = {str(posisi): [] for posisi, _ in sasaran}
        yatim: list[forms.Form] = []
        for _, form in sorted(enumerate(self.baris.forms), key=urutan):
            anggota.get(induk_mentah(form), yatim).append(form)
        hasil: list[tuple[str | None, forms.Form | None, list[forms.Form]]] = [
            (str(posisi), form, anggota[str(posisi)]) for posisi, form in sasaran
        ]
        return hasil + [(None, None, yatim)] if yatim else hasil


def editor_berkelompok(
    form_baris: type[forms.Form],
    form_sasaran: type[forms.Form],
    *,
    formset_sasaran: type[BarisFormSet] = BarisFormSet,
    nama_kelompok: str = "sasaran",
    kunci_anak: str | None = None,
) -> type[EditorBerkelompok]:
    """A grouped editor: blocks of `form_sasaran` (checked together by `formset_sasaran`),
    holding rows of `form_baris`. A header form without a `kunci` field is a block that is not
    a stored row (IKU program groups), so it carries and checks no key."""
    return type(
        "Editor",
        (EditorBerkelompok,),
        {
            "kelas_sasaran": formset_class(form_sasaran, formset_sasaran),
            "kelas_baris": formset_class(
                _dengan_induk(form_baris, nama_kelompok), BarisBersasaranFormSet
            ),
            "nama_kelompok": nama_kelompok,
            "kunci_anak": kunci_anak,
        },
    )
