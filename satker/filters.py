"""The satker list's filters (one FilterSet per list, NetBox's way), and the satker-code filter
the document filters reuse.

A FilterSet only narrows a queryset the access rule (satker.akses) has already scoped. A value
of the wrong form is refused with an Indonesian message (a 400 in the API, a message beside the
field on a page); a well-formed code that names no visible satker simply matches nothing, so a
filter never tells who may see what.
"""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from drf_spectacular.drainage import set_override

from satker.models import Satker, Tingkat

POLA_SLUG = r"^[-a-zA-Z0-9_]+$"  # Django's `slug` path converter and SlugField
KODE_MAKS = Satker._meta.get_field("kode").max_length
PESAN_KODE = (
    "Kode satker hanya berisi huruf, angka, tanda hubung (-) dan garis bawah (_), mis. kab-lebak."
)


class KodeSatkerFilter(django_filters.CharFilter):
    """A satker code: checked like `Satker.kode` (a slug of at most KODE_MAKS characters)."""

    field_class = forms.SlugField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", KODE_MAKS)
        kwargs.setdefault("error_messages", {"invalid": PESAN_KODE})
        super().__init__(*args, **kwargs)
        # The schema says what the filter accepts; per filter, so each keeps its description.
        set_override(
            self,
            "field",
            {
                "type": "string",
                "pattern": POLA_SLUG,
                "maxLength": KODE_MAKS,
                "description": str(self.extra.get("help_text") or self.label),
            },
        )


def filter_provinsi(queryset: QuerySet, prefix: str, kode: str) -> QuerySet:
    """A provinsi's own rows and those of its Kabupaten/Kota (`prefix` leads to the satker)."""
    return queryset.filter(
        Q(**{f"{prefix}kode": kode, f"{prefix}tingkat": Tingkat.PROVINSI})
        | Q(**{f"{prefix}induk__kode": kode})
    )


class SatkerFilter(django_filters.FilterSet):
    """GET /api/v1/satker/: `tingkat` and `provinsi`."""

    tingkat = django_filters.ChoiceFilter(
        choices=Tingkat.choices, label="Tingkat", empty_label="Semua tingkat"
    )
    provinsi = KodeSatkerFilter(
        method="saring_provinsi",
        label="Provinsi",
        help_text="Kode KPU Provinsi, mis. prov-banten: provinsi itu dan Kabupaten/Kotanya.",
    )

    class Meta:
        model = Satker
        fields = ["tingkat", "provinsi"]

    def saring_provinsi(self, queryset: QuerySet, name: str, kode: str) -> QuerySet:
        return filter_provinsi(queryset, "", kode)
