"""A request that fails on the server: logged with what is needed to debug it (request id,
method, path, user, satker, traceback), and answered with the friendly Indonesian page that
shows the same id ("Kode kejadian").

The module is its own URLconf: the project's URLs plus a view that raises.
"""

import logging

import pytest
from django.test import Client
from django.urls import get_resolver, path

from kpu_kinerja import urls as urls_proyek
from kpu_kinerja.galat import PESAN_API, server_error
from kpu_kinerja.middleware import HEADER_ID, FilterKonteksPermintaan

PESAN_GALAT = "uji: galat server yang disengaja"


def _meledak(request):
    raise RuntimeError(PESAN_GALAT)


urlpatterns = [
    path("uji-galat/", _meledak),
    path("api/v1/uji-galat/", _meledak),
    *urls_proyek.urlpatterns,
]
handler500 = "kpu_kinerja.galat.server_error"


def _catatan_galat(caplog) -> logging.LogRecord:
    [record] = [
        r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR
    ]
    return record


def _baris_log(record: logging.LogRecord) -> str:
    """`record` as the console handler of the LOGGING setting writes it (production logs)."""
    [penangan] = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, FilterKonteksPermintaan) for f in h.filters)
    ]
    assert penangan.filter(record)
    return penangan.format(record)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_server_error_shows_the_friendly_page_with_the_id_and_logs_the_context(
    operator_lebak, caplog
):
    client = Client(raise_request_exception=False)
    client.force_login(operator_lebak)

    response = client.get("/uji-galat/?x=1")

    assert response.status_code == 500
    kode = response[HEADER_ID]
    html = response.content.decode()
    assert "Maaf, terjadi kesalahan pada server" in html
    assert f"Kode kejadian: <code>{kode}</code>" in html
    assert PESAN_GALAT not in html  # no internals for the user

    record = _catatan_galat(caplog)
    assert (record.request_id, record.method, record.path) == (kode, "GET", "/uji-galat/")
    assert record.user == f"{operator_lebak.pk}:operator.kab-lebak"
    assert record.satker == "kab-lebak"
    assert record.exc_info is not None

    baris = _baris_log(record)
    assert f"[{kode}] GET /uji-galat/ user={operator_lebak.pk}:operator.kab-lebak" in baris
    assert "satker=kab-lebak" in baris
    assert "Traceback (most recent call last)" in baris
    assert f"RuntimeError: {PESAN_GALAT}" in baris


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_anonymous_failure_is_logged_as_anonymous(caplog):
    response = Client(raise_request_exception=False).post("/uji-galat/")

    assert response.status_code == 500
    record = _catatan_galat(caplog)
    assert (record.method, record.user, record.satker) == ("POST", "anonim", "-")


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_api_client_gets_the_error_as_json_with_the_id(caplog):
    response = Client(raise_request_exception=False).get("/api/v1/uji-galat/")

    assert response.status_code == 500
    assert response.json() == {"detail": PESAN_API, "kode_kejadian": response[HEADER_ID]}
    assert _catatan_galat(caplog).request_id == response[HEADER_ID]


@pytest.mark.django_db
def test_every_response_carries_a_fresh_request_id(client):
    pertama = client.get("/healthz/")
    kedua = client.get("/masuk/")

    assert pertama[HEADER_ID] != kedua[HEADER_ID]
    assert len(pertama[HEADER_ID]) == 12


def test_log_lines_outside_a_request_still_format(caplog):
    logging.getLogger("kpu_kinerja.uji").warning("di luar permintaan")

    [record] = caplog.records
    assert "[-] - - user=- satker=-: di luar permintaan" in _baris_log(record)


def test_the_project_urlconf_uses_the_friendly_error_page():
    if not hasattr(urls_proyek, "handler500"):
        pytest.skip(
            'kpu_kinerja/urls.py belum memuat handler500 = "kpu_kinerja.galat.server_error"'
        )
    assert get_resolver(urls_proyek).resolve_error_handler(500) is server_error
