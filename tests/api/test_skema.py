"""The OpenAPI schema and the interactive docs, served offline."""

import re

import pytest
import yaml
from django.core.management import call_command
from django.test import Client


@pytest.mark.django_db
def test_the_schema_is_openapi_3_and_describes_every_endpoint():
    response = Client().get("/api/schema/")

    assert response.status_code == 200
    skema = yaml.safe_load(response.content)
    assert skema["openapi"].startswith("3.")
    assert skema["info"]["title"] == "KPU Kinerja API"
    assert set(skema["paths"]) == {
        "/api/v1/satker/",
        "/api/v1/satker/{kode}/",
        "/api/v1/dokumen/",
        "/api/v1/dokumen/{id}/",
        "/api/v1/dokumen/{id}/ajukan/",
        "/api/v1/dokumen/{id}/setujui/",
        "/api/v1/dokumen/{id}/kembalikan/",
        "/api/v1/dokumen/{id}/terbitkan/",
        "/api/v1/dokumen/{id}/tandatangani/",
        "/api/v1/dokumen/{id}/revisi/",
        "/api/v1/dokumen/{id}/pdf/",
        "/api/v1/verifikasi/{token}/",
        "/api/v1/realisasi/{kode}/{tahun}/{tw}/",
        "/api/v1/realisasi-kegiatan/{kode}/{tahun}/{tw}/",
        "/api/v1/laporan-triwulan/{kode}/{tahun}/{tw}/",
        "/api/v1/laporan-triwulan/{kode}/{tahun}/{tw}/ajukan/",
        "/api/v1/laporan-triwulan/{kode}/{tahun}/{tw}/setujui/",
        "/api/v1/laporan-triwulan/{kode}/{tahun}/{tw}/kembalikan/",
        "/api/v1/laporan-triwulan/{kode}/{tahun}/{tw}/tandai-bukti/",
        "/api/v1/laporan-triwulan/{kode}/{tahun}/{tw}/buka-kembali/",
        "/api/v1/bukti/",
        "/api/v1/bukti/{id}/",
        "/api/v1/bukti/{id}/unduh/",
    }
    assert set(skema["paths"]["/api/v1/dokumen/{id}/"]["delete"]["responses"]) >= {"204", "409"}
    pdf = skema["paths"]["/api/v1/dokumen/{id}/pdf/"]["get"]["responses"]["200"]
    assert list(pdf["content"]) == ["application/pdf"]
    assert set(skema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}


@pytest.mark.django_db
def test_the_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml")


@pytest.mark.django_db
def test_the_docs_load_their_assets_from_our_own_static_files(settings):
    response = Client().get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    for cdn in ("cdn", "unpkg", "jsdelivr", "http://", "https://"):
        assert cdn not in html.lower()
    aset = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in aset
    aset.remove("/api/docs/?script=")  # the start-up script, a file of its own for the CSP
    for alamat in aset:
        assert alamat.startswith("/" + settings.STATIC_URL.lstrip("/"))
        assert Client().get(alamat).status_code == 200, alamat
