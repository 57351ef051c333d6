"""The admin's side of the access rule: every ModelAdmin and inline scopes through it.

Rows are limited to the satker `satker.akses.satker_terlihat` allows, so an object outside a
user's reach is missing from the change list and its change URL answers as for a deleted
object. Only the superuser and the Admin RI change anything in the admin; everyone else on the
staff (the Reviewer Provinsi) reads.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from satker.akses import Pengguna, profil_pengguna, satker_terlihat
from satker.models import Peran


def boleh_mengubah_di_admin(user: Pengguna) -> bool:
    """Whether `user` may add, change or delete anything in the admin."""
    if user.is_superuser:
        return True
    profil = profil_pengguna(user)
    return profil is not None and profil.peran == Peran.ADMIN_RI


class AksesSatkerMixin:
    """Limits a ModelAdmin or inline to the satker the user may see, read-only for reviewers.

    `jalur_satker` is the lookup from the model to its Satker ("" for Satker itself).
    """

    jalur_satker = "satker"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        lookup = f"{self.jalur_satker}__in" if self.jalur_satker else "pk__in"
        return queryset.filter(**{lookup: satker_terlihat(request.user)})

    # ModelAdmin.has_add_permission takes (request); an inline's takes (request, obj).
    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return boleh_mengubah_di_admin(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return boleh_mengubah_di_admin(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return boleh_mengubah_di_admin(request.user) and super().has_delete_permission(request, obj)


class HanyaDibacaMixin:
    """An admin (or inline) for records written only by the services: audit history,
    signature records, export jobs. Nobody adds, changes or deletes them by hand."""

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ModelAdminTerbatas(AksesSatkerMixin, admin.ModelAdmin):
    """A ModelAdmin scoped by the access rule."""


class TabularInlineTerbatas(AksesSatkerMixin, admin.TabularInline):
    """A tabular inline scoped by the access rule."""


class StackedInlineTerbatas(AksesSatkerMixin, admin.StackedInline):
    """A stacked inline scoped by the access rule."""


class FilterProvinsi(admin.RelatedOnlyFieldListFilter):
    """`satker__induk` as "provinsi": only the provinsi whose satker the user may see.

    Use `admin.RelatedOnlyFieldListFilter` for every other foreign key: it lists only the
    objects present in the scoped change list, never the whole related table.
    """

    include_empty_choice = False

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = "provinsi"
