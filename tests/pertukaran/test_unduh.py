"""Downloading a document's .xlsx and the progress matrix's: the one access rule, the file's
type and name, and a number of queries that does not grow with the rows."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from pertukaran.views import JENIS_XLSX
from tests.conftest import dokumen_seed
from tests.factories import KabKotaFactory, RakFactory, sasaran_rak


def url(dokumen) -> str:
    return reverse("pertukaran:dokumen-xlsx", args=[dokumen.pk])


@pytest.mark.django_db
def test_it_serves_the_own_satkers_document_as_an_xlsx_attachment(
    client, operator_lebak, rak_lebak
):
    client.force_login(operator_lebak)

    response = client.get(url(rak_lebak))

    assert response.status_code == 200
    assert response["Content-Type"] == JENIS_XLSX
    assert response["Content-Disposition"] == (
        'attachment; filename="draf-kab-lebak-rak-2024-v1.xlsx"'
    )
    assert load_workbook(io.BytesIO(response.content)).active.title == "RAK"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("operator_lebak", 200),
        ("ketua_lebak", 200),
        ("operator_serang", 404),
        ("reviewer_banten", 200),
        ("reviewer_kaltim", 404),
        ("admin_ri", 200),
    ],
)
def test_it_answers_as_the_access_rule_says(client, request, rkt_lebak, persona, status):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url(rkt_lebak)).status_code == status


@pytest.mark.django_db
def test_a_visitor_is_sent_to_login(client, rkt_lebak):
    response = client.get(url(rkt_lebak))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_the_document_page_offers_the_excel_download_beside_the_pdf(client, operator_lebak):
    iku = dokumen_seed("kab-lebak", "IKU")
    client.force_login(operator_lebak)

    html = client.get(reverse("dokumen:detail", args=[iku.pk])).content.decode()

    assert f'href="{url(iku)}"' in html
    assert html.index('id="tombol-pdf"') < html.index('id="tombol-xlsx"')
    assert "Unduh Excel" in html


def _jumlah_query(client, dokumen) -> int:
    with CaptureQueriesContext(connection) as konteks:
        assert client.get(url(dokumen)).status_code == 200
    return len(konteks.captured_queries)


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_rows(client, admin_ri):
    satker = KabKotaFactory()
    kecil = RakFactory(satker=satker, tahun=2030, baris=sasaran_rak(1, 1))
    besar = RakFactory(satker=satker, tahun=2031, baris=sasaran_rak(8, 6))
    client.force_login(admin_ri)
    _jumlah_query(client, kecil)  # the session and the user are read once, then cached

    assert _jumlah_query(client, besar) == _jumlah_query(client, kecil)


def url_kemajuan(**param) -> str:
    kueri = "&".join(f"{k}={v}" for k, v in param.items())
    return reverse("pertukaran:kemajuan-xlsx") + (f"?{kueri}" if kueri else "")


@pytest.mark.django_db
def test_the_reviewer_downloads_the_matrix_of_their_provinsi(client, reviewer_banten):
    client.force_login(reviewer_banten)

    response = client.get(url_kemajuan(tahun=2024))

    assert response.status_code == 200
    assert response["Content-Type"] == JENIS_XLSX
    assert response["Content-Disposition"] == 'attachment; filename="kemajuan-semua-2024.xlsx"'
    ws = load_workbook(io.BytesIO(response.content)).active
    teks = {sel.value for baris in ws.iter_rows() for sel in baris if sel.value}
    assert "KEMAJUAN DOKUMEN KINERJA TAHUN 2024" in teks
    assert {"KPU Kabupaten Lebak", "KPU Kota Serang"} <= teks
    assert "KPU Kabupaten Kutai Barat" not in teks
    kepala = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Satker")
    assert [ws.cell(kepala, c).value for c in range(2, 6)] == ["IKU", "RKT", "RAK", "PK"]
    lebak = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "KPU Kabupaten Lebak"
    )
    assert ws.cell(lebak, 2).value == "Draf"


@pytest.mark.django_db
def test_another_provinsi_is_a_404_and_a_non_reviewer_a_403(
    client, reviewer_banten, reviewer_kaltim, operator_lebak
):
    client.force_login(reviewer_kaltim)
    assert client.get(url_kemajuan(provinsi="prov-banten")).status_code == 404
    client.force_login(reviewer_banten)
    response = client.get(url_kemajuan(provinsi="prov-banten", tahun=2024))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="kemajuan-prov-banten-2024.xlsx"'
    )
    client.force_login(operator_lebak)
    assert client.get(url_kemajuan()).status_code == 403


@pytest.mark.django_db
def test_the_progress_page_offers_the_excel_download(client, reviewer_banten):
    client.force_login(reviewer_banten)

    html = client.get(reverse("admin:dokumen_dokumen_kemajuan") + "?tahun=2024").content.decode()

    assert f'href="{reverse("pertukaran:kemajuan-xlsx")}?tahun=2024"' in html
