"""The IKU's row serializers for the API (declared in indikator.jenis): as read, and as written
with the rules of the editor's row form (indikator.forms)."""

from typing import Any

from rest_framework import serializers

from dokumen.serializers import (
    KolomDikenal,
    asal_baca,
    asal_isian,
    kunci_baca,
    kunci_isian,
    target_isian,
    teks_isian,
)


class BarisIkuSerializer(serializers.Serializer):
    """One IKU row; an empty `nomor` and `sasaran` continue the row above."""

    kunci = kunci_baca()
    program = serializers.CharField()
    nomor = serializers.CharField()
    sasaran = serializers.CharField()
    indikator = serializers.CharField()
    cara_penghitungan = serializers.CharField()
    target = serializers.CharField()
    sumber_data = serializers.CharField()
    keterangan = serializers.CharField()
    asal = asal_baca()


class BarisIkuIsianSerializer(KolomDikenal, serializers.Serializer):
    kunci = kunci_isian()
    program = teks_isian(max_length=200)
    nomor = teks_isian(max_length=10)
    sasaran = teks_isian()
    indikator = teks_isian()
    cara_penghitungan = teks_isian()
    target = target_isian()
    sumber_data = teks_isian()
    keterangan = teks_isian()
    asal = asal_isian()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not any(attrs.get(k) for k in ("sasaran", "indikator", "keterangan")):
            raise serializers.ValidationError(
                {"indikator": "Isi indikator (atau sasaran/keterangan) baris ini."}
            )
        return attrs
