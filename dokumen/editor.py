"""The row formset of the document editor, by type, and its conversion to and from storage."""

from typing import Any

from django import forms

from dokumen.baris import data_baris
from dokumen.models import Dokumen, JenisDokumen
from indikator.forms import BarisIkuForm
from rencana_aksi.baris import kelompokkan, ratakan
from rencana_aksi.forms import TRIWULAN, BarisRakForm, BarisRktForm

BARIS_MAKS = 500


class BarisFormSet(forms.BaseFormSet):
    """Rows in the order the user gave them; RKT/RAK rows start with a sasaran."""

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


def _formset_class(form_class: type[forms.Form], butuh_sasaran: bool) -> type[BarisFormSet]:
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


FORMSET = {
    JenisDokumen.IKU: _formset_class(BarisIkuForm, butuh_sasaran=False),
    JenisDokumen.RKT: _formset_class(BarisRktForm, butuh_sasaran=True),
    JenisDokumen.RAK: _formset_class(BarisRakForm, butuh_sasaran=True),
}
ANAK = {JenisDokumen.RKT: "indikator", JenisDokumen.RAK: "baris"}


def _initial(dokumen: Dokumen) -> list[dict[str, Any]]:
    data = data_baris(dokumen)
    baris = data if dokumen.jenis == JenisDokumen.IKU else ratakan(data, ANAK[dokumen.jenis])
    for urutan, row in enumerate(baris, start=1):
        row["ORDER"] = urutan
        for nomor, tw in enumerate(TRIWULAN, start=1):
            if "triwulan" in row:
                row[tw] = nomor in row["triwulan"]
        row.pop("triwulan", None)
    return baris


def formset_baris(dokumen: Dokumen, data=None) -> BarisFormSet:
    """The row formset for `dokumen`: bound to POST `data`, or filled from the stored rows."""
    formset_class = FORMSET[JenisDokumen(dokumen.jenis)]
    if data is not None:
        return formset_class(data, prefix="baris")
    return formset_class(initial=_initial(dokumen), prefix="baris")


def baris_dari_formset(dokumen: Dokumen, formset: BarisFormSet) -> list[dict[str, Any]]:
    """The valid formset's rows in the shape dokumen.baris.ganti_baris takes."""
    baris = [form.as_baris() for form in formset.baris_terurut()]
    if dokumen.jenis == JenisDokumen.IKU:
        return baris
    return kelompokkan(baris, ANAK[dokumen.jenis])
