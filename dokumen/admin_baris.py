"""The admin pages that change a document's rows follow the editor's rules.

Only a draft's rows change (a submitted, approved or published document is read-only, as in
the editor; a published one is signed). A change made on a row page is a change of its
document: the document is locked, its `suntingan` moves — so an editor open on it is told of
the conflict and its cached table is rendered again — and the audit history records it with
the rows before and after.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from dokumen.form_baris import tolak_teks_tersembunyi
from dokumen.jejak import Potret, catat_perubahan, potret
from dokumen.models import Dokumen, JenisPerubahan
from dokumen.validasi import periksa_target, tolak_angka_non_ascii

KETERANGAN_ADMIN = "Melalui halaman admin."


def dokumen_dari(obj, jalur: str) -> Dokumen:
    """The document of a row: `jalur` is the lookup from the row to it ("sasaran__dokumen")."""
    for bagian in jalur.split("__"):
        obj = getattr(obj, bagian)
    return obj


def kunci_dokumen(dokumen_pk: int) -> tuple[Dokumen, Potret]:
    """The document locked until the admin's transaction ends, and its state before."""
    terkunci = Dokumen.objects.select_for_update().get(pk=dokumen_pk)
    return terkunci, potret(terkunci)


def catat_perubahan_admin(request: HttpRequest, dokumen: Dokumen, sebelum: Potret | None) -> None:
    """After the rows were written: move `suntingan` (and `diubah`), then record the change.

    `sebelum` None: the document is new (nobody can have it open yet).
    """
    if sebelum is not None:
        dokumen.suntingan += 1
        dokumen.save()
    catat_perubahan(
        dokumen=dokumen,
        user=request.user,
        jenis=JenisPerubahan.SIMPAN if sebelum is not None else JenisPerubahan.BUAT,
        sebelum=sebelum,
        sesudah=potret(dokumen),
        keterangan=KETERANGAN_ADMIN,
    )


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
        dokumen = dokumen_dari(obj, self.jalur_dokumen)
        request.jejak_baris = kunci_dokumen(dokumen.pk)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # the inline rows, if any
        terkunci, sebelum = request.jejak_baris
        catat_perubahan_admin(request, terkunci, sebelum)

    def delete_model(self, request, obj):
        terkunci, sebelum = kunci_dokumen(dokumen_dari(obj, self.jalur_dokumen).pk)
        super().delete_model(request, obj)
        catat_perubahan_admin(request, terkunci, sebelum)
