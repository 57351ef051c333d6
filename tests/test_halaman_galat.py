"""The error pages are the site's own, in Indonesian, under `make run` (DEBUG on) too, and a
form whose CSRF token failed says so in Indonesian.

The module is its own URLconf: the project's URLs plus a view that raises.
"""

import pytest
from django.test import Client
from django.urls import path

from dokumen.models import Dokumen
from kpu_kinerja import urls as urls_proyek
from kpu_kinerja.galat import PESAN_CSRF
from kpu_kinerja.middleware import HEADER_ID


def _meledak(request):
    raise RuntimeError("uji: galat server yang disengaja")


urlpatterns = [path("uji-galat/", _meledak), *urls_proyek.urlpatterns]
handler500 = "kpu_kinerja.galat.server_error"


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.HALAMAN_GALAT_TEKNIS = False
    return settings


@pytest.mark.django_db
@pytest.mark.urls(__name__)
class TestDenganDebug:
    def test_an_unknown_address_is_the_sites_404_page(self, client, debug, operator_lebak):
        client.force_login(operator_lebak)
        response = client.get("/tidak-ada-alamat-ini/")
        html = response.content.decode()
        assert response.status_code == 404
        assert "Halaman atau dokumen tidak ditemukan" in html
        assert "Page not found" not in html
        assert "Kembali ke beranda" in html

    def test_another_satkers_document_is_the_sites_404_page(self, client, debug, operator_serang):
        lebak = Dokumen.objects.filter(satker__kode="kab-lebak").first()
        client.force_login(operator_serang)
        response = client.get(f"/dokumen/{lebak.pk}/")
        assert response.status_code == 404
        assert "Halaman atau dokumen tidak ditemukan" in response.content.decode()

    def test_a_server_error_is_the_sites_500_page_with_the_incident_code(self, debug):
        client = Client(raise_request_exception=False)
        response = client.get("/uji-galat/")
        html = response.content.decode()
        assert response.status_code == 500
        assert "Traceback" not in html
        assert response[HEADER_ID] in html

    def test_the_api_keeps_its_json_404(self, client, debug, operator_lebak):
        client.force_login(operator_lebak)
        response = client.get("/api/v1/tidak-ada/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")

    def test_a_developer_can_ask_for_djangos_technical_pages(self, client, debug):
        debug.HALAMAN_GALAT_TEKNIS = True
        response = client.get("/tidak-ada-alamat-ini/")
        assert response.status_code == 404
        assert "Using the URLconf" in response.content.decode()


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_an_indonesian_page(operator_lebak):
    client = Client(enforce_csrf_checks=True)
    client.force_login(operator_lebak)
    response = client.post("/keluar/")
    html = response.content.decode()
    assert response.status_code == 403
    assert PESAN_CSRF in html
    assert "CSRF verification failed" not in html
