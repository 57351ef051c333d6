"""The document list's filters: one FilterSet for the API (GET /api/v1/dokumen/) and the page
(/dokumen/), so the same query gives the same documents in both.

It narrows `dokumen.selectors.dokumen_daftar(user)`, already scoped by the access rule; it
never widens it. A value of the wrong form is refused in Indonesian (the API answers 400 with
the messages per filter, the page shows them beside the filter); a well-formed satker or
provinsi code that the user cannot see matches nothing, as an unknown one does.
"""

import django_filters
from django import forms
from django.db.models import QuerySet
from drf_spectacular.drainage import set_override

from dokumen.forms import PESAN_TAHUN, TAHUN_MAKS, TAHUN_MIN
from dokumen.jenis import pilihan_jenis
from dokumen.models import Dokumen, StatusDokumen
from satker.filters import KodeSatkerFilter, filter_provinsi


class TahunFilter(django_filters.NumberFilter):
    """A year as documents have them: a whole number from TAHUN_MIN to TAHUN_MAKS."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", TAHUN_MIN)
        kwargs.setdefault("max_value", TAHUN_MAKS)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Tahun ditulis dengan angka, mis. 2024.",
                "min_value": PESAN_TAHUN,
                "max_value": PESAN_TAHUN,
            },
        )
        super().__init__(*args, **kwargs)
        set_override(
            self,
            "field",
            {
                "type": "integer",
                "minimum": TAHUN_MIN,
                "maximum": TAHUN_MAKS,
                "description": str(self.label),
            },
        )


class DokumenFilter(django_filters.FilterSet):
    """`tahun`, `jenis`, `status`, `satker` and `provinsi`, each optional."""

    tahun = TahunFilter(label="Tahun")
    jenis = django_filters.ChoiceFilter(
        choices=pilihan_jenis, label="Jenis dokumen", empty_label="Semua jenis"
    )
    status = django_filters.ChoiceFilter(
        choices=StatusDokumen.choices, label="Status", empty_label="Semua status"
    )
    satker = KodeSatkerFilter(
        field_name="satker__kode", label="Satker", help_text="Kode satker, mis. kab-lebak."
    )
    provinsi = KodeSatkerFilter(
        method="saring_provinsi",
        label="Provinsi",
        help_text="Kode KPU Provinsi, mis. prov-banten: dokumen provinsi itu dan "
        "Kabupaten/Kotanya.",
    )

    class Meta:
        model = Dokumen
        fields = ["tahun", "jenis", "status", "satker", "provinsi"]

    def saring_provinsi(self, queryset: QuerySet, name: str, kode: str) -> QuerySet:
        return filter_provinsi(queryset, "satker__", kode)
