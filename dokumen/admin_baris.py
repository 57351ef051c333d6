"""The admin pages that change a document's rows save them as the editor does, by key.

Only a draft's rows change (a submitted, approved or published document is read-only, as in
the editor; a published one is signed). The admin's forms write no row themselves: what they
changed — a row page's row, its inlines' rows, a row deleted — is applied to the document's
rows in the shared shape (`dokumen.baris.data_baris`): a changed row replaces the dict of its
key, an added row comes without a key, a deleted one is left out. `dokumen_simpan_admin` saves
them with `ganti_baris`, the editor's save: the document locked and checked to be a draft, the
targets read, its `suntingan` moved (an editor open on it is told of the conflict, its cached
table rendered again) and the audit history written with the rows before and after.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from dokumen.baris import data_baris
from dokumen.form_baris import tolak_teks_tersembunyi
from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen
from dokumen.services import KOLOM_KEPALA, DokumenTidakBisaDiubah, dokumen_simpan_admin
from dokumen.validasi import periksa_target, tolak_angka_non_ascii
from kpu_kinerja.admin_akses import TabularInlineTerbatas

PESAN_BUKAN_DRAF = "Dokumen ini bukan draf lagi; isinya tidak dapat diubah."


def dokumen_dari(obj, jalur: str) -> Dokumen:
    """The document of a row: `jalur` is the lookup from the row to it ("sasaran__dokumen")."""
    for bagian in jalur.split("__"):
        obj = getattr(obj, bagian)
    return obj


class IsianAdmin:
    """A document's rows in the shared shape, changed the way the admin's forms say.

    The order is the place the admin gave: a row whose `urutan` was changed goes to that place
    (before the row standing there), the others keep theirs.
    """

    def __init__(self, dokumen: Dokumen):
        self.terdaftar = jenis_terdaftar(dokumen.jenis)
        self.data = data_baris(dokumen)
        self._daftar: dict[str, list[dict[str, Any]]] = {}  # a key → the list holding its dict
        self._tempat: dict[int, tuple[int, int]] = {}  # id(dict) → its place, for sorting
        self._catat(self.data)
        for item in self._sasaran():
            self._catat(item[self.terdaftar.kunci_anak])

    def _sasaran(self) -> list[dict[str, Any]]:
        return self.data if self.terdaftar.berkelompok else []

    def _catat(self, daftar: list[dict[str, Any]]) -> None:
        for posisi, item in enumerate(daftar, start=1):
            self._daftar[item["kunci"]] = daftar
            self._tempat[id(item)] = (posisi, 1)

    def _data(self, obj: models.Model) -> dict[str, Any]:
        return self.terdaftar.tingkat_model(type(obj)).data(obj)

    def _cari(self, obj: models.Model) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        kunci = str(obj.kunci)
        daftar = self._daftar[kunci]
        return daftar, next(item for item in daftar if item["kunci"] == kunci)

    def ubah(self, obj: models.Model, *, pindah: bool) -> None:
        """`obj`'s values replace its dict's; `pindah`: its `urutan` was changed."""
        _, item = self._cari(obj)
        item.update(self._data(obj))
        if pindah:
            self._tempat[id(item)] = (obj.urutan, 0)

    def hapus(self, obj: models.Model) -> None:
        daftar, item = self._cari(obj)
        daftar.remove(item)

    def tambah(self, obj: models.Model, *, induk: models.Model) -> None:
        """A new row (no key: it gets a new one) under `induk`, the document or a sasaran."""
        item = self._data(obj)
        if type(obj) is self.terdaftar.model_baris[0]:
            daftar = self.data
            if self.terdaftar.berkelompok:
                item[self.terdaftar.kunci_anak] = []
        else:
            daftar = self._cari(induk)[1][self.terdaftar.kunci_anak]
        daftar.append(item)
        self._tempat[id(item)] = (obj.urutan, 0)

    def ubah_formset(self, formset: forms.BaseModelFormSet) -> None:
        """An inline's changes. `save(commit=False)` writes nothing; it lists what changed for
        the admin's change message too."""
        formset.save(commit=False)
        if formset.model not in self.terdaftar.model_baris:
            return  # the read-only inlines (history, signatures, notes)
        pindah = {form.instance.pk for form in formset.forms if "urutan" in form.changed_data}
        for obj in formset.deleted_objects:
            self.hapus(obj)
        for obj, _ in formset.changed_objects:
            self.ubah(obj, pindah=obj.pk in pindah)
        for obj in formset.new_objects:
            self.tambah(obj, induk=formset.instance)

    def hasil(self) -> list[dict[str, Any]]:
        def urut(daftar: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return sorted(daftar, key=lambda item: self._tempat[id(item)])

        self.data = urut(self.data)
        for item in self._sasaran():
            item[self.terdaftar.kunci_anak] = urut(item[self.terdaftar.kunci_anak])
        return self.data


def simpan_dari_admin(
    request: HttpRequest,
    dokumen: Dokumen,
    *,
    ubah: Callable[[IsianAdmin], None],
    kepala: Dokumen | None = None,
    suntingan: int | None = None,
) -> Dokumen:
    """Save `dokumen`'s rows as `ubah` changes them, through the editor's save.

    `kepala`: the document with the admin's header changes (else the header as stored);
    `suntingan`: the one the page was opened with (else the current one: a row page carries
    none, and the document is locked before its rows are read, so nothing comes between).
    """
    terkunci = Dokumen.objects.select_for_update().get(pk=dokumen.pk)
    isian = IsianAdmin(terkunci)
    ubah(isian)
    kepala = kepala or terkunci
    try:
        return dokumen_simpan_admin(
            dokumen=terkunci,
            kepala={kolom: getattr(kepala, kolom) for kolom in KOLOM_KEPALA},
            baris=isian.hasil(),
            suntingan=terkunci.suntingan if suntingan is None else suntingan,
            oleh=request.user,
        )
    except DokumenTidakBisaDiubah:
        # Submitted between the page's permission check and this lock: refused as the page
        # would have been, nothing written.
        raise PermissionDenied(PESAN_BUKAN_DRAF) from None


class FormBarisAdmin(forms.ModelForm):
    """A row form that reads the target's number and unit again, as the editor's save does.

    Without it a target changed in the admin ("85%" → "12 Laporan") kept the old 85 and "%".
    Text and numbers get the editor's checks: nothing stored that does not read back as typed.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tolak_teks_tersembunyi(self)
        if "target" in self.fields:
            self.fields["target"].validators.append(periksa_target)

    def clean(self):
        cleaned = super().clean()
        for nama, field in self.fields.items():
            # Django reads "١٢٣٤" as 1234: look at what was typed, not the number.
            if isinstance(field, forms.IntegerField | forms.DecimalField) and self.is_bound:
                try:
                    tolak_angka_non_ascii(self.data.get(self.add_prefix(nama), ""))
                except ValidationError as galat:
                    self.add_error(nama, galat)
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()
        if not hasattr(self.instance, "baca_target") or "target" not in self.cleaned_data:
            return
        try:
            self.instance.baca_target()
            self.instance.clean_fields(
                exclude=[f.name for f in self.instance._meta.fields if f.name != "target_nilai"]
            )
        except ValidationError as galat:
            self.add_error("target", galat.messages)


class BarisDokumenInlineMixin:
    """An inline of rows: changeable only while the document it belongs to is a draft.

    `jalur_dokumen` leads from the inline's parent object to the document ("" when the parent
    is the document itself).
    """

    jalur_dokumen = ""
    form = FormBarisAdmin

    def _draf(self, obj) -> bool:
        if obj is None:
            return True
        dokumen = dokumen_dari(obj, self.jalur_dokumen) if self.jalur_dokumen else obj
        return dokumen.bisa_diubah

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._draf(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._draf(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._draf(obj)


class BarisDokumenAdminMixin:
    """A ModelAdmin of rows (or of sasaran with their rows as inlines).

    Rows are added through their document (the editor, or the document's admin page), never
    here, so a row cannot be put under a document that is not a draft. There is no bulk
    delete: each deletion is recorded against its document.
    """

    jalur_dokumen = "dokumen"  # from the row to its document
    actions = None
    form = FormBarisAdmin

    def get_readonly_fields(self, request, obj=None):
        # A row never moves to another document (or sasaran): the signed document it left, or
        # the published one it would join, would no longer be what was signed.
        induk = self.jalur_dokumen.split("__")[0]
        return [*super().get_readonly_fields(request, obj), induk]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        draf = obj is None or dokumen_dari(obj, self.jalur_dokumen).bisa_diubah
        return super().has_change_permission(request, obj) and draf

    def has_delete_permission(self, request, obj=None):
        draf = obj is None or dokumen_dari(obj, self.jalur_dokumen).bisa_diubah
        return super().has_delete_permission(request, obj) and draf

    def save_model(self, request, obj, form, change):
        pass  # written with the inlines' rows, through the document (save_related)

    def save_related(self, request, form, formsets, change):
        def ubah(isian: IsianAdmin) -> None:
            isian.ubah(form.instance, pindah="urutan" in form.changed_data)
            for formset in formsets:
                isian.ubah_formset(formset)

        simpan_dari_admin(request, dokumen_dari(form.instance, self.jalur_dokumen), ubah=ubah)

    def delete_model(self, request, obj):
        simpan_dari_admin(
            request, dokumen_dari(obj, self.jalur_dokumen), ubah=lambda isian: isian.hapus(obj)
        )


def daftar_html(baris: list[str]) -> str:
    """Lines as a compact list; "-" when there are none."""
    if not baris:
        return "-"
    return format_html(
        '<ul style="margin:0;padding-left:1.2em">{}</ul>',
        format_html_join("", "<li>{}</li>", ((b,) for b in baris)),
    )


class SasaranInline(BarisDokumenInlineMixin, TabularInlineTerbatas):
    """A document's sasaran, each with its rows listed in one read-only cell, so a reader sees
    the whole document on one page.

    A type's subclass sets `model`, the rows' related name (`kunci_anak`), `baris_html` (one
    row as HTML) and the cell: a method of its own returning `daftar_anak`, whose
    `admin.display` heads the column.
    """

    jalur_satker = "dokumen__satker"
    extra = 0
    show_change_link = True
    kunci_anak: str  # the rows' related name, as the type's JenisTerdaftar.kunci_anak

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(self.kunci_anak)

    def baris_html(self, baris: models.Model) -> str:
        raise NotImplementedError

    def daftar_anak(self, sasaran: models.Model) -> str:
        if sasaran.pk is None:
            return "-"
        return daftar_html([self.baris_html(b) for b in getattr(sasaran, self.kunci_anak).all()])
