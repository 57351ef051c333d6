"""The TW report workflow through the API: a satker's report of one quarter (status, window,
history, the steps the user may take) and its steps, each a POST calling `pengukuran.alur`.

As the pages: another satker's report is a 404, as is a report not opened yet (nothing entered,
no step taken); a role that may not take the step is a 403; a step the report's state refuses
(not a draft, incomplete, window closed, note missing) is a 409 with the service's message;
an unknown key in the body is a 400. Views raise, the one handler (kpu_kinerja.api_galat)
renders.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dokumen.forms import TAHUN_MAKS, TAHUN_MIN
from dokumen.penolakan import TransisiDitolak
from kpu_kinerja.api_galat import RESPONS_BELUM_MASUK, RESPONS_ISIAN, Konflik, respons_pesan
from kpu_kinerja.parsers import JSONTerbatas
from pengukuran.alur import laporan_buka_kembali, laporan_transisi
from pengukuran.api import PARAMETER_LAPORAN, PESAN_TANPA_PK
from pengukuran.models import AksiLaporan, LaporanTriwulan
from pengukuran.selectors_alur import konteks_alur, satker_ambil, tw_sah
from pengukuran.serializers_alur import (
    BukaKembaliSerializer,
    CatatanLaporanSerializer,
    LaporanAlurSerializer,
)
from pengukuran.services import pk_terbit
from satker.models import Satker

PESAN_BELUM_DIBUAT = "Laporan triwulan ini belum dibuat: belum ada realisasi yang disimpan."

GALAT_BACA = {
    401: RESPONS_BELUM_MASUK,
    404: respons_pesan("Satker tidak terlihat, triwulan tidak ada, atau belum ada PK terbit."),
}
GALAT_LANGKAH = {
    400: RESPONS_ISIAN,
    401: RESPONS_BELUM_MASUK,
    403: respons_pesan("Peran Anda tidak berhak melakukan langkah ini."),
    404: respons_pesan("Satker tidak terlihat, triwulan tidak ada, atau laporan belum dibuat."),
    409: respons_pesan("Langkah ini tidak dapat dilakukan sekarang: pesannya menyebut alasannya."),
}


def _satker(request: Request, kode: str, tahun: int, tw: int) -> Satker:
    satker = satker_ambil(request.user, kode)
    tw_sah(tw)
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS or pk_terbit(satker, tahun) is None:
        raise exceptions.NotFound(PESAN_TANPA_PK)
    return satker


def _jawab(request: Request, satker: Satker, tahun: int, tw: int) -> Response:
    alur = konteks_alur(request.user, satker, tahun, tw)
    return Response(LaporanAlurSerializer(alur, context={"request": request}).data)


@extend_schema_view(
    get=extend_schema(
        summary="Status, masa pelaporan, riwayat dan langkah tersedia laporan satu triwulan",
        description="Laporan yang belum dibuat (belum ada realisasi disimpan) berstatus DRAF "
        "dengan `ada` false dan riwayat kosong; membaca tidak membuatnya.",
        parameters=PARAMETER_LAPORAN,
        responses={200: LaporanAlurSerializer} | GALAT_BACA,
    )
)
class LaporanAlurView(APIView):
    http_method_names = ["get", "head", "options"]

    def get(self, request: Request, kode: str, tahun: int, tw: int) -> Response:
        return _jawab(request, _satker(request, kode, tahun, tw), tahun, tw)


class _LangkahView(APIView):
    """One step of `pengukuran.alur.TRANSISI`, named by `aksi`, with an optional note."""

    parser_classes = [JSONTerbatas]
    http_method_names = ["post", "options"]
    aksi: AksiLaporan

    def post(self, request: Request, kode: str, tahun: int, tw: int) -> Response:
        satker = _satker(request, kode, tahun, tw)
        isian = CatatanLaporanSerializer(data=request.data)
        isian.is_valid(raise_exception=True)
        laporan = LaporanTriwulan.objects.filter(satker=satker, tahun=tahun, tw=tw).first()
        if laporan is None:
            raise exceptions.NotFound(PESAN_BELUM_DIBUAT)
        try:
            laporan_transisi(
                laporan=laporan,
                user=request.user,
                aksi=self.aksi,
                catatan=isian.validated_data["catatan"],
            )
        except TransisiDitolak as alasan:
            raise Konflik(str(alasan)) from None
        return _jawab(request, satker, tahun, tw)


def _langkah(ringkas: str, uraian: str) -> dict:
    return {
        "post": extend_schema(
            summary=ringkas,
            description=uraian,
            parameters=PARAMETER_LAPORAN,
            request=CatatanLaporanSerializer,
            responses={200: LaporanAlurSerializer} | GALAT_LANGKAH,
        )
    }


@extend_schema_view(
    **_langkah(
        "Ajukan laporan triwulan kepada Sekretaris dan Ketua",
        "Oleh penulis satker (Operator, Sekretaris), dalam masa pelaporan, bila setiap "
        "indikator PK sudah diisi atau ditandai tidak dapat diukur dengan alasannya.",
    )
)
class AjukanView(_LangkahView):
    aksi = AksiLaporan.AJUKAN


@extend_schema_view(
    **_langkah("Setujui laporan yang diajukan", "Oleh Sekretaris atau Ketua satker.")
)
class SetujuiView(_LangkahView):
    aksi = AksiLaporan.SETUJUI


@extend_schema_view(
    **_langkah(
        "Kembalikan laporan menjadi draf dengan catatan",
        "Oleh Sekretaris atau Ketua satker, peninjau provinsinya, atau KPU RI; `catatan` "
        "wajib. Tanda bukti diperiksa dihapus. Laporan yang sudah ditandatangani ditolak.",
    )
)
class KembalikanView(_LangkahView):
    aksi = AksiLaporan.KEMBALIKAN


@extend_schema_view(
    **_langkah(
        "Tandai bukti dukung laporan sudah diperiksa",
        "Oleh peninjau provinsi satker atau KPU RI, pada laporan yang diajukan atau "
        "disetujui; statusnya tetap.",
    )
)
class TandaiBuktiView(_LangkahView):
    aksi = AksiLaporan.TANDAI_BUKTI


@extend_schema_view(
    post=extend_schema(
        summary="Buka kembali masa pelaporan triwulan untuk satker ini",
        description="Oleh peninjau provinsi satker atau KPU RI, dengan alasan, sampai akhir "
        "tanggal `sampai`; hanya bila masa pelaporan triwulan itu ditetapkan. Laporan dibuat "
        "bila belum ada.",
        parameters=PARAMETER_LAPORAN,
        request=BukaKembaliSerializer,
        responses={200: LaporanAlurSerializer} | GALAT_LANGKAH,
    )
)
class BukaKembaliView(APIView):
    parser_classes = [JSONTerbatas]
    http_method_names = ["post", "options"]

    def post(self, request: Request, kode: str, tahun: int, tw: int) -> Response:
        satker = _satker(request, kode, tahun, tw)
        isian = BukaKembaliSerializer(data=request.data)
        isian.is_valid(raise_exception=True)
        try:
            laporan_buka_kembali(
                satker=satker,
                tahun=tahun,
                tw=tw,
                user=request.user,
                alasan=isian.validated_data["alasan"],
                sampai=isian.validated_data["sampai"],
            )
        except TransisiDitolak as alasan:
            raise Konflik(str(alasan)) from None
        except DjangoValidationError as galat:
            raise exceptions.ValidationError({"non_field_errors": galat.messages}) from None
        return _jawab(request, satker, tahun, tw)
