"""The row formset of the document editor and its conversion to and from storage.

Each type declares its formset (built with `formset_class`) and how its stored rows become the
editor's flat rows and back (`dokumen.jenis`: `formset`, `ke_form`, `dari_form`). Every row
form carries its row's key in a hidden field (`kunci`; on a sasaran's first row of a grouped
type also `kunci_sasaran`), so a save updates the rows in place (dokumen.baris); a row added in
the browser has no key. The formset refuses a key that is not a row of the document, or one
sent twice, with a message on that row.
"""

from typing import Any

from django import forms

from dokumen.baris import data_baris, masalah_kunci
from dokumen.models import Dokumen

BARIS_MAKS = 500

PESAN_KUNCI_ASING = (
    "Baris ini tidak ada (lagi) di dokumen ini; mungkin dihapus orang lain sejak halaman ini "
    "dibuka. Muat ulang halaman, lalu ulangi perubahan Anda."
)
PESAN_KUNCI_GANDA = "Baris ini terkirim dua kali. Muat ulang halaman, lalu ulangi perubahan Anda."
PESAN_PERIKSA = "Periksa kembali isian yang ditandai."
PESAN_KUNCI = {"asing": PESAN_KUNCI_ASING, "ganda": PESAN_KUNCI_GANDA}


class BarisFormSet(forms.BaseFormSet):
    """Rows in the order the user gave them; a grouped type's (RKT/RAK) start with a sasaran.

    `kunci_baris` and `kunci_sasaran` are the keys of the document's rows and sasaran now.
    """

    butuh_sasaran = False

    def __init__(
        self,
        *args,
        kunci_baris: frozenset[str] = frozenset(),
        kunci_sasaran: frozenset[str] = frozenset(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.kunci_baris = kunci_baris
        self.kunci_sasaran = kunci_sasaran

    def clean(self):
        super().clean()
        baris = self.baris_terurut()
        salah = self._periksa_kunci(baris)
        tanpa_sasaran = bool(baris) and not baris[0].cleaned_data.get("sasaran")
        if self.butuh_sasaran and tanpa_sasaran and not any(self.errors):
            baris[0].add_error("sasaran", "Baris pertama harus berisi sasaran.")
            salah = True
        if salah:
            raise forms.ValidationError(PESAN_PERIKSA)

    def _periksa_kunci(self, baris: list[forms.Form]) -> bool:
        """Mark every kept row whose key is not the document's or was sent before it."""
        salah = False
        dilihat: dict[str, set[str]] = {"kunci": set(), "kunci_sasaran": set()}
        for form in baris:
            data = form.cleaned_data
            periksa = [("kunci", self.kunci_baris)]
            if self.butuh_sasaran and data.get("sasaran"):  # a sasaran's first row
                periksa.append(("kunci_sasaran", self.kunci_sasaran))
            for nama, ada in periksa:
                kunci = data.get(nama)
                if not kunci:
                    continue
                masalah = masalah_kunci(kunci, ada, dilihat[nama])
                if masalah is not None:
                    form.add_error(None, PESAN_KUNCI[masalah])
                    salah = True
        return salah

    def baris_terurut(self) -> list[forms.Form]:
        """Kept rows in the order of their ORDER field (rows without one keep their place)."""
        tetap = [f for f in self.forms if f.has_changed() or f in self.initial_forms]
        tetap = [f for f in tetap if not self._should_delete_form(f)]

        def posisi(form: forms.Form) -> tuple[int, int]:
            urutan = form.cleaned_data.get("ORDER")
            tempat = self.forms.index(form)
            return (tempat + 1 if urutan is None else urutan, tempat)

        return sorted(tetap, key=posisi)


def formset_class(form_class: type[forms.Form], butuh_sasaran: bool) -> type[BarisFormSet]:
    return forms.formset_factory(
        form_class,
        formset=type("Formset", (BarisFormSet,), {"butuh_sasaran": butuh_sasaran}),
        extra=0,
        can_delete=True,
        can_order=True,
        max_num=BARIS_MAKS,
        validate_max=True,
        absolute_max=BARIS_MAKS,
    )


def _initial(dokumen: Dokumen) -> list[dict[str, Any]]:
    baris = dokumen.jenis_terdaftar.ke_form(data_baris(dokumen))
    for urutan, row in enumerate(baris, start=1):
        row["ORDER"] = urutan
    return baris


def formset_baris(dokumen: Dokumen, data=None) -> BarisFormSet:
    """The row formset for `dokumen`: bound to POST `data` (its keys checked against the rows
    stored now), or filled from the stored rows."""
    terdaftar = dokumen.jenis_terdaftar
    kelas = terdaftar.formset
    if data is None:
        return kelas(initial=_initial(dokumen), prefix="baris")
    tersimpan = data_baris(dokumen)
    return kelas(
        data,
        prefix="baris",
        kunci_baris=frozenset(b["kunci"] for b in terdaftar.daun(tersimpan)),
        kunci_sasaran=frozenset(s["kunci"] for s in tersimpan)
        if terdaftar.berkelompok
        else frozenset(),
    )


def baris_dari_formset(dokumen: Dokumen, formset: BarisFormSet) -> list[dict[str, Any]]:
    """The valid formset's rows in the shape dokumen.baris.ganti_baris takes."""
    return dokumen.jenis_terdaftar.dari_form([form.as_baris() for form in formset.baris_terurut()])
