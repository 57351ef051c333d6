"""The measurement through the API: a satker's quarter (every PK indicator's target, realisasi
and capaian) read and written, and the evidence files of a realisasi (of an indicator or of a
RAK kegiatan: `api_kegiatan` reads and writes the kegiatan themselves).

The same selectors, services and access rule as the pages: another satker's report, realisasi
or file is a 404, a reader's write a 403; a submitted report or a stale `suntingan` is a 409.
Views raise, the one handler (kpu_kinerja.api_galat) renders.

The upload reads its body through `UnggahBukti`, set before the request is authenticated (a
session's CSRF check reads the body), so no file past the size limit and no file past the
count is ever read whole, and a body larger than the most files allowed is refused unread.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, parsers, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dokumen.api import TanpaNegosiasi
from dokumen.forms import TAHUN_MAKS, TAHUN_MIN
from kpu_kinerja.api_galat import RESPONS_BELUM_MASUK, RESPONS_ISIAN, Konflik, respons_pesan
from kpu_kinerja.parsers import JSONTerbatas, TerlaluBesar
from pengukuran.bukti import bukti_hapus, bukti_unggah
from pengukuran.models import StatusLaporan
from pengukuran.models_bukti import BuktiDukung
from pengukuran.selectors import tabel_pengukuran
from pengukuran.selectors_bukti import (
    PENJELASAN_KEADAAN,
    KeadaanBerkas,
    bukti_ambil,
    bukti_laporan,
    bukti_terlihat,
    isi_bukti,
    keadaan_berkas,
    realisasi_ambil,
    realisasi_kegiatan_ambil,
)
from pengukuran.serializers import (
    JENIS_ISI_SKEMA,
    BuktiSerializer,
    BuktiTersimpanSerializer,
    BuktiUnggahSerializer,
    LaporanRealisasiSerializer,
    RealisasiUbahSerializer,
)
from pengukuran.services import (
    LaporanBerubah,
    LaporanTidakBisaDiubah,
    MasaPelaporanDitutup,
    laporan_buka,
    pk_terbit,
    realisasi_simpan,
)
from pengukuran.unduh_bukti import respons_berkas
from pengukuran.unggah_bukti import UnggahBukti, badan_terlalu_besar, pesan_terlalu_besar
from satker.akses import pastikan_boleh_menulis, satker_terlihat
from satker.api import Halaman
from satker.filters import POLA_SLUG

PESAN_TANPA_PK = "Belum ada Perjanjian Kinerja tahun ini yang terbit: belum ada yang diukur."
PESAN_TRIWULAN = "Triwulan tidak ada: tulis 1 sampai 4."
PESAN_SUNTINGAN = (
    "Laporan telah disimpan dari tempat lain sejak Anda membacanya (nomor suntingan berbeda). "
    "Baca ulang laporan, terapkan perubahan Anda, lalu kirim lagi."
)
PESAN_BUKAN_DRAF = (
    "Laporan triwulan ini sudah diajukan, jadi realisasi dan bukti dukungnya tidak dapat diubah."
)


class LaporanBerubahApi(Konflik):
    default_detail = PESAN_SUNTINGAN
    default_code = "suntingan_berubah"


class LaporanBukanDraf(Konflik):
    default_detail = PESAN_BUKAN_DRAF
    default_code = "bukan_draf"


class MasaDitutupApi(Konflik):
    """Outside the TW's reporting window and not reopened: the window's own message."""

    default_detail = "Masa pelaporan triwulan ini ditutup."
    default_code = "masa_ditutup"


class BerkasTidakUtuh(Konflik):
    default_code = "berkas_tidak_utuh"


PARAMETER_LAPORAN = [
    OpenApiParameter("kode", str, OpenApiParameter.PATH, pattern=POLA_SLUG),
    OpenApiParameter("tahun", int, OpenApiParameter.PATH, description=f"{TAHUN_MIN}–{TAHUN_MAKS}"),
    OpenApiParameter("tw", int, OpenApiParameter.PATH, enum=[1, 2, 3, 4]),
]


def galat_triwulan(dokumen: str) -> tuple[dict, dict]:
    """The schema's error answers of a quarter's read and write, `dokumen` the published
    document the quarter is measured against ("PK", "RAK")."""
    baca = {
        401: RESPONS_BELUM_MASUK,
        404: respons_pesan(
            f"Satker tidak terlihat, triwulan tidak ada, atau belum ada {dokumen} terbit."
        ),
    }
    tulis = baca | {
        400: RESPONS_ISIAN,
        403: respons_pesan("Peran Anda tidak berhak."),
        409: respons_pesan(
            "Laporan sudah diajukan, nomor suntingan sudah berubah, atau masa pelaporan ditutup."
        ),
    }
    return baca, tulis


GALAT_BACA, GALAT_TULIS = galat_triwulan("PK")


@contextmanager
def simpan_triwulan(entri: list[dict[str, Any]], **posisi: str) -> Iterator[None]:
    """A quarter's save in one transaction (a refusal leaves no report opened behind), the
    service's refusals as the API's answers; `posisi`: where an entry names its row
    (`posisi_galat`)."""
    try:
        with transaction.atomic():
            yield
    except MasaPelaporanDitutup as galat:
        raise MasaDitutupApi(galat.pesan) from None
    except DjangoValidationError as galat:
        raise exceptions.ValidationError(posisi_galat(galat, entri, **posisi)) from None
    except LaporanTidakBisaDiubah:
        raise LaporanBukanDraf from None
    except (LaporanBerubah, IntegrityError):  # or two first saves at once: one opened it
        raise LaporanBerubahApi from None


def posisi_galat(
    galat: DjangoValidationError,
    isian: list[dict[str, Any]],
    *,
    kolom_id: str = "indikator",
    daftar: str = "realisasi",
) -> dict:
    """The service's "<id>-<field>" problems at the entry's place in the list sent:
    {"realisasi": {"0": {"nilai": ["…"]}}}, as the API's other row errors. `kolom_id` is the
    entry's key naming its row, `daftar` the list's name in the body."""
    if not hasattr(galat, "error_dict"):  # about the whole report (no PK published…)
        return {"non_field_errors": galat.messages}
    posisi = {str(entri[kolom_id]): str(i) for i, entri in enumerate(isian)}
    per_entri: dict[str, dict[str, list[str]]] = {}
    umum: list[str] = []
    for kunci, pesan in galat.message_dict.items():
        indikator, _, kolom = kunci.partition("-")
        if indikator not in posisi:
            umum.extend(pesan)
            continue
        kolom = "non_field_errors" if kolom == "__all__" else kolom
        per_entri.setdefault(posisi[indikator], {}).setdefault(kolom, []).extend(pesan)
    hasil: dict[str, Any] = {}
    if per_entri:
        hasil[daftar] = per_entri
    if umum:
        hasil["non_field_errors"] = umum
    return hasil


@extend_schema_view(
    get=extend_schema(
        summary="Realisasi dan capaian satu triwulan: setiap indikator PK terbit",
        parameters=PARAMETER_LAPORAN,
        responses={200: LaporanRealisasiSerializer} | GALAT_BACA,
    ),
    patch=extend_schema(
        summary="Simpan realisasi triwulan (semua isian atau tidak sama sekali)",
        description="Setiap isian menggantikan realisasi indikatornya; isian yang seluruhnya "
        "kosong menghapusnya; indikator yang tidak dikirim tidak berubah. Capaian dihitung "
        "ulang oleh mesin capaian.",
        parameters=PARAMETER_LAPORAN,
        request=RealisasiUbahSerializer,
        responses={200: LaporanRealisasiSerializer} | GALAT_TULIS,
    ),
)
class RealisasiView(APIView):
    """A satker's quarter: read (nothing is opened by reading) and written."""

    parser_classes = [JSONTerbatas]
    http_method_names = ["get", "patch", "head", "options"]

    def _satker(self, request: Request, kode: str, tahun: int, tw: int):
        satker = get_object_or_404(satker_terlihat(request.user), kode=kode)
        if tw not in (1, 2, 3, 4):
            raise exceptions.NotFound(PESAN_TRIWULAN)
        if not TAHUN_MIN <= tahun <= TAHUN_MAKS or pk_terbit(satker, tahun) is None:
            raise exceptions.NotFound(PESAN_TANPA_PK)
        return satker

    def _jawab(self, request: Request, satker, tahun: int, tw: int) -> Response:
        tabel = tabel_pengukuran(satker, tahun, sampai_tw=tw)
        laporan = tabel.laporan.get(tw)
        bukti = bukti_laporan(laporan.pk) if laporan else {}
        data = {
            "satker": satker.kode,
            "tahun": tahun,
            "tw": tw,
            "perjanjian": tabel.pk.pk,
            "status": laporan.status if laporan else StatusLaporan.DRAF,
            "suntingan": laporan.suntingan if laporan else 0,
            "indikator": [
                {"baris": baris, "sel": baris.triwulan[tw - 1]}
                for blok in tabel.sasaran
                for baris in blok.indikator
            ],
        }
        context = {"request": request, "bukti": bukti}
        return Response(LaporanRealisasiSerializer(data, context=context).data)

    def get(self, request: Request, kode: str, tahun: int, tw: int) -> Response:
        return self._jawab(request, self._satker(request, kode, tahun, tw), tahun, tw)

    def patch(self, request: Request, kode: str, tahun: int, tw: int) -> Response:
        satker = self._satker(request, kode, tahun, tw)
        pastikan_boleh_menulis(request.user, satker)
        isian = RealisasiUbahSerializer(data=request.data)
        isian.is_valid(raise_exception=True)
        entri = isian.validated_data["realisasi"]
        with simpan_triwulan(entri):
            laporan = laporan_buka(satker=satker, tahun=tahun, tw=tw)
            realisasi_simpan(
                laporan=laporan,
                isian={e["indikator"]: _tanpa_indikator(e) for e in entri},
                suntingan=isian.validated_data["suntingan"],
                oleh=request.user,
            )
        return self._jawab(request, satker, tahun, tw)


def _tanpa_indikator(entri: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entri.items() if k != "indikator"}


class BuktiFilter(django_filters.FilterSet):
    # By id, not a model choice: another satker's entry matches nothing, as an unknown id.
    realisasi = django_filters.NumberFilter(field_name="realisasi_id", min_value=1)
    realisasi_kegiatan = django_filters.NumberFilter(
        field_name="realisasi_kegiatan_id", min_value=1
    )

    class Meta:
        model = BuktiDukung
        fields = ["realisasi", "realisasi_kegiatan"]


class MultiPartBukti(parsers.MultiPartParser):
    """multipart/form-data through the request's upload handlers (`UnggahBukti`)."""


GALAT_BUKTI = {
    401: RESPONS_BELUM_MASUK,
    404: respons_pesan("Bukti dukung tidak ada atau tidak terlihat."),
}


@extend_schema_view(
    list=extend_schema(
        summary="Daftar bukti dukung yang terlihat, dengan keadaan berkasnya",
        responses={
            200: BuktiSerializer(many=True),
            400: RESPONS_ISIAN,
            401: RESPONS_BELUM_MASUK,
            404: respons_pesan("Halaman tidak ada."),
        },
    ),
    retrieve=extend_schema(
        summary="Satu bukti dukung", responses={200: BuktiSerializer} | GALAT_BUKTI
    ),
    create=extend_schema(
        summary="Unggah satu atau beberapa berkas bukti dukung sebuah realisasi",
        description="multipart/form-data: `realisasi` (indikator) atau `realisasi_kegiatan` "
        "(kegiatan RAK), tepat satu, dan `berkas` (boleh diulang). Jenis berkas diperiksa dari "
        "isinya; semua berkas disimpan, atau tidak satu pun.",
        request={"multipart/form-data": BuktiUnggahSerializer},
        responses={
            201: BuktiTersimpanSerializer,
            400: RESPONS_ISIAN,
            401: RESPONS_BELUM_MASUK,
            403: respons_pesan("Peran Anda tidak berhak."),
            404: respons_pesan(
                "Realisasi (indikator atau kegiatan) tidak ada atau tidak terlihat."
            ),
            409: respons_pesan("Laporan triwulan sudah diajukan."),
            413: respons_pesan("Berkas terlalu besar."),
            415: respons_pesan("Kirim sebagai multipart/form-data."),
        },
    ),
    destroy=extend_schema(
        summary="Hapus bukti dukung (laporan masih draf)",
        responses={204: None}
        | GALAT_BUKTI
        | {
            403: respons_pesan("Peran Anda tidak berhak."),
            409: respons_pesan("Laporan triwulan sudah diajukan."),
        },
    ),
)
class BuktiViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Evidence files of the satker the user may read; uploaded and deleted by its writers."""

    serializer_class = BuktiSerializer
    filterset_class = BuktiFilter
    pagination_class = Halaman
    lookup_value_converter = "int"
    parser_classes = [MultiPartBukti]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BuktiDukung.objects.none()
        return bukti_terlihat(self.request.user)

    def get_object(self) -> BuktiDukung:
        return bukti_ambil(self.request.user, self.kwargs[self.lookup_field])

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if self.action == "create":
            # Before authentication: a session's CSRF check reads the body.
            if badan_terlalu_besar(request._request):
                raise TerlaluBesar(pesan_terlalu_besar())
            self.penerima = UnggahBukti(request._request)
            request._request.upload_handlers = [self.penerima]
        super().initial(request, *args, **kwargs)

    def create(self, request: Request) -> Response:
        data = request.data  # read through self.penerima
        if self.penerima.galat:
            if self.penerima.terlalu_besar:
                raise TerlaluBesar(self.penerima.galat)
            raise exceptions.ValidationError({"berkas": [self.penerima.galat]})
        isian = BuktiUnggahSerializer(data=data)
        isian.is_valid(raise_exception=True)
        if "realisasi" in isian.validated_data:
            entri = {"realisasi": realisasi_ambil(request.user, isian.validated_data["realisasi"])}
        else:
            pk = isian.validated_data["realisasi_kegiatan"]
            entri = {"realisasi_kegiatan": realisasi_kegiatan_ambil(request.user, pk)}
        (isian_bukti,) = entri.values()
        pastikan_boleh_menulis(request.user, isian_bukti.laporan.satker)
        try:
            with transaction.atomic():
                tersimpan = bukti_unggah(
                    **entri, berkas=isian.validated_data["berkas"], oleh=request.user
                )
        except DjangoValidationError as galat:
            raise exceptions.ValidationError(galat.message_dict) from None
        except LaporanTidakBisaDiubah:
            raise LaporanBukanDraf from None
        data = BuktiTersimpanSerializer(
            {"bukti": tersimpan}, context=self.get_serializer_context()
        ).data
        return Response(data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: int) -> Response:
        bukti = self.get_object()
        pastikan_boleh_menulis(request.user, bukti.satker)
        try:
            bukti_hapus(bukti=bukti, oleh=request.user)
        except LaporanTidakBisaDiubah:
            raise LaporanBukanDraf from None
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Unduh berkas bukti dukung (bila masih utuh)",
        responses={(200, mime): OpenApiTypes.BINARY for mime in JENIS_ISI_SKEMA}
        | GALAT_BUKTI
        | {409: respons_pesan("Berkas hilang atau berubah sejak diunggah.")},
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[renderers.JSONRenderer],
        content_negotiation_class=TanpaNegosiasi,
    )
    def unduh(self, request: Request, pk: int) -> HttpResponse:
        bukti = self.get_object()
        isi = isi_bukti(bukti)
        if isi is None:
            keadaan = keadaan_berkas(bukti)
            if keadaan == KeadaanBerkas.UTUH:
                keadaan = KeadaanBerkas.BERUBAH
            raise BerkasTidakUtuh(f"{keadaan.label}: {PENJELASAN_KEADAAN[keadaan]}")
        return respons_berkas(bukti, isi)
