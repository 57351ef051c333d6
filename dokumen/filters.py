"""The document list's filters: one FilterSet for the API (GET /api/v1/dokumen/) and the page
(/dokumen/), so the same query gives the same documents in both.

It narrows `dokumen.selectors.dokumen_daftar(user)`, already scoped by the access rule; it
never widens it. A value of the wrong form is refused in Indonesian (the API answers 400 with
the messages per filter, the page shows them beside the filter); a well-formed satker or
provinsi code that the user cannot see matches nothing, as an unknown one does.

The page's filters (`DokumenFilterHalaman`) also take a satker or provinsi by what their lists
offer, its name as well as its code, then filter by its code as the API does; and say beside
the filter when it names no satker the user can see (unknown and out of reach alike, so it
tells nobody who may see what).
"""

import re
from collections.abc import Iterable

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from drf_spectacular.drainage import set_override

from dokumen.forms import PESAN_TAHUN, TAHUN_MAKS, TAHUN_MIN
from dokumen.jenis import pilihan_jenis
from dokumen.models import Dokumen, StatusDokumen
from satker.filters import KODE_MAKS, POLA_SLUG, KodeSatkerFilter, filter_provinsi
from satker.models import Satker, Tingkat


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


# The page's satker filters: the level each one offers (None: any), and how it is explained.
SARINGAN_SATKER = {
    "satker": (None, "satker", "KPU Kabupaten Lebak", "kab-lebak"),
    "provinsi": (Tingkat.PROVINSI, "KPU provinsi", "KPU Provinsi Banten", "prov-banten"),
}


def _sebutan(satker: Satker) -> set[str]:
    """What a user may type for `satker`: its code, its name, its name without "KPU "."""
    nama = satker.nama.casefold()
    return {satker.kode.casefold(), nama, nama.removeprefix("kpu ")}


class DokumenFilterHalaman(DokumenFilter):
    """The page's filters: DokumenFilter, a satker or provinsi given by name or code.

    A value naming one of the satker offered (`terlihat`, the lists' choices) filters by its
    code. Another value of a code's form filters as given, as in the API (an operator may
    narrow by their own provinsi, which is not offered); when the list then comes out empty,
    or the value is of no code's form (an unknown name), the filter says so beside it.
    """

    def __init__(self, data: QueryDict, *, queryset: QuerySet, terlihat: Iterable[Satker]):
        data = data.copy()
        self.tak_dikenal: dict[str, str] = {}  # of no code's form, naming no satker offered
        self.kode_asing: dict[str, str] = {}  # a code not offered: known once the list is read
        for nama, (tingkat, *_) in SARINGAN_SATKER.items():
            nilai = " ".join(data.get(nama, "").split())  # as typed, spaces tidied
            if not nilai:
                continue
            cocok = next(
                (
                    s
                    for s in terlihat
                    if (tingkat is None or s.tingkat == tingkat) and nilai.casefold() in _sebutan(s)
                ),
                None,
            )
            if cocok is not None:
                data[nama] = cocok.kode
            elif re.fullmatch(POLA_SLUG, nilai) and len(nilai) <= KODE_MAKS:
                self.kode_asing[nama] = nilai
            else:
                self.tak_dikenal[nama] = nilai
        super().__init__(data, queryset=queryset)
        for nama, (_, jenis, contoh_nama, contoh_kode) in SARINGAN_SATKER.items():
            field = self.form.fields[nama]
            field.widget.attrs["list"] = f"pilihan-{nama}"
            field.help_text = f"Nama atau kode {jenis}, mis. {contoh_nama} atau {contoh_kode}."

    def _tandai(self, nama: str, nilai: str) -> None:
        jenis = SARINGAN_SATKER[nama][1]
        self.form.errors.pop(nama, None)  # this message rather than the code's form
        # Short: the help text below it gives a name and a code to follow.
        self.form.add_error(
            nama, f"Tidak ada {jenis} “{nilai}” yang dapat Anda lihat; pilih dari daftar."
        )

    def is_valid(self) -> bool:
        super().is_valid()
        for nama, nilai in self.tak_dikenal.items():
            self._tandai(nama, nilai)
        return not self.form.errors

    def ada_hasil(self, jumlah: int) -> bool:
        """False, with the message beside it, when a code not offered found no document."""
        if jumlah == 0:
            for nama, nilai in self.kode_asing.items():
                self._tandai(nama, nilai)
        return not self.form.errors
