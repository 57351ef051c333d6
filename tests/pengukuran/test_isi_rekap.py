"""The provinsi matrix page's body is built once per version of its data and filter
(pengukuran/isi_rekap.py): a second view reads only the version; a filter, a saved figure or
a report step gives the new body at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pengukuran.models import LaporanTriwulan, StatusLaporan
from tests.factories import ProvinsiFactory
from tests.pengukuran.data_rekap import isi, n, satker_ber_pk

pytestmark = pytest.mark.django_db


@pytest.fixture
def provinsi(admin_ri):
    provinsi = ProvinsiFactory(nama="KPU Provinsi Uji Halaman")
    _, pk_a, (jumlah, _) = satker_ber_pk(provinsi, "KPU Kabupaten Alfa")
    satker_ber_pk(provinsi, "KPU Kabupaten Beta")
    isi(pk_a, 1, {jumlah: n(3)}, admin_ri, StatusLaporan.DIAJUKAN)
    return provinsi


def _lihat(client, provinsi, query: str = "") -> tuple[int, str]:
    url = reverse("pengukuran:rekap", args=[provinsi.kode, 2024]) + query
    with CaptureQueriesContext(connection) as kueri:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return len(kueri), html[html.index('id="saring"') :]


def test_the_second_view_reads_only_the_version(client, admin_ri, provinsi):
    client.force_login(admin_ri)

    pertama, html_pertama = _lihat(client, provinsi)
    kedua, html_kedua = _lihat(client, provinsi)

    assert html_kedua == html_pertama
    assert kedua < pertama
    assert kedua <= 12  # request, session and user, the provinsi, the version's five


def test_a_filter_gets_its_own_body(client, admin_ri, provinsi):
    client.force_login(admin_ri)
    _lihat(client, provinsi)

    _, disaring = _lihat(client, provinsi, "?nama=Beta")

    assert 'data-satker="' in disaring
    assert "KPU Kabupaten Beta" in disaring
    assert "KPU Kabupaten Alfa</a>" not in disaring


def test_a_report_step_shows_on_the_next_view(client, admin_ri, provinsi):
    client.force_login(admin_ri)
    _, sebelum = _lihat(client, provinsi)
    laporan = LaporanTriwulan.objects.get(satker__induk=provinsi, tw=1)

    LaporanTriwulan.objects.filter(pk=laporan.pk).update(
        status=StatusLaporan.DISETUJUI, suntingan=laporan.suntingan + 1
    )
    _, sesudah = _lihat(client, provinsi)

    assert 'data-tw="1" data-status="diajukan"' in sebelum
    assert 'data-tw="1" data-status="disetujui"' in sesudah
