"""The API's shapes of a document, and what the row serializers of every type share.

Rows travel in the shape of `dokumen.baris.data_baris`: an IKU is a list of rows; an RKT or
RAK a list of sasaran, each with its rows nested (`indikator` / `baris`). Sending the list
saves every row of a draft, so adding, changing, moving and deleting a row is sending the list
with that change: a row (or sasaran) sent with its `kunci` is updated in place, one without is
new, one not sent is deleted (dokumen.baris). Each type declares its row serializers in its own
app (`indikator/serializers.py`, `rencana_aksi/serializers.py`; dokumen.jenis
`serializer_baris`, `serializer_isian`): the read ones promise every key (the schema can tell
the three shapes apart), the write ones carry the form rules. `BarisIsianField` checks the keys
against the document changed, the same way for every type. A table beside the rows
(dokumen.jenis.TabelTambahan, a PK's `program`) travels under its own key, read and written the
same way (`TambahanIsianField`); not sent, it is left as it is.
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from dokumen.alur import aksi_tersedia
from dokumen.baris import data_baris, masalah_kunci
from dokumen.editor import BARIS_MAKS
from dokumen.form_baris import TEKS_MAKS, RupiahField
from dokumen.forms import PESAN_TAHUN, TAHUN_MAKS, TAHUN_MIN, _pesan_duplikat, periksa_tanggal_ttd
from dokumen.forms_tandatangan import pesan_pasang_dulu
from dokumen.jenis import jenis_terdaftar, kode_jenis, semua_jenis
from dokumen.models import AksiDokumen, Dokumen, TandaTangan
from dokumen.penandatanganan import nama_giliran
from dokumen.selectors import giliran
from dokumen.syarat_ttd import PESAN_SANDI_SALAH, sandi_benar
from dokumen.target import PESAN_TANPA_ANGKA
from dokumen.validasi import (
    ANGGARAN_MAKSIMUM,
    periksa_target,
    tolak_angka_non_ascii,
    tolak_karakter_tersembunyi,
)
from dua_faktor.aturan import punya_perangkat
from dua_faktor.services import PESAN_KODE_KOSONG, kode_cocok
from satker.akses import Pengguna, boleh_menulis, satker_terlihat
from satker.models import Pejabat, Satker, Tingkat

PESAN_KOLOM_ASING = "Kolom tidak dikenal; periksa ejaannya atau hapus dari isian."
PESAN_HANYA_DIBACA = (
    "Kolom ini hanya dibaca: nilainya tidak dapat diubah lewat API (hapus dari isian, atau "
    "kirim nilai yang sekarang)."
)

# Workflow steps → the name of their POST endpoint under /api/v1/dokumen/{id}/.
AKSI_API = {
    AksiDokumen.AJUKAN: "ajukan",
    AksiDokumen.SETUJUI: "setujui",
    AksiDokumen.KEMBALIKAN: "kembalikan",
    AksiDokumen.TERBITKAN: "terbitkan",
    AksiDokumen.BUAT_REVISI: "revisi",
}


class KolomDikenal:
    """Unknown keys are a 400 naming them: what the API does not understand is not dropped."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            dikenal = {field.field_name for field in self._writable_fields}
            asing = sorted(str(kunci) for kunci in data if kunci not in dikenal)
            if asing:
                raise serializers.ValidationError({kunci: [PESAN_KOLOM_ASING] for kunci in asing})
        return super().to_internal_value(data)


class BilanganField(serializers.IntegerField):
    """A whole number written with 0–9 only (int() would also read "٢٠٢٤" as 2024)."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, str):
            tolak_angka_non_ascii(data)
        return super().to_internal_value(data)


# -- what the row serializers of every type share (indikator/ and rencana_aksi/serializers.py) --


def teks_isian(**kwargs: Any) -> serializers.CharField:
    """An optional text cell, capped like the editor's (`teks_panjang`)."""
    kwargs.setdefault("max_length", TEKS_MAKS)
    kwargs["validators"] = [tolak_karakter_tersembunyi, *kwargs.get("validators", [])]
    return serializers.CharField(required=False, allow_blank=True, default="", **kwargs)


def target_isian() -> serializers.CharField:
    """A target, refused like the editor's when its number could not be stored."""
    return teks_isian(max_length=100, validators=[periksa_target])


def wajib_isian(pesan: str, **kwargs: Any) -> serializers.CharField:
    """A required text cell whose every way of being empty gets the form's message."""
    kwargs.setdefault("max_length", TEKS_MAKS)
    return serializers.CharField(
        error_messages={"required": pesan, "blank": pesan, "null": pesan},
        validators=[tolak_karakter_tersembunyi],
        **kwargs,
    )


class AnggaranField(serializers.Field):
    """Whole Rupiah as a JSON integer, or as people write it ("8.170.412.000"); null for none.

    Parsed and checked by the editor's RupiahField, so the rules and messages are the form's.
    """

    default_error_messages = {"invalid": "Tulis anggaran sebagai angka rupiah, mis. 8.170.412.000."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("default", None)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int | None:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        try:
            return RupiahField().clean(str(data))
        except forms.ValidationError as galat:
            raise serializers.ValidationError(galat.messages) from None

    def to_representation(self, value: int | None) -> int | None:
        return value


extend_schema_field(
    {
        "type": "integer",
        "format": "int64",
        "minimum": 0,
        "maximum": ANGGARAN_MAKSIMUM - 1,
        "nullable": True,
        "description": "Rupiah utuh; teks seperti “8.170.412.000” juga diterima.",
    }
)(AnggaranField)


BANTUAN_KUNCI = (
    "Kunci baris (atau sasaran): tetap selama baris ada, juga di versi dokumen berikutnya. "
    "Kirim kembali bersama barisnya agar baris diubah di tempat; baris tanpa kunci adalah baris "
    "baru, baris yang tidak dikirim dihapus."
)
BANTUAN_ASAL = (
    "Kunci baris dokumen tahun sebelumnya yang disalin menjadi baris ini; null bila bukan salinan."
)
PESAN_KUNCI_ASING = (
    "Kunci ini bukan kunci baris dokumen ini. Kirim kunci seperti yang dibaca dari dokumen, atau "
    "hapus `kunci` untuk baris baru."
)
PESAN_KUNCI_GANDA = "Kunci ini sudah dipakai baris lain dalam isian; setiap baris punya kuncinya."
PESAN_KUNCI = {"asing": PESAN_KUNCI_ASING, "ganda": PESAN_KUNCI_GANDA}


def kunci_baca() -> serializers.UUIDField:
    return serializers.UUIDField(help_text=BANTUAN_KUNCI)


def asal_baca() -> serializers.UUIDField:
    return serializers.UUIDField(allow_null=True, help_text=BANTUAN_ASAL)


def kunci_isian() -> serializers.UUIDField:
    """A row's key as read (optional: a row without one is new); BarisIsianField checks it."""
    return serializers.UUIDField(
        required=False,
        help_text=BANTUAN_KUNCI,
        error_messages={"invalid": "Tulis kunci baris sebagai UUID, seperti yang dibaca."},
    )


def asal_isian() -> serializers.UUIDField:
    """`asal` as read may come back unchanged (BarisIsianField checks it, then drops it)."""
    return serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text=f"Hanya dibaca; boleh dikirim kembali tanpa diubah. {BANTUAN_ASAL}",
        error_messages={"invalid": PESAN_HANYA_DIBACA},
    )


def _asal_terakhir(kolom: dict[str, serializers.Field]) -> dict[str, serializers.Field]:
    """`asal` after the nested rows a subclass declares, as the shared shape has it (DRF puts
    a base's fields first)."""
    kolom["asal"] = kolom.pop("asal")
    return kolom


class SasaranSerializer(serializers.Serializer):
    """A sasaran of a grouped type as read. A type's subclass declares its rows, under the
    type's `kunci_anak` ("indikator = IndikatorRktSerializer(many=True)")."""

    kunci = kunci_baca()
    nomor = serializers.CharField()
    sasaran = serializers.CharField()
    asal = asal_baca()

    def get_fields(self) -> dict[str, serializers.Field]:
        return _asal_terakhir(super().get_fields())


class DaftarBarisIsian(serializers.ListSerializer):
    """The rows of one sasaran as written: at least one, as the editor's rows always give."""

    def run_validation(self, data: Any = serializers.empty) -> Any:
        baris = super().run_validation(data)
        if not baris:
            # Raised here, not by the list's validators, so the message stands as the field's
            # own ({"indikator": [pesan]}), as the editor words it.
            raise serializers.ValidationError(self.error_messages["empty"])
        return baris


def daftar_baris(anak: type[serializers.Serializer], pesan_kosong: str) -> DaftarBarisIsian:
    """A sasaran's rows as written by `anak`; none, null or absent is `pesan_kosong`."""
    pesan = {
        "required": pesan_kosong,
        "null": pesan_kosong,
        "empty": pesan_kosong,
        "not_a_list": "Kirim sebagai daftar.",
    }
    return DaftarBarisIsian(child=anak(error_messages=pesan), error_messages=pesan)


# A sasaran of a grouped type as written; a type's subclass declares its rows under the type's
# `kunci_anak`, by `daftar_baris`. No docstring: the schema would print it for every subclass.
class SasaranIsianSerializer(KolomDikenal, serializers.Serializer):
    kunci = kunci_isian()
    nomor = teks_isian(max_length=10)
    sasaran = wajib_isian("Sasaran wajib diisi.")
    asal = asal_isian()

    def get_fields(self) -> dict[str, serializers.Field]:
        return _asal_terakhir(super().get_fields())


def _periksa_kunci(
    isian: list[dict[str, Any]], ada: dict[str, dict[str, Any]], dipakai: set[str]
) -> dict[int, dict[str, Any]]:
    """The errors of one level of written rows, by position: a key that is none of `ada` (the
    document's rows now) or was used before (`dipakai`), an `asal` other than the row's.

    Keys become text, as the services read them; `asal` is dropped (nobody sets it).
    """
    galat: dict[int, dict[str, Any]] = {}
    for posisi, item in enumerate(isian):
        pesan: dict[str, Any] = {}
        kunci = item.get("kunci")
        if kunci is not None:
            kunci = item["kunci"] = str(kunci)
            if masalah := masalah_kunci(kunci, ada, dipakai):
                pesan["kunci"] = [PESAN_KUNCI[masalah]]
        if "asal" in item:
            asal = item.pop("asal")
            sekarang = ada[kunci]["asal"] if kunci in ada else None
            if (str(asal) if asal is not None else None) != sekarang:
                pesan["asal"] = [PESAN_HANYA_DIBACA]
        if pesan:
            galat[posisi] = pesan
    return galat


# Each type declares its row serializers (dokumen.jenis: serializer_baris, serializer_isian);
# the schema lists them all, read when the schema is built (after every app's ready()).
SKEMA_BARIS = PolymorphicProxySerializer(
    component_name="Baris",
    serializers=lambda: [j.serializer_baris for j in semua_jenis()],
    resource_type_field_name=None,
    many=True,
)
SKEMA_BARIS_ISIAN = PolymorphicProxySerializer(
    component_name="BarisIsian",
    serializers=lambda: [j.serializer_isian for j in semua_jenis()],
    resource_type_field_name=None,
    many=True,
)


@extend_schema_field(SKEMA_BARIS_ISIAN)
class BarisIsianField(serializers.Field):
    """A draft's rows, validated by the row rules of the document's type (from the instance)."""

    default_error_messages = {
        "not_a_list": "Kirim baris sebagai daftar.",
        "terlalu_banyak": f"Paling banyak {BARIS_MAKS} baris.",
        "tanpa_jenis": "Baris dibaca menurut jenis dokumen: perbaiki kolom jenis dahulu.",
    }

    def _jenis(self) -> str:
        """The type of the document edited, or, for a new one, the type it is created as."""
        if self.parent.instance is not None:
            return self.parent.instance.jenis
        jenis = self.parent.initial_data.get("jenis")
        if jenis not in kode_jenis():
            self.fail("tanpa_jenis")
        return jenis

    def to_internal_value(self, data: Any) -> list[dict[str, Any]]:
        if not isinstance(data, list):
            self.fail("not_a_list")
        if len(data) > BARIS_MAKS:
            self.fail("terlalu_banyak")
        terdaftar = jenis_terdaftar(self._jenis())
        isian = terdaftar.serializer_isian(data=data, many=True)
        if not isian.is_valid():
            raise serializers.ValidationError(isian.errors)
        baris = isian.validated_data
        if terdaftar.berkelompok and len(terdaftar.daun(baris)) > BARIS_MAKS:
            self.fail("terlalu_banyak")
        self._periksa_kunci(terdaftar, baris)
        return baris

    def _periksa_kunci(self, terdaftar: Any, baris: list[dict[str, Any]]) -> None:
        """Every key names a row (or sasaran) of the document changed, once: a new document
        has none yet. A row's key is unique in the whole document, across its sasaran."""
        dokumen = self.parent.instance
        sekarang = data_baris(dokumen) if dokumen is not None else []
        daun = {row["kunci"]: row for row in terdaftar.daun(sekarang)}
        anak = terdaftar.kunci_anak
        if anak is None:
            galat = _periksa_kunci(baris, daun, set())
        else:
            galat = _periksa_kunci(baris, {s["kunci"]: s for s in sekarang}, set())
            dipakai: set[str] = set()
            for posisi, item in enumerate(baris):
                if galat_anak := _periksa_kunci(item[anak], daun, dipakai):
                    galat.setdefault(posisi, {})[anak] = galat_anak
        if galat:
            raise serializers.ValidationError(galat)

    def to_representation(self, value: Any) -> Any:
        return value


SKEMA_TAMBAHAN_ISIAN = PolymorphicProxySerializer(
    component_name="TambahanIsian",
    serializers=lambda: [t.serializer_isian for j in semua_jenis() for t in j.tambahan],
    resource_type_field_name=None,
    many=True,
)


@extend_schema_field(SKEMA_TAMBAHAN_ISIAN)
class TambahanIsianField(serializers.Field):
    """A table beside the rows (dokumen.jenis.TabelTambahan, a PK's `program`), validated by its
    row serializer, its keys checked as the rows' are; a key the document's type has no table
    for is refused as an unknown field."""

    default_error_messages = {
        "not_a_list": "Kirim sebagai daftar.",
        "terlalu_banyak": f"Paling banyak {BARIS_MAKS} baris.",
        "asing": PESAN_KOLOM_ASING,
    }

    def __init__(self, *, kunci: str, **kwargs: Any) -> None:
        self.kunci = kunci
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[dict[str, Any]]:
        try:
            jenis = self.parent.fields["baris"]._jenis()
            tabel = jenis_terdaftar(jenis).tabel_tambahan(self.kunci)
        except (KeyError, serializers.ValidationError):
            self.fail("asing")
        if not isinstance(data, list):
            self.fail("not_a_list")
        if len(data) > BARIS_MAKS:
            self.fail("terlalu_banyak")
        isian = tabel.serializer_isian(data=data, many=True)
        if not isian.is_valid():
            raise serializers.ValidationError(isian.errors)
        baris = isian.validated_data
        dokumen = self.parent.instance
        sekarang = tabel.baca(dokumen) if dokumen is not None else []
        if galat := _periksa_kunci(baris, {b["kunci"]: b for b in sekarang}, set()):
            raise serializers.ValidationError(galat)
        return baris

    def to_representation(self, value: Any) -> Any:
        return value


def _kunci_tambahan() -> list[str]:
    """The keys of every registered type's tables beside the rows (each once)."""
    return list(dict.fromkeys(t.kunci for j in semua_jenis() for t in j.tambahan))


class TambahanField(serializers.Field):
    """A table beside the rows as read (dokumen.jenis.TabelTambahan, a PK's `program`), in its
    read serializer's shape; absent from a document whose type has no table of that key.

    Not read-only, though only read: the schema lists a read-only field as always present.
    """

    def __init__(self, *, kunci: str, **kwargs: Any) -> None:
        self.kunci = kunci
        tabel = [(j.kode, t) for j in semua_jenis() for t in j.tambahan if t.kunci == kunci]
        kelas = list(dict.fromkeys(t.serializer_baca for _, t in tabel))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            f"{tabel[0][1].label}: hanya pada dokumen {', '.join(k for k, _ in tabel)}; "
            "barisnya berkunci seperti `baris`.",
        )
        super().__init__(**kwargs)
        skema = (
            kelas[0](many=True)
            if len(kelas) == 1
            else PolymorphicProxySerializer(
                component_name=f"Tambahan{kunci.title()}",
                serializers=kelas,
                resource_type_field_name=None,
                many=True,
            )
        )
        extend_schema_field(skema)(self)  # per key, so on the instance

    def get_attribute(self, dokumen: Dokumen) -> list[dict[str, Any]]:
        try:
            tabel = dokumen.jenis_terdaftar.tabel_tambahan(self.kunci)
        except KeyError:
            raise serializers.SkipField from None
        return tabel.serializer_baca(tabel.baca(dokumen), many=True).data

    def to_representation(self, value: Any) -> Any:
        return value


# -- documents -------------------------------------------------------------------------------


class DokumenRingkasSerializer(serializers.ModelSerializer):
    """A document in a list: header only, no rows (one query for the whole page)."""

    satker = serializers.CharField(source="satker.kode", read_only=True)
    satker_nama = serializers.CharField(source="satker.nama", read_only=True)
    provinsi = serializers.SerializerMethodField()

    class Meta:
        model = Dokumen
        fields = [
            "id",
            "satker",
            "satker_nama",
            "provinsi",
            "jenis",
            "tahun",
            "versi",
            "status",
            "suntingan",
            "diubah",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_provinsi(self, dokumen: Dokumen) -> str | None:
        """The kode of the satker's provinsi (the satker itself for a KPU Provinsi)."""
        satker = dokumen.satker
        if satker.tingkat == Tingkat.PROVINSI:
            return satker.kode
        if satker.tingkat == Tingkat.KABKOTA and satker.induk is not None:
            return satker.induk.kode
        return None


class DokumenDaftarSerializer(DokumenRingkasSerializer):
    """The rows of the document list: DokumenRingkasSerializer's output, built directly.

    A page is 50 documents × 10 fields, and DRF's field-by-field representation was a third
    of the request's time (bench/web.py). The output is the same (tests/api pin it).
    """

    def to_representation(self, dokumen: Dokumen) -> dict[str, Any]:
        satker = dokumen.satker
        return {
            "id": dokumen.pk,
            "satker": satker.kode,
            "satker_nama": satker.nama,
            "provinsi": self.get_provinsi(dokumen),
            "jenis": dokumen.jenis,
            "tahun": dokumen.tahun,
            "versi": dokumen.versi,
            "status": dokumen.status,
            "suntingan": dokumen.suntingan,
            "diubah": self.fields["diubah"].to_representation(dokumen.diubah),
        }


class DokumenSerializer(DokumenRingkasSerializer):
    """A document with its header, signature details and rows."""

    boleh_ubah = serializers.SerializerMethodField()
    aksi_tersedia = serializers.SerializerMethodField()
    baris = serializers.SerializerMethodField()

    class Meta(DokumenRingkasSerializer.Meta):
        fields = [
            *DokumenRingkasSerializer.Meta.fields,
            "label_lampiran",
            "tahun_anggaran",
            "tempat_ttd",
            "tanggal_ttd",
            "tanggal_ttd_presisi",
            "penandatangan",
            "alasan_revisi",
            "ditandatangani_pada",
            "sha256",
            "token_verifikasi",
            "dibuat",
            "boleh_ubah",
            "aksi_tersedia",
            "baris",
            "peringatan",
        ]
        read_only_fields = fields

    peringatan = serializers.SerializerMethodField()

    def _user(self) -> Pengguna:
        request = self.context.get("request")
        return request.user if request is not None else AnonymousUser()

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_boleh_ubah(self, dokumen: Dokumen) -> bool:
        """Whether the requesting user may change this draft now (PUT/PATCH)."""
        return dokumen.bisa_diubah and boleh_menulis(self._user(), dokumen.satker)

    @extend_schema_field(
        {"type": "array", "items": {"type": "string", "enum": list(AKSI_API.values())}}
    )
    def get_aksi_tersedia(self, dokumen: Dokumen) -> list[str]:
        """The workflow steps the requesting user may take now, as their endpoint names."""
        return [AKSI_API[aksi] for aksi in aksi_tersedia(self._user(), dokumen)]

    def _baris(self, dokumen: Dokumen) -> list[dict[str, Any]]:
        """The rows, read once for `baris` and `peringatan`."""
        if getattr(self, "_baris_dibaca", (None,))[0] != dokumen.pk:
            self._baris_dibaca = (dokumen.pk, data_baris(dokumen))
        return self._baris_dibaca[1]

    @extend_schema_field(SKEMA_BARIS)
    def get_baris(self, dokumen: Dokumen) -> list[dict[str, Any]]:
        return self._baris(dokumen)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The fields, then each table beside the rows (a PK's `program`) under its key.
        for kunci in _kunci_tambahan():
            self.fields[kunci] = TambahanField(kunci=kunci)

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"kolom": {"type": "string"}, "pesan": {"type": "string"}},
                "required": ["kolom", "pesan"],
            },
            "description": "Hal yang perlu diperiksa tetapi tidak menolak penyimpanan, mis. "
            f"target tanpa angka: “{PESAN_TANPA_ANGKA}”",
        }
    )
    def get_peringatan(self, dokumen: Dokumen) -> list[dict[str, str]]:
        """Targets that hold no number, by their place in `baris` ("baris[0].baris[2].target")."""
        baris = self._baris(dokumen)
        terdaftar = dokumen.jenis_terdaftar
        anak = terdaftar.kunci_anak
        if anak is None:
            tempat = [(f"baris[{i}]", row) for i, row in enumerate(baris)]
        else:
            tempat = [
                (f"baris[{i}].{anak}[{j}]", row)
                for i, sasaran in enumerate(baris)
                for j, row in enumerate(sasaran[anak])
            ]
        return [
            {"kolom": f"{lokasi}.target", "pesan": pesan}
            for lokasi, row in tempat
            if (pesan := terdaftar.peringatan_baris(row))
        ]


PESAN_PEJABAT_LAIN = "Pejabat ini bukan pejabat {satker}; pilih pejabat satker pemilik dokumen."
_TAHUN = {
    "min_value": TAHUN_MIN,
    "max_value": TAHUN_MAKS,
    "error_messages": {"min_value": PESAN_TAHUN, "max_value": PESAN_TAHUN},
}
_TEKS_KEPALA = {"validators": [tolak_karakter_tersembunyi]}


class KepalaIsianSerializer(KolomDikenal, serializers.ModelSerializer):
    """A draft's header as written: the editor's rules (years, date, text read back as typed)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        **{
            kelas: BilanganField
            for kelas, field in serializers.ModelSerializer.serializer_field_mapping.items()
            if field is serializers.IntegerField
        },
    }
    tahun = BilanganField(**_TAHUN)
    penandatangan = serializers.PrimaryKeyRelatedField(
        queryset=Pejabat.objects.all(),
        allow_null=True,
        required=False,
        error_messages={
            "does_not_exist": "Pejabat dengan id {pk_value} tidak ada.",
            "incorrect_type": "Tulis id pejabat sebagai angka.",
        },
    )
    baris = BarisIsianField(
        required=False,
        help_text="Semua baris dokumen; menggantikan baris yang tersimpan.",
    )

    class Meta:
        model = Dokumen
        fields = [
            "tahun",
            "label_lampiran",
            "tahun_anggaran",
            "tempat_ttd",
            "tanggal_ttd",
            "tanggal_ttd_presisi",
            "penandatangan",
            "baris",
        ]
        extra_kwargs = {
            "tahun_anggaran": _TAHUN,
            "tanggal_ttd": {"validators": [periksa_tanggal_ttd]},
            "label_lampiran": _TEKS_KEPALA,
            "tempat_ttd": _TEKS_KEPALA,
        }

    def __init__(self, *args: Any, user: Pengguna | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kunci in _kunci_tambahan():  # a PK's `program`; other types refuse it as unknown
            self.fields[kunci] = TambahanIsianField(
                kunci=kunci, help_text="Semua baris tabel ini; menggantikan yang tersimpan."
            )
        user = user or getattr(self.context.get("request"), "user", None)
        if user is not None:
            # An official out of the user's reach reads as absent: ids do not leak across satker.
            self.fields["penandatangan"].queryset = Pejabat.objects.filter(
                satker__in=satker_terlihat(user)
            )

    def _satker(self, attrs: dict[str, Any]) -> Satker | None:
        return self.instance.satker if isinstance(self.instance, Dokumen) else attrs.get("satker")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        pejabat, satker = attrs.get("penandatangan"), self._satker(attrs)
        if pejabat is not None and satker is not None and pejabat.satker_id != satker.pk:
            raise serializers.ValidationError(
                {"penandatangan": PESAN_PEJABAT_LAIN.format(satker=satker.nama)}
            )
        return attrs


class DokumenBaruSerializer(KepalaIsianSerializer):
    """A new draft: the satker (by kode), the type and the year; header and rows if wanted."""

    satker = serializers.SlugRelatedField(
        slug_field="kode",
        queryset=Satker.objects.none(),
        error_messages={"does_not_exist": "Satker dengan kode “{value}” tidak ditemukan."},
    )

    class Meta(KepalaIsianSerializer.Meta):
        # `jenis` from the model field: its choices are the registered types (dokumen.jenis).
        fields = ["satker", "jenis", *KepalaIsianSerializer.Meta.fields]

    def __init__(self, *args: Any, user: Pengguna | None = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        if user is not None:
            self.fields["satker"].queryset = satker_terlihat(user)


class DokumenUbahSerializer(KepalaIsianSerializer):
    """A draft's header and rows, with the `suntingan` the client read (optimistic locking).

    PATCH sends only what changes (header fields and/or `baris`), but always `suntingan`. The
    read-only fields of a document as read (`id`, `status`…) may come back unchanged, so a
    document read, changed and sent back is accepted; changed, they are a 400. Any other key
    is a 400 naming it.
    """

    suntingan = serializers.IntegerField(
        min_value=0,
        help_text="Nilai `suntingan` dokumen saat dibaca; berbeda → 409 (disimpan dari tempat "
        "lain sejak dibaca).",
    )
    baris = BarisIsianField(help_text="Semua baris dokumen; menggantikan baris yang tersimpan.")

    class Meta(KepalaIsianSerializer.Meta):
        fields = ["suntingan", *KepalaIsianSerializer.Meta.fields]

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            hanya_dibaca = [
                kunci
                for kunci in DokumenSerializer.Meta.fields
                if kunci in data and kunci not in self.fields
            ]
            # A stale `suntingan` is a 409 (later, in the service), whatever else it carries.
            if hanya_dibaca and data.get("suntingan") == self.instance.suntingan:
                sekarang = DokumenSerializer(self.instance, context=self.context).data
                berubah = [k for k in hanya_dibaca if data[k] != sekarang[k]]
                if berubah:
                    raise serializers.ValidationError({k: [PESAN_HANYA_DIBACA] for k in berubah})
            data = {k: v for k, v in data.items() if k not in hanya_dibaca}
        return super().to_internal_value(data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "suntingan" not in attrs:
            raise serializers.ValidationError(
                {"suntingan": "Sertakan nilai suntingan dokumen yang Anda baca."}
            )
        attrs = super().validate(attrs)
        dokumen = self.instance
        tahun = attrs.get("tahun", dokumen.tahun)
        lain = Dokumen.objects.filter(
            satker_id=dokumen.satker_id, jenis=dokumen.jenis, tahun=tahun, versi=dokumen.versi
        ).exclude(pk=dokumen.pk)
        if lain.exists():
            raise serializers.ValidationError({"tahun": _pesan_duplikat(dokumen.jenis, tahun)})
        return attrs


class CatatanSerializer(serializers.Serializer):
    catatan = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=TEKS_MAKS,
        help_text="Wajib untuk kembalikan: apa yang perlu diperbaiki.",
    )


class TerbitkanSerializer(CatatanSerializer):
    """Signing asks for the signatory's password again, as the signing page does."""

    kata_sandi = serializers.CharField(
        write_only=True,
        trim_whitespace=False,
        help_text="Kata sandi penandatangan, diminta lagi sebelum menandatangani.",
        error_messages={"required": "Tulis kata sandi Anda untuk menandatangani."},
    )

    kode_verifikasi = serializers.CharField(
        write_only=True,
        max_length=16,
        help_text="Kode verifikasi dua langkah: 6 angka dari aplikasi autentikator penandatangan "
        "(atau satu kode pemulihan), masing-masing berlaku sekali.",
        error_messages={"required": PESAN_KODE_KOSONG},
    )

    def validate_kata_sandi(self, kata_sandi: str) -> str:
        # The Django request: django-axes counts a wrong password toward the login lockout.
        if not sandi_benar(self.context["request"]._request, kata_sandi):
            raise serializers.ValidationError(PESAN_SANDI_SALAH)
        return kata_sandi

    def validate(self, data: dict) -> dict:
        # After the password (a wrong one spends no code): a fresh second factor.
        user = self.context["request"].user
        if not punya_perangkat(user):
            raise serializers.ValidationError({"kode_verifikasi": pesan_pasang_dulu()})
        try:
            kode_cocok(user, data["kode_verifikasi"])
        except forms.ValidationError as galat:
            raise serializers.ValidationError({"kode_verifikasi": galat.messages}) from galat
        return data


class AlasanRevisiSerializer(serializers.Serializer):
    alasan = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TEKS_MAKS
    )


class TandaTanganSerializer(serializers.ModelSerializer):
    """One signature as it was signed: name, NIP and jabatan frozen at that moment; a party
    yet to sign (`sudah` false, no `waktu`) as it is printed for it."""

    sudah = serializers.BooleanField(read_only=True, help_text="Sudah menandatangani.")

    class Meta:
        model = TandaTangan
        fields = [
            "urutan",
            "sudah",
            "pihak",
            "nama",
            "nip",
            "jabatan",
            "status_jabatan",
            "sebutan_jabatan",
            "nama_sertifikat",
            "subjek_sertifikat",
            "nomor_seri_sertifikat",
            "sidik_jari_sertifikat",
            "waktu",
        ]
        read_only_fields = fields


class VerifikasiSerializer(serializers.ModelSerializer):
    """The public record of a signed document: published, or partly signed (`terbit` false,
    `menunggu` naming the party it waits for), which is not in force yet."""

    satker = serializers.CharField(source="satker.kode", read_only=True)
    terbit = serializers.BooleanField(
        read_only=True, help_text="Semua pihak sudah menandatangani dan dokumen berlaku."
    )
    menunggu = serializers.SerializerMethodField()
    satker_nama = serializers.CharField(source="satker.nama_lengkap", read_only=True)
    penandatangan = serializers.SerializerMethodField()
    tanda_tangan = serializers.SerializerMethodField()
    digantikan = serializers.SerializerMethodField()
    versi_pengganti = serializers.SerializerMethodField()

    class Meta:
        model = Dokumen
        fields = [
            "satker",
            "satker_nama",
            "jenis",
            "tahun",
            "versi",
            "status",
            "terbit",
            "menunggu",
            "penandatangan",
            "tanda_tangan",
            "ditandatangani_pada",
            "sha256",
            "digantikan",
            "versi_pengganti",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_penandatangan(self, dokumen: Dokumen) -> str:
        # The frozen record, never the live official: a later rename does not rewrite it. Only
        # the parties who have signed: a party yet to sign is not a signatory.
        tanda_tangan = [t for t in dokumen.tanda_tangan.all() if t.sudah]
        if not tanda_tangan:
            return ""
        return "; ".join(
            f"{t.nama}, {t.awalan_status}{t.get_jabatan_display()}" for t in tanda_tangan
        )

    @extend_schema_field(OpenApiTypes.STR)
    def get_menunggu(self, dokumen: Dokumen) -> str:
        """ "Pihak Kedua (NI'MATULLAH)": whose signature a partly signed document awaits."""
        sekarang = giliran(dokumen)
        return nama_giliran(dokumen, sekarang) if sekarang else ""

    @extend_schema_field(TandaTanganSerializer(many=True))
    def get_tanda_tangan(self, dokumen: Dokumen) -> list[dict]:
        return TandaTanganSerializer(dokumen.tanda_tangan.all(), many=True).data

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_digantikan(self, dokumen: Dokumen) -> bool:
        return self.context.get("pengganti") is not None

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_versi_pengganti(self, dokumen: Dokumen) -> int | None:
        pengganti = self.context.get("pengganti")
        return pengganti.versi if pengganti else None
