"""Every API error comes out of the one handler (kpu_kinerja.api_galat): JSON, Indonesian, and
in one of two shapes, {"detail": "…"} or messages per field.

The module is also its own URLconf (the project's URLs plus a throttled view and a view that
fails), for the 429 and the 500 that no endpoint of the API gives on demand.
"""

import logging

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import Client
from django.urls import path
from rest_framework import exceptions, throttling
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from dokumen.api import PESAN_BUKAN_DRAF, PESAN_KODE_TIDAK_DIKENAL, PESAN_KONFLIK
from kpu_kinerja import urls as urls_proyek
from kpu_kinerja.api_galat import (
    PESAN_ALAMAT_TIDAK_DIKENAL,
    PESAN_CSRF,
    Dibatasi,
    penangan_galat,
)
from kpu_kinerja.galat import PESAN_API
from kpu_kinerja.middleware import HEADER_ID
from satker.filters import PESAN_KODE
from tests.factories import IkuFactory, KabKotaFactory, OperatorFactory, ReviewerFactory, ke_status

JSON = "application/json"


class _SekaliSemenit(throttling.AnonRateThrottle):
    rate = "1/min"


class _Dibatasi(APIView):
    permission_classes: list = []
    throttle_classes = [_SekaliSemenit]

    def get(self, request):
        return Response({"ok": True})


class _Meledak(APIView):
    permission_classes: list = []

    def get(self, request):
        raise RuntimeError("uji: galat API yang disengaja")


urlpatterns = [
    path("api/v1/uji-batas/", _Dibatasi.as_view()),
    path("api/v1/uji-meledak/", _Meledak.as_view()),
    *urls_proyek.urlpatterns,
]
handler500 = "kpu_kinerja.galat.server_error"


@pytest.fixture
def dokumen(db):
    return IkuFactory(satker=KabKotaFactory())


@pytest.fixture
def operator(dokumen):
    client = APIClient()
    client.force_authenticate(OperatorFactory(satker=dokumen.satker))
    return client


def url(dokumen, aksi: str = "") -> str:
    return f"/api/v1/dokumen/{dokumen.pk}/" + (f"{aksi}/" if aksi else "")


def assert_json(response, status: int, body: dict) -> None:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == JSON
    assert response.json() == body


# -- 400 -----------------------------------------------------------------------------------


def test_it_answers_a_bad_field_with_messages_per_field(operator, dokumen):
    response = operator.patch(
        url(dokumen), {"suntingan": dokumen.suntingan, "tahun": 1999}, format="json"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == JSON
    assert set(response.json()) == {"tahun"}
    assert response.json()["tahun"] == ["Tahun harus antara 2000 dan 2100."]


def test_it_answers_bad_rows_with_messages_nested_by_row(operator, dokumen):
    baris = [{"nomor": "1.", "indikator": "x" * 6000}]

    response = operator.patch(
        url(dokumen), {"suntingan": dokumen.suntingan, "baris": baris}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["baris"]) == ["0"]
    assert list(response.json()["baris"]["0"]) == ["indikator"]


def test_it_answers_a_bad_filter_value_per_filter(operator):
    response = operator.get("/api/v1/dokumen/?satker=kab%20lebak")

    assert_json(response, 400, {"satker": [PESAN_KODE]})


def test_it_answers_a_body_that_is_not_json_with_a_detail(operator, dokumen):
    response = operator.patch(url(dokumen), "{bukan json", content_type=JSON)

    assert response.status_code == 400
    assert response["Content-Type"] == JSON
    assert set(response.json()) == {"detail"}
    assert response.json()["detail"].startswith("Isian bukan JSON yang sah")


# -- 401, 403 --------------------------------------------------------------------------------


def test_it_answers_a_visitor_without_credentials_with_a_401(db):
    response = APIClient().get("/api/v1/dokumen/")

    assert_json(response, 401, {"detail": "Data autentikasi tidak diberikan."})
    assert response["WWW-Authenticate"] == "Token"


def test_it_answers_a_wrong_token_with_a_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token salah")

    assert_json(client.get("/api/v1/satker/"), 401, {"detail": "Token tidak valid."})


def test_a_token_with_characters_a_token_never_has_is_a_401_in_indonesian(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token é")

    response = client.get("/api/v1/satker/")

    assert_json(
        response,
        401,
        {"detail": "Header token tidak valid: token berisi karakter yang tidak diizinkan."},
    )


def test_it_answers_a_role_that_may_not_write_with_a_403(dokumen):
    reviewer = APIClient()
    reviewer.force_authenticate(ReviewerFactory(satker=dokumen.satker.induk))

    response = reviewer.patch(url(dokumen), {"suntingan": dokumen.suntingan}, format="json")

    assert response.status_code == 403
    assert response["Content-Type"] == JSON
    assert response.json()["detail"].startswith("Peran Anda tidak berhak")


def test_it_says_in_indonesian_that_a_session_write_lacks_the_csrf_token(dokumen):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(OperatorFactory(satker=dokumen.satker))

    response = client.patch(url(dokumen), {"suntingan": dokumen.suntingan}, format="json")

    assert_json(response, 403, {"detail": PESAN_CSRF})


def test_a_token_needs_no_csrf_token(dokumen):
    client = APIClient(enforce_csrf_checks=True)
    token = Token.objects.create(user=OperatorFactory(satker=dokumen.satker))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.patch(url(dokumen), {"suntingan": dokumen.suntingan}, format="json")

    assert response.status_code == 200


# -- 404, 405, 406 ---------------------------------------------------------------------------


def test_it_answers_a_document_out_of_reach_as_not_found(dokumen):
    orang_lain = APIClient()
    orang_lain.force_authenticate(OperatorFactory())

    assert_json(orang_lain.get(url(dokumen)), 404, {"detail": "Dokumen tidak ditemukan."})


def test_it_answers_an_unknown_verification_code_in_indonesian(db):
    response = APIClient().get("/api/v1/verifikasi/tidak-ada/")

    assert_json(response, 404, {"detail": PESAN_KODE_TIDAK_DIKENAL})


def test_it_answers_a_page_past_the_end_as_not_found(operator):
    assert_json(operator.get("/api/v1/dokumen/?page=99"), 404, {"detail": "Halaman tidak ada."})


@pytest.mark.parametrize(
    "alamat", ["/api/v1/tidak-ada/", "/api/v1/dokumen/abc/", "/api/v2/dokumen/", "/api/"]
)
@pytest.mark.parametrize("metode", ["get", "post", "delete", "options"])
def test_an_unknown_address_under_api_is_a_json_404_for_anyone(db, alamat, metode):
    response = getattr(APIClient(), metode)(alamat, HTTP_ACCEPT="text/html")

    assert_json(response, 404, {"detail": PESAN_ALAMAT_TIDAK_DIKENAL})


def test_it_answers_a_method_an_endpoint_lacks_with_a_405(operator):
    response = operator.delete("/api/v1/dokumen/")

    assert_json(response, 405, {"detail": 'Metode "DELETE" tidak diizinkan.'})


def test_it_answers_an_accept_header_it_cannot_meet_with_a_406(operator):
    response = operator.get("/api/v1/dokumen/", HTTP_ACCEPT="image/png")

    assert_json(
        response, 406, {"detail": "Permintaan dengan header Accept ini tidak dapat dipenuhi."}
    )


# -- 409, 413, 415 ---------------------------------------------------------------------------


def test_it_answers_a_stale_suntingan_with_a_409(operator, dokumen):
    response = operator.patch(
        url(dokumen), {"suntingan": dokumen.suntingan - 1, "tempat_ttd": "Lama"}, format="json"
    )

    assert_json(response, 409, {"detail": PESAN_KONFLIK})


def test_it_answers_a_change_to_a_submitted_document_with_a_409(operator, dokumen):
    diajukan = ke_status(dokumen, "DIAJUKAN")

    response = operator.patch(url(diajukan), {"suntingan": diajukan.suntingan}, format="json")

    assert_json(response, 409, {"detail": PESAN_BUKAN_DRAF})


def test_it_answers_a_workflow_step_not_possible_now_with_the_reason(operator, dokumen):
    diajukan = ke_status(dokumen, "DIAJUKAN")

    response = operator.post(url(diajukan, "ajukan"), {}, format="json")

    assert response.status_code == 409
    assert response["Content-Type"] == JSON
    assert set(response.json()) == {"detail"}
    assert "berstatus diajukan" in response.json()["detail"]


def test_it_answers_an_oversized_body_with_a_413(operator, dokumen, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000

    response = operator.patch(
        url(dokumen), {"suntingan": dokumen.suntingan, "alamat": "x" * 2_000}, format="json"
    )

    assert_json(response, 413, {"detail": "Isian terlalu besar."})


def test_a_body_django_refused_itself_is_a_413_too():
    response = penangan_galat(RequestDataTooBig("terlalu besar"), {})

    assert (response.status_code, response.data) == (413, {"detail": "Isian terlalu besar."})


def test_it_answers_a_form_encoded_body_with_a_415(operator, dokumen):
    response = operator.patch(
        url(dokumen), "suntingan=1", content_type="application/x-www-form-urlencoded"
    )

    assert_json(
        response,
        415,
        {
            "detail": 'Jenis media "application/x-www-form-urlencoded" dalam permintaan ini '
            "tidak didukung."
        },
    )


# -- 429 -------------------------------------------------------------------------------------


@pytest.mark.urls(__name__)
def test_a_throttled_request_is_a_429_in_indonesian_with_retry_after(db):
    client = APIClient()
    assert client.get("/api/v1/uji-batas/").status_code == 200

    response = client.get("/api/v1/uji-batas/")

    assert response.status_code == 429
    assert response["Content-Type"] == JSON
    detail = response.json()["detail"]
    assert detail == f"Terlalu banyak permintaan. Coba lagi dalam {response['Retry-After']} detik."
    assert 0 < int(response["Retry-After"]) <= 60


def test_the_wait_is_rounded_up_to_whole_seconds():
    response = penangan_galat(exceptions.Throttled(wait=3.2), {})

    assert response.status_code == 429
    assert response.data == {"detail": "Terlalu banyak permintaan. Coba lagi dalam 4 detik."}
    assert response["Retry-After"] == "4"
    assert penangan_galat(Dibatasi(), {}).data == {"detail": "Terlalu banyak permintaan."}


# -- 500 -------------------------------------------------------------------------------------


def test_an_unexpected_exception_is_left_to_the_server_error_page():
    assert penangan_galat(RuntimeError("tak terduga"), {}) is None


@pytest.mark.urls(__name__)
def test_an_unexpected_exception_in_an_api_view_is_the_json_500_with_the_incident_code(db, caplog):
    response = Client(raise_request_exception=False).get("/api/v1/uji-meledak/")

    kode = response[HEADER_ID]
    assert_json(response, 500, {"detail": PESAN_API, "kode_kejadian": kode})
    [catatan] = [
        r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR
    ]
    assert catatan.request_id == kode
    assert catatan.exc_info is not None
