"""GET /api/v1/, the API root (DRF DefaultRouter's): a map of every list endpoint to its
absolute URL, for signed-in clients like the endpoints it lists; every earlier path and name
still works.
"""

from urllib.parse import urlsplit

import pytest
import yaml
from django.test import Client
from django.urls import resolve, reverse
from rest_framework.test import APIClient

from kpu_kinerja.api_galat import PESAN_ALAMAT_TIDAK_DIKENAL
from kpu_kinerja.api_urls import router
from tests.factories import OperatorFactory


@pytest.fixture
def operator(db):
    client = APIClient()
    client.force_authenticate(OperatorFactory())
    return client


def test_it_lists_every_list_endpoint_by_its_absolute_url(operator):
    response = operator.get("/api/v1/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "satker": "http://testserver/api/v1/satker/",
        "dokumen": "http://testserver/api/v1/dokumen/",
        "bukti": "http://testserver/api/v1/bukti/",
    }
    assert set(response.json()) == {prefix for prefix, _, _ in router.registry}


def test_every_listed_url_resolves_and_answers(operator):
    for nama, alamat in operator.get("/api/v1/").json().items():
        jalur = urlsplit(alamat).path

        assert resolve(jalur).url_name == f"{nama}-list"
        assert operator.get(jalur).status_code == 200, jalur


def test_it_needs_credentials_like_the_endpoints_it_lists(db):
    response = APIClient().get("/api/v1/")

    assert response.status_code == 401
    assert response.json() == {"detail": "Data autentikasi tidak diberikan."}
    assert response["WWW-Authenticate"] == "Token"


def test_it_only_reads(operator):
    response = operator.post("/api/v1/", {}, format="json")

    assert response.status_code == 405
    assert response.json() == {"detail": 'Metode "POST" tidak diizinkan.'}


def test_without_the_trailing_slash_it_redirects_to_the_root(db):
    response = Client().get("/api/v1")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/"


def test_every_earlier_path_and_name_stays():
    assert reverse("api:api-root") == "/api/v1/"
    assert reverse("api:satker-list") == "/api/v1/satker/"
    assert reverse("api:satker-detail", args=["kab-lebak"]) == "/api/v1/satker/kab-lebak/"
    assert reverse("api:dokumen-list") == "/api/v1/dokumen/"
    assert reverse("api:dokumen-detail", args=[7]) == "/api/v1/dokumen/7/"
    for aksi in ("ajukan", "setujui", "kembalikan", "terbitkan", "revisi", "pdf"):
        assert reverse(f"api:dokumen-{aksi}", args=[7]) == f"/api/v1/dokumen/7/{aksi}/"
    assert reverse("api:verifikasi", args=["abc"]) == "/api/v1/verifikasi/abc/"


def test_there_are_no_format_suffix_routes(operator):
    response = operator.get("/api/v1/dokumen.json/")

    assert response.status_code == 404
    assert response.json() == {"detail": PESAN_ALAMAT_TIDAK_DIKENAL}


@pytest.mark.django_db
def test_the_root_is_not_an_operation_of_the_schema():
    skema = yaml.safe_load(Client().get("/api/schema/").content)

    assert "/api/v1/" not in skema["paths"]
    assert all(jalur.startswith("/api/v1/") for jalur in skema["paths"])
