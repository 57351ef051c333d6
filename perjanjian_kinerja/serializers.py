"""The PK's row serializers for the API (declared in perjanjian_kinerja.jenis): a sasaran with
its indicators, and the programs, as read, and as written with the rules of the editor's forms
(perjanjian_kinerja.forms: `masalah_indikator`, the Rupiah parsing)."""

from typing import Any

from rest_framework import serializers

from dokumen.serializers import (
    AnggaranField,
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
from perjanjian_kinerja.models import (
    PESAN_TARGET_WAJIB,
    Agregasi,
    Polaritas,
    Skala,
    masalah_indikator,
)

BANTUAN_ASAL_RKT = (
    "Kunci baris RKT asal indikator ini (Buat PK dari RKT); null bila tidak dibuat dari RKT. "
    "Kirim kembali tanpa diubah agar tetap tercatat."
)

# -- rows, as read ---------------------------------------------------------------------------


def _angka_baca() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=20, decimal_places=4, allow_null=True, coerce_to_string=True
    )


class IndikatorPkSerializer(serializers.Serializer):
    kunci = kunci_baca()
    indikator = serializers.CharField()
    satuan = serializers.CharField()
    target = serializers.CharField()
    polaritas = serializers.ChoiceField(choices=Polaritas.choices)
    skala = serializers.ChoiceField(choices=[("", ""), *Skala.choices])
    batas_bawah = _angka_baca()
    batas_atas = _angka_baca()
    agregasi = serializers.ChoiceField(choices=Agregasi.choices)
    target_tw1 = serializers.CharField()
    target_tw2 = serializers.CharField()
    target_tw3 = serializers.CharField()
    target_tw4 = serializers.CharField()
    asal_rkt = serializers.UUIDField(allow_null=True, help_text=BANTUAN_ASAL_RKT)
    asal = asal_baca()


class SasaranPkSerializer(SasaranSerializer):
    """A PK sasaran with its indicators."""

    indikator = IndikatorPkSerializer(many=True)


class ProgramPkSerializer(serializers.Serializer):
    """A program of the PK with its anggaran (whole Rupiah; null until filled)."""

    kunci = kunci_baca()
    program = serializers.CharField()
    kode = serializers.CharField()
    anggaran = serializers.IntegerField(allow_null=True, min_value=0)
    asal = asal_baca()


# -- rows, as written (the rules of perjanjian_kinerja.forms) --------------------------------

PESAN_PILIHAN = "Pilihan “{input}” tidak dikenal."


def _pilihan(choices: list, *, kosong: bool = False, default: str = "") -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices,
        required=False,
        allow_blank=kosong,
        default=default,
        error_messages={"invalid_choice": PESAN_PILIHAN},
    )


def _angka_isian() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=20,
        decimal_places=4,
        required=False,
        allow_null=True,
        default=None,
        error_messages={"invalid": "Tulis batas sebagai angka, mis. 80 atau 87.5."},
    )


class IndikatorPkIsianSerializer(KolomDikenal, serializers.Serializer):
    kunci = kunci_isian()
    indikator = wajib_isian("Indikator kinerja wajib diisi.")
    satuan = teks_isian(max_length=30)
    target = target_isian()
    polaritas = _pilihan(Polaritas.choices, default=Polaritas.NAIK)
    skala = _pilihan(Skala.choices, kosong=True)
    batas_bawah = _angka_isian()
    batas_atas = _angka_isian()
    agregasi = _pilihan(Agregasi.choices, default=Agregasi.TERAKHIR)
    target_tw1 = target_isian()
    target_tw2 = target_isian()
    target_tw3 = target_isian()
    target_tw4 = target_isian()
    asal_rkt = serializers.UUIDField(
        required=False, allow_null=True, default=None, help_text=BANTUAN_ASAL_RKT
    )
    asal = asal_isian()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("target"):
            raise serializers.ValidationError({"target": PESAN_TARGET_WAJIB})
        if masalah := masalah_indikator(attrs):
            raise serializers.ValidationError(masalah)
        if attrs.get("asal_rkt") is not None:
            attrs["asal_rkt"] = str(attrs["asal_rkt"])
        return attrs


PESAN_TANPA_INDIKATOR = "Isi paling sedikit satu indikator untuk sasaran ini."


class SasaranPkIsianSerializer(SasaranIsianSerializer):
    indikator = daftar_baris(IndikatorPkIsianSerializer, PESAN_TANPA_INDIKATOR)


class ProgramPkIsianSerializer(KolomDikenal, serializers.Serializer):
    kunci = kunci_isian()
    program = wajib_isian("Program wajib diisi.")
    kode = teks_isian(max_length=20)
    anggaran = AnggaranField()
    asal = asal_isian()
