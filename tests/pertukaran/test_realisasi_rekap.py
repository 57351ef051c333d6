"""The provinsi's measurement matrix as an .xlsx: what the page shows (its selector, its
filters), the mean capaian as a number, the page's access rule, the page's link."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from pengukuran.models import StatusLaporan
from pertukaran.views import JENIS_XLSX
from tests.factories import ProvinsiFactory, ReviewerFactory
from tests.pengukuran.data_rekap import isi, n, pecahan, satker_ber_pk

pytestmark = pytest.mark.django_db


@pytest.fixture
def provinsi(admin_ri):
    cache.clear()
    provinsi = ProvinsiFactory(nama="KPU Provinsi Uji Matriks")
    _, pk_a, (jumlah_a, persen_a) = satker_ber_pk(provinsi, "KPU Kabupaten Alfa")
    satker_ber_pk(provinsi, "KPU Kabupaten Beta")
    isi(pk_a, 1, {jumlah_a: n(3), persen_a: pecahan(45, 50)}, admin_ri, StatusLaporan.DISETUJUI)
    return provinsi


def _url(provinsi, **saring) -> str:
    url = reverse("pertukaran:rekap-xlsx", args=[provinsi.kode, 2024])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in saring.items()) if saring else "")


def _baris(ws, nama):
    r = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == nama)
    return [ws.cell(row=r, column=c) for c in range(1, 15)]


def test_it_is_the_matrix_the_reviewer_sees(client, provinsi):
    client.force_login(ReviewerFactory(satker=provinsi))

    response = client.get(_url(provinsi))

    assert response.status_code == 200
    assert response["Content-Type"] == JENIS_XLSX
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "REKAP PENGUKURAN KINERJA TAHUN 2024"
    alfa = _baris(ws, "KPU Kabupaten Alfa")
    assert [c.value for c in alfa[1:6]] == [
        2,
        "Disetujui",
        pytest.approx(0.989130, abs=1e-5),
        "1/2",
        "Belum mulai",
    ]
    assert alfa[3].number_format == "0.00%"
    beta = _baris(ws, "KPU Kabupaten Beta")
    assert [c.value for c in beta[2:5]] == ["Belum mulai", None, None]
    # The counts: TW I has one approved and one not started.
    tw1 = next(r for r in range(1, 12) if ws.cell(row=r, column=1).value == "TW I")
    assert [ws.cell(row=tw1, column=c).value for c in range(2, 7)] == [1, 0, 0, 1, 0]
    html = client.get(reverse("pengukuran:rekap", args=[provinsi.kode, 2024])).content.decode()
    assert f'id="rekap-xlsx" href="{_url(provinsi)}"' in html


def test_it_keeps_the_pages_filters(client, provinsi):
    client.force_login(ReviewerFactory(satker=provinsi))

    ws = load_workbook(io.BytesIO(client.get(_url(provinsi, nama="Beta")).content)).active

    nama = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
    assert "KPU Kabupaten Beta" in nama
    assert "KPU Kabupaten Alfa" not in nama


def test_another_provinsis_reviewer_gets_a_404(client, provinsi):
    client.force_login(ReviewerFactory(satker=ProvinsiFactory()))

    assert client.get(_url(provinsi)).status_code == 404
