"""The RAK's realisasi through the API: a satker's quarter (every kegiatan of the RAK in force
with its entry, evidence files and serapan, the serapan per RAK sasaran and for the satker)
read, and written through `services_kegiatan.kegiatan_simpan`.

As the page (`views_kegiatan`) and the indicators' API (`pengukuran.api.RealisasiView`):
another satker is a 404, a reader's write a 403; a submitted report, a stale `suntingan` or a
closed reporting window is a 409 with its message; an unknown key is a 400 naming it. A GET
opens nothing. Views raise, the one handler (kpu_kinerja.api_galat) renders.
"""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dokumen.forms import TAHUN_MAKS, TAHUN_MIN
from kpu_kinerja.parsers import JSONTerbatas
from pengukuran.api import PARAMETER_LAPORAN, PESAN_TRIWULAN, galat_triwulan, simpan_triwulan
from pengukuran.jendela import keadaan_jendela
from pengukuran.models import StatusLaporan
from pengukuran.selectors import satker_pengukuran
from pengukuran.selectors_kegiatan import tabel_kegiatan
from pengukuran.serializers_kegiatan import KegiatanUbahSerializer, LaporanKegiatanSerializer
from pengukuran.services import (
    laporan_buka,
)
from pengukuran.services_kegiatan import kegiatan_simpan, rak_terbit
from satker.akses import pastikan_boleh_menulis
from satker.models import Satker

PESAN_TANPA_RAK = (
    "Belum ada Rencana Aksi Kinerja tahun ini yang terbit: belum ada kegiatan yang direalisasikan."
)
GALAT_BACA, GALAT_TULIS = galat_triwulan("RAK")


def _satker(request: Request, kode: str, tahun: int, tw: int) -> Satker:
    satker = satker_pengukuran(request.user, kode)
    if tw not in (1, 2, 3, 4):
        raise exceptions.NotFound(PESAN_TRIWULAN)
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS or rak_terbit(satker, tahun) is None:
        raise exceptions.NotFound(PESAN_TANPA_RAK)
    return satker


def _jawab(request: Request, satker: Satker, tahun: int, tw: int) -> Response:
    tabel = tabel_kegiatan(satker, tahun, bukti_tw=tw)
    laporan = tabel.laporan.get(tw)
    data = {
        "satker": satker.kode,
        "tahun": tahun,
        "tw": tw,
        "rak": tabel.rak.pk,
        "status": laporan.status if laporan else StatusLaporan.DRAF,
        "suntingan": laporan.suntingan if laporan else 0,
        "jendela": keadaan_jendela(satker, tahun, tw),
        "serapan": tabel.serapan[tw - 1],
        "sasaran": tabel.kelompok,
    }
    context = {"request": request, "tw": tw}
    return Response(LaporanKegiatanSerializer(data, context=context).data)


@extend_schema_view(
    get=extend_schema(
        summary="Realisasi kegiatan RAK satu triwulan, dengan serapan anggaran",
        description="Setiap kegiatan RAK terbit yang berlaku: isian triwulan ini (null: belum "
        "diisi), bukti dukungnya, dan serapan kumulatif sampai triwulan ini; serapan per "
        "sasaran RAK (RAK tidak memuat program) dan serapan satker. Membaca tidak membuat "
        "laporan.",
        parameters=PARAMETER_LAPORAN,
        responses={200: LaporanKegiatanSerializer} | GALAT_BACA,
    ),
    patch=extend_schema(
        summary="Simpan realisasi kegiatan triwulan (semua isian atau tidak sama sekali)",
        description="Setiap isian menggantikan realisasi kegiatannya; isian yang seluruhnya "
        "kosong menghapusnya; kegiatan yang tidak dikirim tidak berubah. Realisasi anggaran "
        "setahun di atas anggaran kegiatan ditolak. Di luar masa pelaporan: 409.",
        parameters=PARAMETER_LAPORAN,
        request=KegiatanUbahSerializer,
        responses={200: LaporanKegiatanSerializer} | GALAT_TULIS,
    ),
)
class RealisasiKegiatanView(APIView):
    """A satker's kegiatan of one quarter: read (nothing is opened by reading) and written."""

    parser_classes = [JSONTerbatas]
    http_method_names = ["get", "patch", "head", "options"]

    def get(self, request: Request, kode: str, tahun: int, tw: int) -> Response:
        return _jawab(request, _satker(request, kode, tahun, tw), tahun, tw)

    def patch(self, request: Request, kode: str, tahun: int, tw: int) -> Response:
        satker = _satker(request, kode, tahun, tw)
        pastikan_boleh_menulis(request.user, satker)
        isian = KegiatanUbahSerializer(data=request.data)
        isian.is_valid(raise_exception=True)
        entri = isian.validated_data["kegiatan"]
        with simpan_triwulan(entri, kolom_id="baris", daftar="kegiatan"):
            laporan = laporan_buka(satker=satker, tahun=tahun, tw=tw)
            kegiatan_simpan(
                laporan=laporan,
                isian={e["baris"]: _tanpa_baris(e) for e in entri},
                suntingan=isian.validated_data["suntingan"],
                oleh=request.user,
            )
        return _jawab(request, satker, tahun, tw)


def _tanpa_baris(entri: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in entri.items() if k != "baris"}
    data.setdefault("status", "")
    return data
