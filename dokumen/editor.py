"""The row formset of the document editor and its conversion to and from storage.

Each type declares its formset (built with `formset_class`) and how its stored rows become the
editor's flat rows and back (`dokumen.jenis`: `formset`, `ke_form`, `dari_form`).
"""

from typing import Any

from django import forms

from dokumen.baris import data_baris
from dokumen.models import Dokumen

BARIS_MAKS = 500


class BarisFormSet(forms.BaseFormSet):
    """Rows in the order the user gave them; a grouped type's (RKT/RAK) start with a sasaran."""

    butuh_sasaran = False

    def clean(self):
        super().clean()
        if any(self.errors) or not self.butuh_sasaran:
            return
        baris = self.baris_terurut()
        if baris and not baris[0].cleaned_data.get("sasaran"):
            baris[0].add_error("sasaran", "Baris pertama harus berisi sasaran.")
            raise forms.ValidationError("Periksa kembali isian yang ditandai.")

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
    """The row formset for `dokumen`: bound to POST `data`, or filled from the stored rows."""
    kelas = dokumen.jenis_terdaftar.formset
    if data is not None:
        return kelas(data, prefix="baris")
    return kelas(initial=_initial(dokumen), prefix="baris")


def baris_dari_formset(dokumen: Dokumen, formset: BarisFormSet) -> list[dict[str, Any]]:
    """The valid formset's rows in the shape dokumen.baris.ganti_baris takes."""
    return dokumen.jenis_terdaftar.dari_form([form.as_baris() for form in formset.baris_terurut()])
