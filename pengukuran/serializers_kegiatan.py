"""The API's shapes of the RAK's realisasi: a satker's quarter with every kegiatan of the RAK
in force (its entry, evidence files and serapan so far), the serapan per RAK sasaran and for
the satker, and the entries written back.

Read from `pengukuran.selectors_kegiatan.tabel_kegiatan`, as the page is. The RAK carries no
program (DOMAIN.md §3, §9): the group between kegiatan and satker is the RAK's own sasaran.
What the API does not understand is refused, never dropped (`KolomDikenal`).
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dokumen.editor import BARIS_MAKS
from dokumen.serializers import BilanganField, KolomDikenal, teks_isian
from pengukuran.forms_kegiatan import RupiahField
from pengukuran.models import StatusLaporan
from pengukuran.models_kegiatan import StatusKegiatan
from pengukuran.serializers import BuktiSerializer, tolak_ganda
from pengukuran.serializers_alur import JendelaSerializer

PESAN_RUPIAH = "Tulis realisasi anggaran sebagai angka rupiah, mis. 1250000 atau “1.250.000”."
PESAN_STATUS = "Pilih pelaksanaan kegiatan: TERLAKSANA, SEBAGIAN, atau TIDAK (kosong: belum diisi)."
PESAN_KEGIATAN_GANDA = "Kegiatan ini sudah diisi di isian lain; satu isian per kegiatan."


class RupiahApiField(serializers.Field):
    """An amount as a JSON number or as people write it ("1.250.000", "Rp1.250.000,50"), read
    by the page's own field; null or "" for none. Bounds and sen are the service's
    (`masalah_kegiatan`), so the messages are the page's."""

    default_error_messages = {"invalid": PESAN_RUPIAH}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Decimal | None:
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int | float):
            try:
                return Decimal(str(data))
            except ArithmeticError:
                self.fail("invalid")
        if not isinstance(data, str):
            self.fail("invalid")
        if len(data) > 40:
            self.fail("invalid")
        try:
            return RupiahField(label="Realisasi anggaran").to_python(data)
        except DjangoValidationError as galat:
            raise serializers.ValidationError(galat.messages) from None

    def to_representation(self, value: Decimal | None) -> str | None:
        return None if value is None else str(value)


extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "string"}],
        "nullable": True,
        "description": "Rupiah; teks seperti “1.250.000” atau “Rp1.250.000,50” juga diterima.",
    }
)(RupiahApiField)


class SerapanSerializer(serializers.Serializer):
    """A serapan so far (pengukuran.serapan): the two sums, the percentage (null: it cannot be
    computed, said in `penjelasan`) and the sentence saying how it was found."""

    anggaran = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    realisasi = serializers.DecimalField(max_digits=None, decimal_places=2)
    persen = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    penjelasan = serializers.CharField()


class RealisasiKegiatanSerializer(serializers.Serializer):
    """What was reported for one kegiatan in the quarter."""

    id = serializers.IntegerField(help_text="`realisasi_kegiatan` untuk unggah bukti dukung.")
    status = serializers.ChoiceField(choices=StatusKegiatan.choices)
    catatan = serializers.CharField()
    realisasi_anggaran = serializers.DecimalField(
        max_digits=17, decimal_places=2, allow_null=True, help_text="Belanja triwulan ini (Rp)."
    )
    diisi_oleh = serializers.CharField(source="diisi_oleh.get_username")
    diisi_pada = serializers.DateTimeField()


class KegiatanTriwulanSerializer(serializers.Serializer):
    """One RAK kegiatan in the quarter: its entry (null: none yet), the quarter's evidence
    files and the serapan up to this quarter."""

    baris = serializers.IntegerField(source="baris.pk", help_text="Kirim kembali saat menulis.")
    kunci = serializers.UUIDField(source="baris.kunci")
    kegiatan = serializers.CharField(source="baris.kegiatan")
    indikator = serializers.CharField(source="baris.indikator")
    target_kegiatan_aksi = serializers.CharField(source="baris.target_kegiatan_aksi")
    anggaran = serializers.IntegerField(source="baris.anggaran", allow_null=True)
    pelaksana = serializers.CharField(source="baris.pelaksana")
    realisasi = serializers.SerializerMethodField()
    bukti = serializers.SerializerMethodField()
    serapan = serializers.SerializerMethodField()

    @extend_schema_field(RealisasiKegiatanSerializer(allow_null=True))
    def get_realisasi(self, kegiatan: Any) -> dict[str, Any] | None:
        entri = kegiatan.realisasi[self.context["tw"] - 1]
        return None if entri is None else RealisasiKegiatanSerializer(entri).data

    @extend_schema_field(BuktiSerializer(many=True))
    def get_bukti(self, kegiatan: Any) -> list[dict[str, Any]]:
        berkas = [b.bukti for b in kegiatan.berkas_bukti]
        return BuktiSerializer(berkas, many=True, context=self.context).data

    @extend_schema_field(SerapanSerializer)
    def get_serapan(self, kegiatan: Any) -> dict[str, Any]:
        return SerapanSerializer(kegiatan.serapan.per_tw[self.context["tw"] - 1]).data


class SasaranKegiatanSerializer(serializers.Serializer):
    """A sasaran of the RAK with its kegiatan and their serapan together (the RAK has no
    program: its sasaran is the group between kegiatan and satker)."""

    id = serializers.IntegerField(source="sasaran.pk")
    nomor = serializers.CharField(source="sasaran.nomor")
    sasaran = serializers.CharField(source="sasaran.sasaran")
    serapan = serializers.SerializerMethodField()
    kegiatan = KegiatanTriwulanSerializer(many=True)

    @extend_schema_field(SerapanSerializer)
    def get_serapan(self, kelompok: Any) -> dict[str, Any]:
        return SerapanSerializer(kelompok.serapan[self.context["tw"] - 1]).data


class LaporanKegiatanSerializer(serializers.Serializer):
    """A satker's RAK realisasi of one quarter: the report's state and window, the satker's
    serapan so far, and every kegiatan of the RAK in force by sasaran."""

    satker = serializers.CharField()
    tahun = serializers.IntegerField()
    tw = serializers.IntegerField()
    rak = serializers.IntegerField(help_text="`id` RAK terbit yang berlaku.")
    status = serializers.ChoiceField(choices=StatusLaporan.choices)
    suntingan = serializers.IntegerField(
        help_text="Kirim kembali bersama isian; berubah → 409 (disimpan dari tempat lain)."
    )
    jendela = JendelaSerializer()
    serapan = SerapanSerializer(help_text="Serapan satker sampai triwulan ini.")
    sasaran = SasaranKegiatanSerializer(many=True)


class IsianKegiatanSerializer(KolomDikenal, serializers.Serializer):
    """One kegiatan's entry; it replaces what the kegiatan had in the quarter, and an entry
    left wholly empty (no status, catatan or realisasi anggaran) removes it."""

    baris = BilanganField(min_value=1, help_text="`baris` kegiatan seperti yang dibaca.")
    status = serializers.ChoiceField(
        choices=StatusKegiatan.choices,
        required=False,
        allow_blank=True,
        error_messages={"invalid_choice": PESAN_STATUS},
    )
    catatan = teks_isian()
    realisasi_anggaran = RupiahApiField()


class KegiatanUbahSerializer(KolomDikenal, serializers.Serializer):
    """Entries of the quarter, with the report's `suntingan` as read. Kegiatan not sent keep
    what they had."""

    suntingan = serializers.IntegerField(min_value=0)
    kegiatan = serializers.ListField(
        child=IsianKegiatanSerializer(), max_length=BARIS_MAKS, allow_empty=True
    )

    def validate_kegiatan(self, isian: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return tolak_ganda(isian, "baris", PESAN_KEGIATAN_GANDA)
