"""Documents through the API: the same selectors, services and access rule as the pages.

Reads come from `dokumen_terlihat`/`dokumen_ambil` (another satker's document is a 404);
writes check `pastikan_boleh_menulis` (403) and go through `dokumen_buat`, `dokumen_simpan`,
`dokumen_transisi` and `dokumen_buat_revisi`. A refused step or a stale `suntingan` is a 409.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import (
    exceptions,
    generics,
    mixins,
    negotiation,
    permissions,
    renderers,
    status,
    viewsets,
)
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dokumen.alur import TransisiDitolak, dokumen_buat_revisi, dokumen_transisi
from dokumen.baris import data_baris
from dokumen.forms import _pesan_duplikat
from dokumen.models import AksiDokumen, Dokumen, JenisDokumen, StatusDokumen
from dokumen.selectors import (
    dokumen_ambil,
    dokumen_terlihat,
    penandatangan_bawaan,
    versi_pengganti,
)
from dokumen.serializers import (
    AlasanRevisiSerializer,
    CatatanSerializer,
    DokumenBaruSerializer,
    DokumenDaftarSerializer,
    DokumenRingkasSerializer,
    DokumenSerializer,
    DokumenUbahSerializer,
    PesanSerializer,
    VerifikasiSerializer,
)
from dokumen.services import (
    KOLOM_KEPALA,
    DokumenTidakBisaDihapus,
    DokumenTidakBisaDiubah,
    KonflikSuntingan,
    dokumen_buat,
    dokumen_hapus,
    dokumen_simpan,
)
from dokumen.unduh import nama_berkas, pdf_dokumen
from kpu_kinerja.parsers import JSONTerbatas, TerlaluBesar
from satker.akses import pastikan_boleh_menulis
from satker.api import POLA_SLUG, Halaman, filter_provinsi

PESAN_KONFLIK = (
    "Dokumen ini sudah diubah orang lain sejak Anda membacanya (nomor suntingan berbeda). "
    "Ambil ulang dokumen, terapkan perubahan Anda pada isinya yang terbaru, lalu kirim lagi."
)
PESAN_BUKAN_DRAF = "Dokumen ini sudah bukan draf, jadi tidak dapat diubah."
PESAN_BENTROK_DATA = "Data bertentangan dengan data yang tersimpan; periksa isian lalu coba lagi."
PESAN_REVISI_BERSAMAAN = (
    "Versi baru dokumen ini baru saja dibuat oleh permintaan lain; ambil ulang dokumen dan "
    "lanjutkan versi itu."
)


class Konflik(exceptions.APIException):
    """409: the document's state does not allow the request (not a draft, stale suntingan…)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Permintaan bertentangan dengan keadaan dokumen saat ini."
    default_code = "konflik"


@contextmanager
def _simpan_aman() -> Iterator[None]:
    """Model validation errors and database constraint violations as 400s, never a 500.

    The savepoint keeps the request's transaction usable after a refused write.
    """
    try:
        with transaction.atomic():
            yield
    except DjangoValidationError as galat:
        raise exceptions.ValidationError(_pesan_per_kolom(galat)) from None
    except IntegrityError:
        raise exceptions.ValidationError({"non_field_errors": [PESAN_BENTROK_DATA]}) from None


def _pesan_per_kolom(galat: DjangoValidationError) -> dict[str, list[str]]:
    """A service's refusal by the field the client sent: a row's hidden fields are `baris`."""
    if not hasattr(galat, "error_dict"):
        return {"non_field_errors": galat.messages}
    pesan: dict[str, list[str]] = {}
    for kolom, daftar in galat.message_dict.items():
        if kolom == NON_FIELD_ERRORS:
            kolom = "non_field_errors"
        elif kolom not in KOLOM_KEPALA:
            kolom = "baris"
        pesan.setdefault(kolom, []).extend(daftar)
    return pesan


class TahunFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class DokumenFilter(django_filters.FilterSet):
    tahun = TahunFilter()
    jenis = django_filters.ChoiceFilter(choices=JenisDokumen.choices)
    status = django_filters.ChoiceFilter(choices=StatusDokumen.choices)
    satker = django_filters.CharFilter(field_name="satker__kode", label="Kode satker")
    provinsi = django_filters.CharFilter(
        method="saring_provinsi",
        label="Kode KPU Provinsi: dokumen provinsi itu dan Kabupaten/Kotanya",
    )

    class Meta:
        model = Dokumen
        fields = ["tahun", "jenis", "status", "satker", "provinsi"]

    def saring_provinsi(self, queryset: QuerySet, name: str, kode: str) -> QuerySet:
        return filter_provinsi(queryset, "satker__", kode)


class TanpaNegosiasi(negotiation.DefaultContentNegotiation):
    """The PDF download answers PDF, or a JSON error, whatever the client's Accept header."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return (renderers[0], renderers[0].media_type)


def _pesan(deskripsi: str) -> OpenApiResponse:
    return OpenApiResponse(PesanSerializer, description=deskripsi)


GALAT_BACA = {401: _pesan("Belum masuk."), 404: _pesan("Dokumen tidak ada atau tidak terlihat.")}
GALAT_TULIS = GALAT_BACA | {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Isian tidak valid: pesan per kolom."),
    403: _pesan("Peran Anda tidak berhak."),
}
GALAT_UBAH = GALAT_TULIS | {409: _pesan("Bukan draf, atau nomor suntingan sudah berubah.")}
GALAT_ALUR = GALAT_TULIS | {409: _pesan("Langkah ini tidak dapat dilakukan sekarang.")}


def _langkah(ringkas: str) -> Any:
    return extend_schema(
        summary=ringkas,
        request=CatatanSerializer,
        responses={200: DokumenSerializer} | GALAT_ALUR,
    )


# What DokumenRingkasSerializer reads, satker and provinsi included.
KOLOM_DAFTAR = (
    *("jenis", "tahun", "versi", "status", "suntingan", "diubah"),
    *("satker__kode", "satker__nama", "satker__tingkat", "satker__induk__kode"),
)


@extend_schema_view(
    list=extend_schema(
        summary="Daftar dokumen yang terlihat (tanpa baris)",
        responses={
            200: DokumenRingkasSerializer(many=True),
            400: GALAT_TULIS[400],
            401: GALAT_BACA[401],
            404: _pesan("Halaman tidak ada."),
        },
    ),
    retrieve=extend_schema(
        summary="Satu dokumen dengan kepala dan barisnya",
        responses={200: DokumenSerializer} | GALAT_BACA,
    ),
    create=extend_schema(
        summary="Buat draf dokumen baru",
        request=DokumenBaruSerializer,
        responses={201: DokumenSerializer} | GALAT_TULIS,
    ),
    update=extend_schema(
        summary="Ganti kepala dan semua baris draf",
        request=DokumenUbahSerializer,
        responses={200: DokumenSerializer} | GALAT_UBAH,
    ),
    partial_update=extend_schema(
        summary="Ubah sebagian kepala dan/atau semua baris draf",
        request=DokumenUbahSerializer,
        responses={200: DokumenSerializer} | GALAT_UBAH,
    ),
    destroy=extend_schema(
        summary="Hapus draf yang belum pernah diajukan (riwayatnya tetap tersimpan)",
        responses={204: None} | GALAT_TULIS | {409: _pesan("Dokumen ini tidak dapat dihapus.")},
    ),
)
class DokumenViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """IKU, RKT and RAK documents of the satker the user may read; drafts edited as a whole."""

    filterset_class = DokumenFilter
    pagination_class = Halaman
    lookup_value_converter = "int"
    parser_classes = [JSONTerbatas]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def handle_exception(self, exc: Exception) -> Response:
        # Django refuses an oversized body it has buffered itself (e.g. a test client's).
        if isinstance(exc, RequestDataTooBig):
            exc = TerlaluBesar()
        return super().handle_exception(exc)

    def get_queryset(self) -> QuerySet[Dokumen]:
        if getattr(self, "swagger_fake_view", False):
            return Dokumen.objects.none()
        dokumen = (
            dokumen_terlihat(self.request.user)
            .select_related("satker__induk")
            .order_by("satker__nama", "-tahun", "jenis", "-versi", "pk")
        )
        if self.action == "list":  # a page of 50 headers: read only the columns it shows
            dokumen = dokumen.only(*KOLOM_DAFTAR)
        return dokumen

    def get_serializer_class(self) -> type:
        return DokumenDaftarSerializer if self.action == "list" else DokumenSerializer

    def get_object(self) -> Dokumen:
        return dokumen_ambil(self.request.user, self.kwargs[self.lookup_field])

    def _jawab(self, dokumen: Dokumen, status_code: int = status.HTTP_200_OK) -> Response:
        data = DokumenSerializer(dokumen, context=self.get_serializer_context()).data
        return Response(data, status=status_code)

    def create(self, request: Request) -> Response:
        isian = DokumenBaruSerializer(data=request.data, user=request.user)
        isian.is_valid(raise_exception=True)
        data = isian.validated_data
        satker, jenis, tahun = data["satker"], data["jenis"], data["tahun"]
        pastikan_boleh_menulis(request.user, satker)
        if satker.dokumen.filter(jenis=jenis, tahun=tahun).exists():
            raise exceptions.ValidationError({"tahun": [_pesan_duplikat(jenis, tahun)]})
        bawaan = {
            "tempat_ttd": satker.kota_ttd,
            "penandatangan": penandatangan_bawaan(satker, jenis),
        }
        kepala = {
            kolom: data[kolom]
            if kolom in data
            else bawaan.get(kolom, Dokumen._meta.get_field(kolom).get_default())
            for kolom in KOLOM_KEPALA
        }
        with _simpan_aman():
            dokumen = dokumen_buat(satker=satker, jenis=jenis, oleh=request.user, **kepala)
            if data.get("baris"):
                dokumen = dokumen_simpan(
                    dokumen=dokumen,
                    kepala=kepala,
                    baris=data["baris"],
                    suntingan=dokumen.suntingan,
                    oleh=request.user,
                )
        return self._jawab(dokumen_ambil(request.user, dokumen.pk), status.HTTP_201_CREATED)

    def update(self, request: Request, pk: int, partial: bool = False) -> Response:
        dokumen = self.get_object()
        pastikan_boleh_menulis(request.user, dokumen.satker)
        if not dokumen.bisa_diubah:
            raise Konflik(PESAN_BUKAN_DRAF)
        isian = DokumenUbahSerializer(
            dokumen, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        isian.is_valid(raise_exception=True)
        data = isian.validated_data
        kepala = {kolom: data.get(kolom, getattr(dokumen, kolom)) for kolom in KOLOM_KEPALA}
        baris = data["baris"] if "baris" in data else data_baris(dokumen)
        try:
            with _simpan_aman():
                dokumen = dokumen_simpan(
                    dokumen=dokumen,
                    kepala=kepala,
                    baris=baris,
                    suntingan=data["suntingan"],
                    oleh=request.user,
                )
        except KonflikSuntingan:
            raise Konflik(PESAN_KONFLIK) from None
        except DokumenTidakBisaDiubah:
            raise Konflik(PESAN_BUKAN_DRAF) from None
        return self._jawab(dokumen_ambil(request.user, dokumen.pk))

    def partial_update(self, request: Request, pk: int) -> Response:
        return self.update(request, pk, partial=True)

    def destroy(self, request: Request, pk: int) -> Response:
        dokumen = self.get_object()
        pastikan_boleh_menulis(request.user, dokumen.satker)
        try:
            dokumen_hapus(dokumen=dokumen, user=request.user)
        except DokumenTidakBisaDihapus as galat:
            raise Konflik(str(galat)) from None
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _transisi(self, request: Request, aksi: AksiDokumen) -> Response:
        dokumen = self.get_object()
        isian = CatatanSerializer(data=request.data)
        isian.is_valid(raise_exception=True)
        try:
            dokumen = dokumen_transisi(
                dokumen=dokumen,
                user=request.user,
                aksi=aksi,
                catatan=isian.validated_data["catatan"],
            )
        except TransisiDitolak as alasan:
            raise Konflik(str(alasan)) from None
        return self._jawab(dokumen_ambil(request.user, dokumen.pk))

    @_langkah("Ajukan draf kepada Ketua")
    @action(detail=True, methods=["post"])
    def ajukan(self, request: Request, pk: int) -> Response:
        return self._transisi(request, AksiDokumen.AJUKAN)

    @_langkah("Setujui dokumen yang diajukan (Ketua)")
    @action(detail=True, methods=["post"])
    def setujui(self, request: Request, pk: int) -> Response:
        return self._transisi(request, AksiDokumen.SETUJUI)

    @_langkah("Kembalikan menjadi draf dengan catatan")
    @action(detail=True, methods=["post"])
    def kembalikan(self, request: Request, pk: int) -> Response:
        return self._transisi(request, AksiDokumen.KEMBALIKAN)

    @_langkah("Tandatangani dan terbitkan (penandatangan)")
    @action(detail=True, methods=["post"])
    def terbitkan(self, request: Request, pk: int) -> Response:
        return self._transisi(request, AksiDokumen.TERBITKAN)

    @extend_schema(
        summary="Buat versi baru (draf) dari dokumen terbit",
        request=AlasanRevisiSerializer,
        responses={201: DokumenSerializer} | GALAT_ALUR,
    )
    @action(detail=True, methods=["post"])
    def revisi(self, request: Request, pk: int) -> Response:
        dokumen = self.get_object()
        isian = AlasanRevisiSerializer(data=request.data)
        isian.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                baru = dokumen_buat_revisi(
                    dokumen=dokumen, user=request.user, alasan=isian.validated_data["alasan"]
                )
        except TransisiDitolak as alasan:  # e.g. "Sudah ada versi yang sedang disusun"
            raise Konflik(str(alasan)) from None
        except (IntegrityError, DjangoValidationError):
            # Two requests at once: the loser trips the unique version (database or full_clean).
            raise Konflik(PESAN_REVISI_BERSAMAAN) from None
        return self._jawab(dokumen_ambil(request.user, baru.pk), status.HTTP_201_CREATED)

    @extend_schema(
        summary="PDF dokumen (terbit: berkas bertanda tangan; lainnya: cetak DRAF)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY} | GALAT_BACA,
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[renderers.JSONRenderer],
        content_negotiation_class=TanpaNegosiasi,
    )
    def pdf(self, request: Request, pk: int) -> HttpResponse:
        dokumen = self.get_object()
        response = HttpResponse(pdf_dokumen(dokumen), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{nama_berkas(dokumen)}"'
        return response


@extend_schema(
    summary="Periksa dokumen terbit dari kode verifikasinya (tanpa masuk)",
    parameters=[OpenApiParameter("token", str, OpenApiParameter.PATH, pattern=POLA_SLUG)],
    responses={200: VerifikasiSerializer, 404: _pesan("Kode verifikasi tidak dikenal.")},
)
class VerifikasiView(generics.RetrieveAPIView):
    """The public record behind a QR code: who signed what, when, its hash, and if superseded."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    filter_backends: list = []
    serializer_class = VerifikasiSerializer
    lookup_field = "token_verifikasi"
    lookup_url_kwarg = "token"
    queryset = (
        Dokumen.objects.filter(status=StatusDokumen.TERBIT)
        .select_related("satker")
        .prefetch_related("tanda_tangan")
    )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        dokumen = self.get_object()
        context = self.get_serializer_context() | {"pengganti": versi_pengganti(dokumen)}
        return Response(VerifikasiSerializer(dokumen, context=context).data)
