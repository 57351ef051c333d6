"""Satker through the API: read only, scoped by the access rule (satker.akses).

Filters: satker.filters.SatkerFilter; errors: kpu_kinerja.api_galat (the one handler).
"""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import pagination, serializers, viewsets

from kpu_kinerja.api_galat import RESPONS_BELUM_MASUK, RESPONS_SARINGAN, respons_pesan
from satker.akses import satker_terlihat
from satker.filters import POLA_SLUG, SatkerFilter
from satker.models import Pejabat, Satker, Tupoksi
from satker.selectors import satker_ambil


class SatkerSerializer(serializers.ModelSerializer):
    induk = serializers.SlugRelatedField(slug_field="kode", read_only=True, allow_null=True)

    class Meta:
        model = Satker
        fields = [
            "kode",
            "nama",
            "nama_lengkap",
            "tingkat",
            "induk",
            "kota_ttd",
            "alamat",
            "gaya_penomoran",
        ]
        read_only_fields = fields


class Halaman(pagination.PageNumberPagination):
    """The settings' page-number pagination (PAGE_SIZE), with its error in Indonesian."""

    invalid_page_message = "Halaman tidak ada."


class PejabatSerializer(serializers.ModelSerializer):
    """An official; `id` is what a document's `penandatangan` takes."""

    class Meta:
        model = Pejabat
        fields = ["id", "nama", "nip", "jabatan", "status", "sebutan_jabatan"]
        read_only_fields = fields


class TupoksiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tupoksi
        fields = ["jenis", "urutan", "teks"]
        read_only_fields = fields


class SatkerDetailSerializer(SatkerSerializer):
    """A satker with its officials (the possible signatories) and its tugas and fungsi."""

    pejabat = PejabatSerializer(many=True, read_only=True)
    tupoksi = TupoksiSerializer(many=True, read_only=True)

    class Meta(SatkerSerializer.Meta):
        fields = [*SatkerSerializer.Meta.fields, "pejabat", "tupoksi"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        summary="Daftar satker yang terlihat",
        responses={
            200: SatkerSerializer(many=True),
            400: RESPONS_SARINGAN,
            401: RESPONS_BELUM_MASUK,
            404: respons_pesan("Halaman tidak ada."),
        },
    ),
    retrieve=extend_schema(
        summary="Satu satker dengan pejabat dan tupoksinya",
        parameters=[OpenApiParameter("kode", str, OpenApiParameter.PATH, pattern=POLA_SLUG)],
        responses={
            200: SatkerDetailSerializer,
            401: RESPONS_BELUM_MASUK,
            404: respons_pesan("Satker tidak ada atau tidak terlihat."),
        },
    ),
)
class SatkerViewSet(viewsets.ReadOnlyModelViewSet):
    """The satker the user may read: their own, their provinsi's, or all for the Admin RI."""

    filterset_class = SatkerFilter
    pagination_class = Halaman
    lookup_field = "kode"
    lookup_value_converter = "slug"

    def get_serializer_class(self) -> type:
        return SatkerSerializer if self.action == "list" else SatkerDetailSerializer

    def get_object(self) -> Satker:
        return satker_ambil(self.request.user, self.kwargs["kode"])

    def get_queryset(self) -> QuerySet[Satker]:
        if getattr(self, "swagger_fake_view", False):
            return Satker.objects.none()
        return (
            satker_terlihat(self.request.user)
            .select_related("induk")
            .order_by("tingkat", "nama", "pk")
        )
