"""The API's shapes of the TW report workflow: the report's status, window, history and the
steps the user may take (read from `pengukuran.selectors_alur.konteks_alur`, as the panel is),
and the bodies of the steps. Unknown keys are a 400 naming them (`KolomDikenal`)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dokumen.serializers import KolomDikenal, teks_isian, wajib_isian
from pengukuran.alur import PESAN_ALASAN_WAJIB
from pengukuran.models import AksiLaporan, StatusLaporan

# The steps as their endpoints name them (as the pages' URLs do).
AKSI_API = {
    AksiLaporan.AJUKAN: "ajukan",
    AksiLaporan.SETUJUI: "setujui",
    AksiLaporan.KEMBALIKAN: "kembalikan",
    AksiLaporan.TANDAI_BUKTI: "tandai-bukti",
    AksiLaporan.BUKA_KEMBALI: "buka-kembali",
}


class RiwayatLaporanSerializer(serializers.Serializer):
    """One step taken: what, from which status to which, by whom, when, with which note."""

    aksi = serializers.ChoiceField(choices=AksiLaporan.choices)
    dari_status = serializers.ChoiceField(choices=StatusLaporan.choices)
    ke_status = serializers.ChoiceField(choices=StatusLaporan.choices)
    oleh = serializers.CharField(source="oleh.get_username")
    waktu = serializers.DateTimeField()
    catatan = serializers.CharField()


class JendelaSerializer(serializers.Serializer):
    """The TW's reporting window today: null dates when none is set (entry always open)."""

    terbuka = serializers.BooleanField()
    dibuka = serializers.DateField(allow_null=True, source="masa.dibuka", default=None)
    ditutup = serializers.DateField(allow_null=True, source="masa.ditutup", default=None)
    dibuka_kembali_sampai = serializers.DateField(allow_null=True)
    pesan_tutup = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField())
    def get_pesan_tutup(self, keadaan: Any) -> str:
        return "" if keadaan.terbuka else keadaan.pesan_tutup


class LaporanAlurSerializer(serializers.Serializer):
    """A satker's TW report in the workflow (status DRAF and no history until it is opened)."""

    satker = serializers.CharField(source="satker.kode")
    tahun = serializers.IntegerField()
    tw = serializers.IntegerField()
    ada = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=StatusLaporan.choices)
    suntingan = serializers.SerializerMethodField()
    perjanjian = serializers.SerializerMethodField()
    bukti_diperiksa_oleh = serializers.SerializerMethodField()
    bukti_diperiksa_pada = serializers.SerializerMethodField()
    terlambat = serializers.BooleanField()
    jendela = JendelaSerializer()
    aksi_tersedia = serializers.SerializerMethodField()
    riwayat = RiwayatLaporanSerializer(many=True)

    @extend_schema_field(serializers.BooleanField())
    def get_ada(self, alur: dict[str, Any]) -> bool:
        """Whether the report has been opened (by a save or a step)."""
        return alur["laporan"] is not None

    @extend_schema_field(serializers.IntegerField())
    def get_suntingan(self, alur: dict[str, Any]) -> int:
        """The number a realisasi PATCH must send back."""
        return alur["laporan"].suntingan if alur["laporan"] else 0

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_perjanjian(self, alur: dict[str, Any]) -> int | None:
        """The id of the PK document the report measures."""
        return alur["laporan"].perjanjian_id if alur["laporan"] else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_bukti_diperiksa_oleh(self, alur: dict[str, Any]) -> str | None:
        laporan = alur["laporan"]
        oleh = laporan.bukti_diperiksa_oleh if laporan else None
        return oleh.get_username() if oleh else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_bukti_diperiksa_pada(self, alur: dict[str, Any]) -> str | None:
        laporan = alur["laporan"]
        pada = laporan.bukti_diperiksa_pada if laporan else None
        return serializers.DateTimeField().to_representation(pada) if pada else None

    @extend_schema_field(
        {"type": "array", "items": {"type": "string", "enum": list(AKSI_API.values())}}
    )
    def get_aksi_tersedia(self, alur: dict[str, Any]) -> list[str]:
        """The steps the requesting user may take now, as their endpoint names."""
        aksi = [AKSI_API[a] for a in alur["aksi_tersedia"]]
        if alur["boleh_buka_kembali"]:
            aksi.append(AKSI_API[AksiLaporan.BUKA_KEMBALI])
        return aksi


class CatatanLaporanSerializer(KolomDikenal, serializers.Serializer):
    catatan = teks_isian(help_text="Wajib untuk kembalikan: apa yang perlu diperbaiki.")


class BukaKembaliSerializer(KolomDikenal, serializers.Serializer):
    alasan = wajib_isian(PESAN_ALASAN_WAJIB, help_text="Mengapa masa pelaporan dibuka kembali.")
    sampai = serializers.DateField(
        help_text="Hari terakhir masa pelaporan dibuka kembali (YYYY-MM-DD), paling awal hari ini.",
        error_messages={
            "required": "Isi tanggal terakhir masa pelaporan dibuka kembali.",
            "null": "Isi tanggal terakhir masa pelaporan dibuka kembali.",
            "invalid": "Tulis tanggal seperti 2024-07-20.",
        },
    )


class TandaTanganLaporanSerializer(serializers.Serializer):
    """One signature on a TW report as it was signed: the official frozen at that moment and
    the certificate used (the fields of a document's signature record, without `pihak`)."""

    urutan = serializers.IntegerField()
    sudah = serializers.BooleanField(help_text="Sudah menandatangani.")
    nama = serializers.CharField()
    nip = serializers.CharField()
    jabatan = serializers.CharField()
    status_jabatan = serializers.CharField()
    sebutan_jabatan = serializers.CharField()
    nama_sertifikat = serializers.CharField()
    subjek_sertifikat = serializers.CharField()
    nomor_seri_sertifikat = serializers.CharField()
    sidik_jari_sertifikat = serializers.CharField()
    waktu = serializers.DateTimeField(allow_null=True)


class VerifikasiLaporanSerializer(serializers.Serializer):
    """The public record of a signed TW report behind its QR code (`jenis` PENGUKURAN), in the
    shape of a document's (`dokumen.serializers.VerifikasiSerializer`) where they share a
    meaning: a signed report is final, so `terbit` is true and nothing is awaited."""

    satker = serializers.CharField(source="laporan.satker.kode")
    satker_nama = serializers.CharField(source="laporan.satker.nama_lengkap")
    jenis = serializers.SerializerMethodField(help_text="Selalu PENGUKURAN.")
    judul = serializers.SerializerMethodField()
    tahun = serializers.IntegerField(source="laporan.tahun")
    tw = serializers.IntegerField(source="laporan.tw")
    status = serializers.ChoiceField(choices=StatusLaporan.choices, source="laporan.status")
    terbit = serializers.SerializerMethodField(help_text="Laporan sudah ditandatangani.")
    menunggu = serializers.SerializerMethodField(help_text="Selalu kosong: satu penanda tangan.")
    penandatangan = serializers.SerializerMethodField()
    tanda_tangan = TandaTanganLaporanSerializer(many=True, source="tanda_tangan.all")
    ditandatangani_pada = serializers.DateTimeField()
    tanggal_ttd = serializers.DateField()
    tempat_ttd = serializers.CharField()
    sha256 = serializers.CharField()

    @extend_schema_field({"type": "string", "enum": ["PENGUKURAN"]})
    def get_jenis(self, berkas: Any) -> str:
        return "PENGUKURAN"

    @extend_schema_field(serializers.CharField())
    def get_judul(self, berkas: Any) -> str:
        from pengukuran.laporan import judul_laporan

        return judul_laporan(berkas.laporan)

    @extend_schema_field(serializers.BooleanField())
    def get_terbit(self, berkas: Any) -> bool:
        return True

    @extend_schema_field(serializers.CharField())
    def get_menunggu(self, berkas: Any) -> str:
        return ""

    @extend_schema_field(serializers.CharField())
    def get_penandatangan(self, berkas: Any) -> str:
        # The frozen records, never the live official.
        return "; ".join(
            f"{t.nama}, {t.awalan_status}{t.get_jabatan_display()}"
            for t in berkas.tanda_tangan.all()
            if t.sudah
        )
