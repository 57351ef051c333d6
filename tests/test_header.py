"""Security headers: a Content-Security-Policy without inline scripts on every page, a
Permissions-Policy, and `Cache-Control: private, no-store` on documents, PDFs and the API.

The pages are the real ones, rendered for the personas; "no inline script" is checked by
parsing their HTML (a <script> must load a file, or be a JSON data block, and no element may
carry an on… handler or a javascript: address).
"""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from ekspor.models import EksporBatch
from satker.models import Satker
from tests.conftest import dokumen_seed

MASUK = reverse("login")


class _Skrip(HTMLParser):
    """Collects what would run inline: script bodies, event handler attributes, js: links."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.berkas: list[str] = []
        self._dalam_skrip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        atribut = dict(attrs)
        for nama, nilai in attrs:
            if nama.startswith("on"):
                self.inline.append(f"<{tag} {nama}={nilai!r}>")
            if nama in ("href", "src", "action") and (nilai or "").strip().lower().startswith(
                "javascript:"
            ):
                self.inline.append(f"<{tag} {nama}={nilai!r}>")
        if tag == "script":
            if atribut.get("src"):
                self.berkas.append(atribut["src"])
            elif atribut.get("type") != "application/json":
                self._dalam_skrip = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._dalam_skrip = False

    def handle_data(self, data: str) -> None:
        if self._dalam_skrip:
            self.inline.append(data.strip()[:200] or "<script></script>")


def skrip(response) -> _Skrip:
    pengurai = _Skrip()
    pengurai.feed(response.content.decode())
    return pengurai


def direktif_csp(response) -> dict[str, list[str]]:
    hasil = {}
    for bagian in response["Content-Security-Policy"].split(";"):
        nama, *nilai = bagian.split()
        hasil[nama] = nilai
    return hasil


def assert_csp_ketat(response) -> None:
    csp = direktif_csp(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def assert_tanpa_cache(response) -> None:
    nilai = {v.strip() for v in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= nilai, response["Cache-Control"]


def assert_permissions_policy(response) -> None:
    fitur = {v.strip() for v in response["Permissions-Policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"} <= fitur


@pytest.fixture
def operator(client, operator_lebak) -> Client:
    client.force_login(operator_lebak)
    return client


@pytest.mark.django_db
def test_the_login_page_has_the_policies_and_no_inline_script(client):
    response = client.get(MASUK)

    assert response.status_code == 200
    assert_csp_ketat(response)
    assert_permissions_policy(response)
    assert_tanpa_cache(response)
    assert skrip(response).inline == []


@pytest.mark.django_db
def test_a_document_page_is_not_cached_and_runs_no_inline_script(operator):
    response = operator.get(reverse("dokumen:detail", args=[dokumen_seed("kab-lebak", "RAK").pk]))

    assert response.status_code == 200
    assert_csp_ketat(response)
    assert_permissions_policy(response)
    assert_tanpa_cache(response)
    halaman = skrip(response)
    assert halaman.inline == []
    assert "/static/vendor/bootstrap/js/bootstrap.bundle.min.js" in halaman.berkas


@pytest.mark.django_db
def test_the_editor_loads_its_script_from_a_file(operator):
    response = operator.get(reverse("dokumen:ubah", args=[dokumen_seed("kab-lebak", "RAK").pk]))

    assert response.status_code == 200
    halaman = skrip(response)
    assert halaman.inline == []
    assert "/static/js/editor_kelompok.js" in halaman.berkas
    assert "/static/vendor/sortablejs/Sortable.min.js" in halaman.berkas
    assert_tanpa_cache(response)


@pytest.mark.django_db
def test_the_export_page_loads_its_script_from_a_file(client, reviewer_banten):
    batch = EksporBatch.objects.create(
        diminta_oleh=reviewer_banten,
        provinsi=Satker.objects.get(kode="prov-banten"),
        tahun=2024,
        jumlah_total=4,
    )
    client.force_login(reviewer_banten)

    response = client.get(reverse("ekspor:detail", args=[batch.pk]))

    assert response.status_code == 200
    halaman = skrip(response)
    assert halaman.inline == []
    assert "/static/ekspor/kemajuan.js" in halaman.berkas


@pytest.mark.django_db
def test_a_pdf_is_not_cached(operator):
    response = operator.get(reverse("dokumen:pdf", args=[dokumen_seed("kab-lebak", "IKU").pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_tanpa_cache(response)
    assert_permissions_policy(response)


@pytest.mark.django_db
def test_an_api_answer_to_a_token_client_is_not_cached(operator_lebak):
    token = Token.objects.create(user=operator_lebak)
    response = Client().get("/api/v1/dokumen/", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200
    assert_tanpa_cache(response)
    assert_permissions_policy(response)
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_an_anonymous_api_answer_is_not_cached_either(client):
    response = client.get("/api/v1/dokumen/")

    assert response.status_code in (401, 403)
    assert_tanpa_cache(response)


@pytest.mark.django_db
def test_static_files_stay_cacheable(client, operator_lebak):
    client.force_login(operator_lebak)

    response = client.get("/static/css/app.css")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    response.close()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:index"),
        reverse("admin:dokumen_dokumen_changelist"),
        reverse("admin:auth_user_add"),
        "/api/docs/",
        "/api/v1/dokumen/",
    ],
)
def test_admin_and_api_pages_run_no_inline_script(client, admin_ri, url):
    client.force_login(admin_ri)

    response = client.get(url, HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert skrip(response).inline == []
    assert_csp_ketat(response)
    assert_tanpa_cache(response)


@pytest.mark.django_db
def test_the_swagger_start_up_script_is_a_file_of_this_site(client):
    halaman = skrip(client.get("/api/docs/"))
    awal = [src for src in halaman.berkas if not src.startswith("/static/")]

    assert awal == ["/api/docs/?script="]
    response = client.get(awal[0])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()
