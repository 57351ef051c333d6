"""The document editor's forms and their conversion to and from storage.

Each type declares its editor (`dokumen.jenis`: `formset`, built with
`dokumen.editor_kelompok.editor_berkelompok`) and how its stored rows become the editor's
(`ke_form`) and back (`dari_form`): blocks (RKT, RAK: sasaran; IKU: program groups), each a
header form, holding their rows, each row naming its block (dokumen.editor_kelompok). Every
row form (and every header that is a stored row) carries its key in a hidden `kunci`, so a save
updates the rows in place (dokumen.baris); one added in the browser has none. A key that is
not one of the document's, or one sent twice, is refused on its form.

The editor answers: `dari_isi(isi)` (unbound, from the editor's shape), bound to POST data with
the keys allowed, `is_valid()`, `isi()` (the cleaned blocks in the editor's shape, in the order
given) and `forms_baris` (every row form, for the target warnings).
"""

from typing import Any

from django import forms

from dokumen.baris import data_baris, masalah_kunci
from dokumen.form_baris import KOLOM_EDITOR
from dokumen.models import Dokumen

BARIS_MAKS = 500

PESAN_KUNCI_ASING = (
    "Baris ini tidak ada (lagi) di dokumen ini; mungkin dihapus orang lain sejak halaman ini "
    "dibuka. Muat ulang halaman, lalu ulangi perubahan Anda."
)
PESAN_KUNCI_GANDA = "Baris ini terkirim dua kali. Muat ulang halaman, lalu ulangi perubahan Anda."
PESAN_PERIKSA = "Periksa kembali isian yang ditandai."
PESAN_KUNCI = {"asing": PESAN_KUNCI_ASING, "ganda": PESAN_KUNCI_GANDA}


def kolom_isi(form_class: type[forms.Form]) -> dict[str, forms.Field]:
    """The fields of `form_class` that hold content (not its key, place or sasaran)."""
    lepas = KOLOM_EDITOR | {"kunci"}
    return {nama: f for nama, f in form_class.base_fields.items() if nama not in lepas}


class BarisFormSet(forms.BaseFormSet):
    """Forms in the order the user gave them (ORDER); `kunci_ada` are the keys they may carry."""

    def __init__(self, *args, kunci_ada: frozenset[str] = frozenset(), **kwargs):
        kwargs.setdefault("prefix", "baris")
        super().__init__(*args, **kwargs)
        self.kunci_ada = kunci_ada

    def clean(self):
        super().clean()
        if self._periksa_kunci(self.baris_terurut()):
            raise forms.ValidationError(PESAN_PERIKSA)

    def _periksa_kunci(self, daftar: list[forms.Form]) -> bool:
        """Mark every kept form whose key is not the document's or was sent before it."""
        salah, dilihat = False, set()
        for form in daftar:
            kunci = form.cleaned_data.get("kunci")
            masalah = masalah_kunci(kunci, self.kunci_ada, dilihat) if kunci else None
            if masalah is not None:
                form.add_error(None, PESAN_KUNCI[masalah])
                salah = True
        return salah

    def baris_terurut(self) -> list[forms.Form]:
        """Kept forms in the order of their ORDER field (forms without one keep their place)."""
        tetap = [f for f in self.forms if f.has_changed() or f in self.initial_forms]
        tetap = [f for f in tetap if not self._should_delete_form(f)]

        def posisi(form: forms.Form) -> tuple[int, int]:
            urutan = form.cleaned_data.get("ORDER")
            tempat = self.forms.index(form)
            return (tempat + 1 if urutan is None else urutan, tempat)

        return sorted(tetap, key=posisi)


def formset_class(form_class: type[forms.Form], dasar: type[BarisFormSet] = BarisFormSet):
    """A formset of `form_class`: the grouped editor's headers, or its rows
    (dokumen.editor_kelompok.editor_berkelompok)."""
    return forms.formset_factory(
        form_class,
        formset=dasar,
        extra=0,
        can_delete=True,
        can_order=True,
        max_num=BARIS_MAKS,
        validate_max=True,
        absolute_max=BARIS_MAKS,
    )


def kunci_dokumen(dokumen: Dokumen, baris: list[dict[str, Any]]) -> dict[str, frozenset[str]]:
    """The keys of `baris` (a document's rows in the shared shape): rows, and sasaran."""
    terdaftar = dokumen.jenis_terdaftar
    return {
        "baris": frozenset(b["kunci"] for b in terdaftar.daun(baris) if b.get("kunci")),
        "sasaran": frozenset(s["kunci"] for s in baris if s.get("kunci"))
        if terdaftar.berkelompok
        else frozenset(),
    }


def formset_baris(
    dokumen: Dokumen,
    data=None,
    *,
    tersimpan: list[dict[str, Any]] | None = None,
    dasar: list[dict[str, Any]] | None = None,
):
    """The editor for `dokumen`: bound to POST `data`, whose keys may be those of the rows stored
    now or of `dasar` (the rows as the page was opened, which someone may have changed since);
    or filled from the stored rows (`tersimpan`, when already read)."""
    terdaftar = dokumen.jenis_terdaftar
    kelas = terdaftar.formset
    tersimpan = data_baris(dokumen) if tersimpan is None else tersimpan
    # The editor's shape may group a type stored flat (its ke_form/dari_form convert).
    kunci_anak = kelas.kunci_anak or terdaftar.kunci_anak
    if data is None:
        return kelas.dari_isi(terdaftar.ke_form(tersimpan), kunci_anak=kunci_anak)
    kunci = kunci_dokumen(dokumen, tersimpan)
    if dasar:
        lama = kunci_dokumen(dokumen, dasar)
        kunci = {nama: kunci[nama] | lama[nama] for nama in kunci}
    return kelas(
        data, kunci_baris=kunci["baris"], kunci_sasaran=kunci["sasaran"], kunci_anak=kunci_anak
    )


def baris_dari_formset(dokumen: Dokumen, formset) -> list[dict[str, Any]]:
    """The valid editor's rows in the shape dokumen.baris.ganti_baris takes."""
    return dokumen.jenis_terdaftar.dari_form(formset.isi())
