"""The RKT's and RAK's row serializers for the API (declared in rencana_aksi.jenis): a sasaran
with its rows nested, as read, and as written with the rules of the editor's row forms
(rencana_aksi.forms)."""

from typing import Any

from rest_framework import serializers

from dokumen.serializers import (
    AnggaranField,
    BilanganField,
    KolomDikenal,
    SasaranIsianSerializer,
    SasaranSerializer,
    asal_baca,
    asal_isian,
    daftar_baris,
    kunci_baca,
    kunci_isian,
    target_isian,
    teks_isian,
    wajib_isian,
)

# -- rows, as read ---------------------------------------------------------------------------


class IndikatorRktSerializer(serializers.Serializer):
    kunci = kunci_baca()
    indikator = serializers.CharField()
    target = serializers.CharField()
    kegiatan_aksi = serializers.CharField()
    asal = asal_baca()


class SasaranRktSerializer(SasaranSerializer):
    """An RKT sasaran with its indicators."""

    indikator = IndikatorRktSerializer(many=True)


class BarisRakSerializer(serializers.Serializer):
    """One RAK row; an empty `indikator` adds a kegiatan to the indicator of the row above."""

    kunci = kunci_baca()
    indikator = serializers.CharField()
    target = serializers.CharField()
    kegiatan = serializers.CharField()
    target_kegiatan_aksi = serializers.CharField()
    triwulan = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=4))
    anggaran = serializers.IntegerField(allow_null=True, min_value=0)
    pelaksana = serializers.CharField()
    asal = asal_baca()


class SasaranRakSerializer(SasaranSerializer):
    """A RAK sasaran with its rows."""

    baris = BarisRakSerializer(many=True)


# -- rows, as written (the rules of rencana_aksi.forms) --------------------------------------


class IndikatorRktIsianSerializer(KolomDikenal, serializers.Serializer):
    kunci = kunci_isian()
    indikator = wajib_isian("Indikator kinerja wajib diisi.")
    target = target_isian()
    kegiatan_aksi = teks_isian()
    asal = asal_isian()


PESAN_TANPA_INDIKATOR = "Isi paling sedikit satu indikator untuk sasaran ini."
PESAN_TANPA_KEGIATAN = "Isi paling sedikit satu kegiatan untuk sasaran ini."


class SasaranRktIsianSerializer(SasaranIsianSerializer):
    indikator = daftar_baris(IndikatorRktIsianSerializer, PESAN_TANPA_INDIKATOR)


class BarisRakIsianSerializer(KolomDikenal, serializers.Serializer):
    kunci = kunci_isian()
    indikator = teks_isian()
    target = target_isian()
    kegiatan = teks_isian()
    target_kegiatan_aksi = teks_isian(max_length=100)
    triwulan = serializers.ListField(
        child=BilanganField(
            min_value=1,
            max_value=4,
            error_messages={
                "min_value": "Triwulan hanya 1, 2, 3, atau 4.",
                "max_value": "Triwulan hanya 1, 2, 3, atau 4.",
                "invalid": "Triwulan hanya 1, 2, 3, atau 4.",
                "max_string_length": "Triwulan hanya 1, 2, 3, atau 4.",
            },
        ),
        required=False,
        default=list,
        max_length=4,
    )
    anggaran = AnggaranField()
    pelaksana = teks_isian(max_length=150)
    asal = asal_isian()

    def validate_triwulan(self, triwulan: list[int]) -> list[int]:
        if len(set(triwulan)) != len(triwulan):
            raise serializers.ValidationError("Setiap triwulan cukup ditulis sekali.")
        return sorted(triwulan)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("kegiatan"):
            pesan = (
                "Isi kegiatan untuk triwulan yang dicentang."
                if attrs.get("triwulan")
                else "Kegiatan wajib diisi."
            )
            raise serializers.ValidationError({"kegiatan": pesan})
        return attrs


class SasaranRakIsianSerializer(SasaranIsianSerializer):
    baris = daftar_baris(BarisRakIsianSerializer, PESAN_TANPA_KEGIATAN)
