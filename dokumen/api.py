"""Documents through the API: the same selectors, services and access rule as the pages.

Reads come from `dokumen_terlihat`/`dokumen_ambil` (another satker's document is a 404);
writes check `pastikan_boleh_menulis` (403) and go through `dokumen_buat`, `dokumen_simpan`,
`dokumen_transisi` and `dokumen_buat_revisi`. A refused step or a stale `suntingan` is a 409.
Views raise, the one handler (kpu_kinerja.api_galat) renders; the list is filtered by
dokumen.filters.DokumenFilter, the same FilterSet as the /dokumen/ page.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
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

from dokumen.alur import (
    PESAN_TIDAK_BERHAK,
    TidakBerhak,
    TransisiDitolak,
    boleh_menandatangani,
    dokumen_buat_revisi,
    dokumen_transisi,
)
from dokumen.baris import data_baris
from dokumen.filters import DokumenFilter
from dokumen.forms import _pesan_duplikat
from dokumen.jenis import jenis_terdaftar
from dokumen.models import AksiDokumen, Dokumen, StatusDokumen
from dokumen.penandatanganan import alasan_bukan_giliran
from dokumen.selectors import (
    dokumen_ambil,
    dokumen_daftar,
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
    TerbitkanSerializer,
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
from dokumen.syarat_ttd import masalah_alamat
from dokumen.unduh import nama_berkas, pdf_dokumen
from dokumen.verifikasi import (
    dokumen_verifikasi,
    skema_verifikasi_terdaftar,
    verifikasi_terdaftar,
)
from kpu_kinerja.api_galat import (
    RESPONS_BELUM_MASUK,
    RESPONS_ISIAN,
    RESPONS_SARINGAN,
    Konflik,
    respons_pesan,
)
from kpu_kinerja.parsers import JSONTerbatas
from kpu_kinerja.parsers import TerlaluBesar as TerlaluBesar  # tests import it from here
from satker.akses import pastikan_boleh_menulis
from satker.api import Halaman
from satker.filters import POLA_SLUG

PESAN_KONFLIK = (
    "Dokumen telah disimpan dari tempat lain sejak Anda membukanya (nomor suntingan berbeda). "
    "Ambil ulang dokumen, terapkan perubahan Anda pada isinya yang terbaru, lalu kirim lagi."
)
PESAN_BUKAN_DRAF = "Dokumen ini sudah bukan draf, jadi tidak dapat diubah."
PESAN_BENTROK_DATA = "Data bertentangan dengan data yang tersimpan; periksa isian lalu coba lagi."
PESAN_KODE_TIDAK_DIKENAL = "Kode verifikasi tidak dikenal."
PESAN_REVISI_BERSAMAAN = (
    "Versi baru dokumen ini baru saja dibuat oleh permintaan lain; ambil ulang dokumen dan "
    "lanjutkan versi itu."
)


class SuntinganBerubah(Konflik):
    default_detail = PESAN_KONFLIK
    default_code = "suntingan_berubah"


class BukanDraf(Konflik):
    default_detail = PESAN_BUKAN_DRAF
    default_code = "bukan_draf"


class RevisiBersamaan(Konflik):
    default_detail = PESAN_REVISI_BERSAMAAN
    default_code = "revisi_bersamaan"


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


def _tambahan(jenis: str, data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The tables beside the rows that the request sent (a PK's `program`), by key."""
    return {t.kunci: data[t.kunci] for t in jenis_terdaftar(jenis).tambahan if t.kunci in data}


class TanpaNegosiasi(negotiation.DefaultContentNegotiation):
    """The PDF download answers PDF, or a JSON error, whatever the client's Accept header."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return (renderers[0], renderers[0].media_type)


GALAT_BACA = {
    401: RESPONS_BELUM_MASUK,
    404: respons_pesan("Dokumen tidak ada atau tidak terlihat."),
}
GALAT_TULIS = GALAT_BACA | {400: RESPONS_ISIAN, 403: respons_pesan("Peran Anda tidak berhak.")}
GALAT_UBAH = GALAT_TULIS | {409: respons_pesan("Bukan draf, atau nomor suntingan sudah berubah.")}
GALAT_ALUR = GALAT_TULIS | {409: respons_pesan("Langkah ini tidak dapat dilakukan sekarang.")}


def _langkah(ringkas: str) -> Any:
    return extend_schema(
        summary=ringkas,
        request=CatatanSerializer,
        responses={200: DokumenSerializer} | GALAT_ALUR,
    )


@extend_schema_view(
    list=extend_schema(
        summary="Daftar dokumen yang terlihat (tanpa baris)",
        responses={
            200: DokumenRingkasSerializer(many=True),
            400: RESPONS_SARINGAN,
            401: RESPONS_BELUM_MASUK,
            404: respons_pesan("Halaman tidak ada."),
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
        responses={204: None}
        | GALAT_TULIS
        | {409: respons_pesan("Dokumen ini tidak dapat dihapus.")},
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

    def get_queryset(self) -> QuerySet[Dokumen]:
        # Only the list reads it (get_object goes through dokumen_ambil): 50 headers a page.
        if getattr(self, "swagger_fake_view", False):
            return Dokumen.objects.none()
        return dokumen_daftar(self.request.user)

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
        tambahan = _tambahan(jenis, data)
        with _simpan_aman():
            dokumen = dokumen_buat(satker=satker, jenis=jenis, oleh=request.user, **kepala)
            if data.get("baris") or tambahan:
                dokumen = dokumen_simpan(
                    dokumen=dokumen,
                    kepala=kepala,
                    baris=data.get("baris") or [],
                    suntingan=dokumen.suntingan,
                    oleh=request.user,
                    tambahan=tambahan,
                )
        return self._jawab(dokumen_ambil(request.user, dokumen.pk), status.HTTP_201_CREATED)

    def update(self, request: Request, pk: int, partial: bool = False) -> Response:
        dokumen = self.get_object()
        pastikan_boleh_menulis(request.user, dokumen.satker)
        if not dokumen.bisa_diubah:
            raise BukanDraf
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
                    tambahan=_tambahan(dokumen.jenis, data),
                )
        except KonflikSuntingan:
            raise SuntinganBerubah from None
        except DokumenTidakBisaDiubah:
            raise BukanDraf from None
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

    def _transisi(
        self, request: Request, aksi: AksiDokumen, serializer: type = CatatanSerializer
    ) -> Response:
        dokumen = self.get_object()
        isian = serializer(data=request.data, context={"request": request})
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

    def _tandatangani(self, request: Request) -> Response:
        # As the signing page: only the party whose turn it is, and the address printed in the
        # QR code must be this site's before the password is even checked.
        dokumen = self.get_object()
        if not boleh_menandatangani(request.user, dokumen):
            raise TidakBerhak(alasan_bukan_giliran(request.user, dokumen) or PESAN_TIDAK_BERHAK)
        if masalah := masalah_alamat(request._request):
            raise Konflik(masalah)
        return self._transisi(request, AksiDokumen.TERBITKAN, TerbitkanSerializer)

    @extend_schema(
        summary="Tandatangani sebagai pihak yang mendapat giliran (dengan kata sandinya)",
        description="Menandatangani sebagai pihak berikutnya; dokumen terbit setelah pihak "
        "terakhir menandatanganinya (sebelum itu tetap berstatus DISETUJUI).",
        request=TerbitkanSerializer,
        responses={200: DokumenSerializer} | GALAT_ALUR,
    )
    @action(detail=True, methods=["post"])
    def tandatangani(self, request: Request, pk: int) -> Response:
        return self._tandatangani(request)

    @extend_schema(
        summary="Tandatangani (dan terbitkan bila pihak terakhir); sama dengan tandatangani/",
        description="Nama lama langkah tanda tangan, tetap berlaku: menandatangani sebagai "
        "pihak berikutnya; dokumen terbit setelah pihak terakhir menandatanganinya.",
        request=TerbitkanSerializer,
        responses={200: DokumenSerializer} | GALAT_ALUR,
    )
    @action(detail=True, methods=["post"])
    def terbitkan(self, request: Request, pk: int) -> Response:
        return self._tandatangani(request)

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
        except TransisiDitolak as alasan:  # e.g. "Versi 2 sedang disusun (draf); …"
            raise Konflik(str(alasan)) from None
        except (IntegrityError, DjangoValidationError):
            # Two requests at once: the loser trips the unique version (database or full_clean).
            raise RevisiBersamaan from None
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
    summary="Periksa dokumen bertanda tangan dari kode verifikasinya (tanpa masuk)",
    description="Kode dari kode QR sebuah dokumen (PK, RKT, RAK…) atau dokumen bertanda tangan "
    "lain yang terdaftar, seperti laporan pengukuran kinerja triwulan (`jenis` PENGUKURAN).",
    parameters=[OpenApiParameter("token", str, OpenApiParameter.PATH, pattern=POLA_SLUG)],
    responses={
        200: PolymorphicProxySerializer(
            component_name="HasilVerifikasi",
            serializers=lambda: [VerifikasiSerializer, *skema_verifikasi_terdaftar()],
            resource_type_field_name=None,
        ),
        404: respons_pesan(PESAN_KODE_TIDAK_DIKENAL),
    },
)
class VerifikasiView(generics.RetrieveAPIView):
    """The public record behind a QR code: who signed what, when, its hash, and if superseded;
    a partly signed document too, marked not published (`terbit` false), with who has not
    signed yet. A token no document holds is looked up as the public page does, through the
    registered kinds (`dokumen.verifikasi.verifikasi_terdaftar`: a signed TW report)."""

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

    def get_object(self) -> Dokumen:
        # The page's lookup (dokumen.verifikasi): published or partly signed.
        dokumen = dokumen_verifikasi(self.kwargs["token"])
        if dokumen is None:
            raise exceptions.NotFound(PESAN_KODE_TIDAK_DIKENAL)
        return dokumen

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        dokumen = dokumen_verifikasi(self.kwargs["token"])
        if dokumen is None:
            lain = verifikasi_terdaftar(self.kwargs["token"])
            if lain is None or lain.data_api is None:
                raise exceptions.NotFound(PESAN_KODE_TIDAK_DIKENAL)
            return Response(lain.data_api)
        context = self.get_serializer_context() | {"pengganti": versi_pengganti(dokumen)}
        return Response(VerifikasiSerializer(dokumen, context=context).data)
