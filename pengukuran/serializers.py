"""The API's shapes of the measurement: a satker's TW report with every PK indicator's target,
realisasi and capaian (from the engine, with its `penjelasan`), the entries written back, and
the evidence files.

What the API does not understand is refused, never dropped (`KolomDikenal`): an unknown key in
the body or in an entry is a 400 naming it.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from dokumen.editor import BARIS_MAKS
from dokumen.serializers import BilanganField, KolomDikenal, teks_isian
from dokumen.validasi import tolak_angka_non_ascii
from pengukuran.jenis_berkas import SEMUA_JENIS
from pengukuran.models import StatusLaporan
from pengukuran.models_bukti import BuktiDukung
from pengukuran.selectors_bukti import KeadaanBerkas, keadaan_berkas

PESAN_ANGKA = "Tulis angka, mis. 12, 12.5 atau 1.234,5."
PESAN_SATU_ISIAN = (
    "Sebutkan tepat satu isian yang didukung berkas ini: `realisasi` (indikator) atau "
    "`realisasi_kegiatan` (kegiatan RAK)."
)
PESAN_INDIKATOR_GANDA = "Indikator ini sudah diisi di isian lain; satu isian per indikator."


class AngkaField(serializers.Field):
    """A figure as a JSON number or as people write it ("1.234,5" or "1234.5"); null for none.

    Only read here: its bounds and decimal places are the service's (`masalah_realisasi`), so
    the messages are the page's.
    """

    default_error_messages = {"invalid": PESAN_ANGKA}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Decimal | None:
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int | float):
            data = str(data)
        if not isinstance(data, str):
            self.fail("invalid")
        teks = data.strip()
        if not teks:
            return None
        tolak_angka_non_ascii(teks)
        if "," in teks:  # Indonesian: "." groups thousands, "," is the decimal point
            teks = teks.replace(".", "").replace(",", ".")
        try:
            return Decimal(teks)
        except InvalidOperation:
            self.fail("invalid")

    def to_representation(self, value: Decimal | None) -> str | None:
        return None if value is None else str(value)


extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "string"}],
        "nullable": True,
        "description": "Angka; teks seperti “1.234,5” juga diterima.",
    }
)(AngkaField)


class BuktiSerializer(serializers.ModelSerializer):
    """An evidence file as recorded, with the state of its stored file."""

    nama = serializers.CharField(source="nama_asli")
    diunggah_oleh = serializers.CharField(source="diunggah_oleh.get_username")
    keadaan = serializers.SerializerMethodField(
        help_text="utuh; hilang: berkas tidak ada di penyimpanan; berubah: SHA-256 berbeda."
    )
    unduh = serializers.SerializerMethodField()

    class Meta:
        model = BuktiDukung
        fields = [
            "id",
            "realisasi",
            "realisasi_kegiatan",
            "nama",
            "jenis_isi",
            "ukuran",
            "sha256",
            "diunggah_oleh",
            "diunggah_pada",
            "keadaan",
            "unduh",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=KeadaanBerkas.choices))
    def get_keadaan(self, bukti: BuktiDukung) -> str:
        return keadaan_berkas(bukti).value

    def get_unduh(self, bukti: BuktiDukung) -> str:
        return reverse("api:bukti-unduh", args=[bukti.pk], request=self.context.get("request"))


class BuktiTersimpanSerializer(serializers.Serializer):
    """The files an upload stored."""

    bukti = BuktiSerializer(many=True)


class BuktiUnggahSerializer(KolomDikenal, serializers.Serializer):
    """An upload (multipart/form-data): the entry (a realisasi of an indicator or of a RAK
    kegiatan: exactly one) and one or more files."""

    realisasi = BilanganField(
        min_value=1,
        required=False,
        help_text="`id` realisasi indikator dari laporan triwulan (atau `realisasi_kegiatan`).",
    )
    realisasi_kegiatan = BilanganField(
        min_value=1,
        required=False,
        help_text="`id` realisasi kegiatan RAK dari laporan triwulan (atau `realisasi`).",
    )
    berkas = serializers.ListField(
        child=serializers.FileField(),
        allow_empty=False,
        help_text="Satu berkas atau lebih (kolom `berkas` diulang): PDF, PNG, JPEG, docx, "
        "xlsx, pptx, doc, xls.",
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if ("realisasi" in data) == ("realisasi_kegiatan" in data):
            raise serializers.ValidationError(PESAN_SATU_ISIAN)
        return data


class CapaianSerializer(serializers.Serializer):
    """A capaian from the engine (pengukuran.capaian): after the cap, before, and why."""

    nilai = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    mentah = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    kategori = serializers.CharField(allow_null=True, source="kategori.nama", default=None)
    penjelasan = serializers.CharField()


class RealisasiSerializer(serializers.Serializer):
    """What was reported for one indicator in the quarter."""

    id = serializers.IntegerField()
    nilai = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    nilai_skala = serializers.CharField()
    pembilang = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    penyebut = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    tidak_terukur = serializers.BooleanField()
    alasan_tidak_terukur = serializers.CharField()
    catatan = serializers.CharField()
    kendala = serializers.CharField()
    solusi = serializers.CharField()
    diisi_oleh = serializers.CharField(source="diisi_oleh.get_username")
    diisi_pada = serializers.DateTimeField()
    bukti = serializers.SerializerMethodField()

    @extend_schema_field(BuktiSerializer(many=True))
    def get_bukti(self, realisasi) -> list[dict[str, Any]]:
        bukti = [b.bukti for b in self.context.get("bukti", {}).get(realisasi.pk, [])]
        return BuktiSerializer(bukti, many=True, context=self.context).data


class IndikatorTriwulanSerializer(serializers.Serializer):
    """One PK indicator in the quarter: its target, its realisasi (null: none yet) and the
    capaian up to this quarter."""

    indikator = serializers.IntegerField(source="baris.indikator.pk")
    kunci = serializers.UUIDField(source="baris.indikator.kunci")
    sasaran = serializers.CharField(source="baris.indikator.sasaran.sasaran")
    nama = serializers.CharField(source="baris.indikator.indikator")
    satuan = serializers.CharField(source="baris.indikator.satuan")
    target = serializers.CharField(source="sel.target")
    realisasi = RealisasiSerializer(source="sel.realisasi", allow_null=True)
    capaian = CapaianSerializer(source="sel.capaian")


class LaporanRealisasiSerializer(serializers.Serializer):
    """A satker's report of one quarter: its state and every indicator of its PK in force."""

    satker = serializers.CharField()
    tahun = serializers.IntegerField()
    tw = serializers.IntegerField()
    perjanjian = serializers.IntegerField(help_text="`id` PK terbit yang diukur.")
    status = serializers.ChoiceField(choices=StatusLaporan.choices)
    suntingan = serializers.IntegerField(
        help_text="Kirim kembali bersama isian; berubah → 409 (disimpan dari tempat lain)."
    )
    indikator = IndikatorTriwulanSerializer(many=True)


class IsianRealisasiSerializer(KolomDikenal, serializers.Serializer):
    """One indicator's entry; it replaces what the indicator had in the quarter, and an entry
    left wholly empty removes it."""

    indikator = BilanganField(min_value=1, help_text="`indikator` seperti yang dibaca.")
    nilai = AngkaField()
    nilai_skala = serializers.CharField(
        required=False, allow_blank=True, max_length=10, help_text="Indikator kualitatif."
    )
    pembilang = AngkaField()
    penyebut = AngkaField()
    tidak_terukur = serializers.BooleanField(required=False)
    alasan_tidak_terukur = teks_isian()
    catatan = teks_isian()
    kendala = teks_isian()
    solusi = teks_isian()


class RealisasiUbahSerializer(KolomDikenal, serializers.Serializer):
    """Entries of the quarter, with the report's `suntingan` as read. Indicators not sent keep
    what they had."""

    suntingan = serializers.IntegerField(min_value=0)
    realisasi = serializers.ListField(
        child=IsianRealisasiSerializer(), max_length=BARIS_MAKS, allow_empty=True
    )

    def validate_realisasi(self, isian: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return tolak_ganda(isian, "indikator", PESAN_INDIKATOR_GANDA)


def tolak_ganda(isian: list[dict[str, Any]], kunci: str, pesan: str) -> list[dict[str, Any]]:
    """`isian` unless two entries name the same row (`kunci`): each repeat refused at its
    place in the list."""
    dilihat: set[int] = set()
    ganda = {}
    for posisi, entri in enumerate(isian):
        if entri[kunci] in dilihat:
            ganda[posisi] = {kunci: [pesan]}
        dilihat.add(entri[kunci])
    if ganda:
        raise serializers.ValidationError(ganda)
    return isian


JENIS_ISI_SKEMA = [j.mime for j in SEMUA_JENIS]
