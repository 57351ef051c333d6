"""The provinsi matrix: each satker × TW's status (late included) and capaian, the counts,
the filters, the access rule (another provinsi is a 404, KPU RI sees all), constant queries."""

from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pengukuran.jendela import StatusTw
from pengukuran.models import JendelaPelaporan, LaporanTriwulan, StatusLaporan
from pengukuran.rekap import Saringan, rekap_nasional, rekap_provinsi
from satker.models import Satker
from tests.factories import ProvinsiFactory
from tests.pengukuran.data_rekap import TGL, isi, n, pecahan, satker_ber_pk

pytestmark = pytest.mark.django_db
HARI = TGL(2024, 12, 20)  # TW I–III ended


@pytest.fixture
def provinsi():
    return ProvinsiFactory(nama="KPU Provinsi Uji Matriks")


@pytest.fixture
def dua(provinsi, admin_ri):
    a, pk_a, (jumlah_a, persen_a) = satker_ber_pk(provinsi, "KPU Kabupaten Alfa")
    b, pk_b, _ = satker_ber_pk(provinsi, "KPU Kabupaten Beta")
    isi(pk_a, 1, {jumlah_a: n(3), persen_a: pecahan(45, 50)}, admin_ri, StatusLaporan.DISETUJUI)
    isi(pk_a, 2, {jumlah_a: n(2)}, admin_ri, StatusLaporan.DIAJUKAN)
    isi(pk_a, 3, {jumlah_a: n(1)}, admin_ri)
    return a, b


def _sel(rekap, kode):
    return next(b for b in rekap.baris if b.satker.kode == kode).sel


def test_it_shows_each_quarters_status_and_capaian(provinsi, dua):
    a, b = dua
    rekap = rekap_provinsi(provinsi, 2024, hari=HARI)

    sel_a = _sel(rekap, a.kode)
    assert [s.status for s in sel_a] == [
        StatusTw.DISETUJUI,
        StatusTw.DIAJUKAN,
        StatusTw.DRAF,
        StatusTw.BELUM_MULAI,
    ]
    # TW I: 3 ÷ 3 = 100 % and 90 ÷ 92 = 97,83 %: mean 98,91 %, one met.
    assert sel_a[0].rata_rata.quantize(D("0.01")) == D("98.91")
    assert (sel_a[0].tercapai, sel_a[0].terukur) == (1, 2)
    # TW II: cumulative 5 ÷ 6; the percentage's last filled quarter (TW I) 90 ÷ 92.
    assert sel_a[1].terukur == 2
    assert [s.status for s in _sel(rekap, b.kode)] == [StatusTw.BELUM_MULAI] * 4
    assert _sel(rekap, b.kode)[0].rata_rata is None


def test_it_marks_an_unsubmitted_quarter_late_after_its_window(provinsi, dua, admin_ri):
    a, b = dua
    JendelaPelaporan.objects.create(
        tahun=2024,
        tw=3,
        dibuka=TGL(2024, 10, 1),
        ditutup=TGL(2024, 10, 15),
        ditetapkan_oleh=admin_ri,
    )
    rekap = rekap_provinsi(provinsi, 2024, hari=HARI)

    assert _sel(rekap, a.kode)[2].status == StatusTw.TERLAMBAT  # a draft
    assert _sel(rekap, b.kode)[2].status == StatusTw.TERLAMBAT  # not started
    assert rekap.jumlah_per_tw[2].per_status == {StatusTw.TERLAMBAT: 2}


def test_it_counts_per_status_and_quarter(provinsi, dua):
    rekap = rekap_provinsi(provinsi, 2024, hari=HARI)

    assert rekap.jumlah_per_tw[0].per_status == {StatusTw.DISETUJUI: 1, StatusTw.BELUM_MULAI: 1}
    assert rekap.jumlah_per_tw[1].per_status == {StatusTw.DIAJUKAN: 1, StatusTw.BELUM_MULAI: 1}
    assert rekap.jumlah_semua.per_status[StatusTw.BELUM_MULAI] == 5
    assert rekap.jumlah_satker == 2


@pytest.mark.parametrize(
    ("data", "nama"),
    [
        ({"status": "disetujui"}, ["KPU Kabupaten Alfa"]),
        ({"status": "draf", "tw": "1"}, []),
        ({"status": "draf", "tw": "3"}, ["KPU Kabupaten Alfa"]),
        ({"status": "belum mulai", "tw": "1"}, ["KPU Kabupaten Beta"]),
        ({"nama": "  beta "}, ["KPU Kabupaten Beta"]),
        ({"status": "bukan-status", "tw": "9"}, ["KPU Kabupaten Alfa", "KPU Kabupaten Beta"]),
    ],
)
def test_it_filters_by_status_quarter_and_name(provinsi, dua, data, nama):
    rekap = rekap_provinsi(provinsi, 2024, Saringan.dari(data), hari=HARI)

    assert [b.satker.nama for b in rekap.baris] == nama
    assert rekap.jumlah_satker == 2  # the counts stay the provinsi's


def test_the_banten_reviewer_sees_lebaks_submitted_report(client, reviewer_banten, admin_ri):
    banten = Satker.objects.get(kode="prov-banten")
    lebak, pk, (jumlah, persen) = satker_ber_pk(banten, "KPU Kabupaten Lebak Uji", tahun=2025)
    isi(pk, 1, {jumlah: n(3), persen: n(92)}, admin_ri, StatusLaporan.DIAJUKAN)
    isi(pk, 2, {jumlah: n(3), persen: n(93)}, admin_ri, StatusLaporan.DISETUJUI)
    client.force_login(reviewer_banten)

    response = client.get(reverse("pengukuran:rekap", args=["prov-banten", 2025]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-satker="' + lebak.kode + '"' in html
    assert 'data-tw="1" data-status="diajukan"' in html
    assert 'data-tw="2" data-status="disetujui"' in html
    assert reverse("pengukuran:triwulan", args=[lebak.kode, 2025, 1]) in html


def test_another_provinsis_reviewer_gets_404(client, reviewer_kaltim):
    client.force_login(reviewer_kaltim)

    response = client.get(reverse("pengukuran:rekap", args=["prov-banten", 2024]))

    assert response.status_code == 404


def test_a_satker_operator_gets_404_for_its_provinsi_and_the_nation(client, operator_lebak):
    client.force_login(operator_lebak)

    assert client.get(reverse("pengukuran:rekap", args=["prov-banten", 2024])).status_code == 404
    assert client.get(reverse("pengukuran:rekap-nasional", args=[2024])).status_code == 404


def test_kpu_ri_sees_every_provinsi(client, admin_ri, provinsi, dua):
    client.force_login(admin_ri)

    nasional = client.get(reverse("pengukuran:rekap-nasional", args=[2024]))
    banten = client.get(reverse("pengukuran:rekap", args=["prov-banten", 2024]))
    uji = client.get(reverse("pengukuran:rekap", args=[provinsi.kode, 2024]))

    assert (nasional.status_code, banten.status_code, uji.status_code) == (200, 200, 200)
    assert f'data-provinsi="{provinsi.kode}"' in nasional.content.decode()
    assert 'data-provinsi="prov-banten"' in nasional.content.decode()


def test_the_national_counts_group_by_provinsi(admin_ri, provinsi, dua):
    ringkas = {r.provinsi.pk: r for r in rekap_nasional(admin_ri, 2024, hari=HARI)}

    uji = ringkas[provinsi.pk]
    assert uji.jumlah_satker == 2
    assert uji.jumlah_per_tw[0].per_status == {StatusTw.DISETUJUI: 1, StatusTw.BELUM_MULAI: 1}


def test_the_entry_redirects_by_role(client, reviewer_banten, admin_ri):
    client.force_login(reviewer_banten)
    tujuan = client.get(reverse("pengukuran:rekap-awal") + "?tahun=2024")
    assert tujuan.url == reverse("pengukuran:rekap", args=["prov-banten", 2024])
    client.force_login(admin_ri)
    tujuan = client.get(reverse("pengukuran:rekap-awal") + "?tahun=2024")
    assert tujuan.url == reverse("pengukuran:rekap-nasional", args=[2024])


def _hitung_kueri(fungsi) -> int:
    with CaptureQueriesContext(connection) as kueri:
        fungsi()
    return len(kueri.captured_queries)


def _provinsi_dengan(jumlah_satker, jumlah_indikator, oleh):
    provinsi = ProvinsiFactory()
    for _ in range(jumlah_satker):
        _, pk, daftar = satker_ber_pk(provinsi, indikator=jumlah_indikator)
        isi(pk, 1, {i: n(3) for i in daftar}, oleh)
    return provinsi


def test_the_matrix_costs_the_same_queries_for_2_or_6_satker_and_2_or_10_indicators(admin_ri):
    kecil = _provinsi_dengan(2, 2, admin_ri)
    besar = _provinsi_dengan(6, 10, admin_ri)

    sedikit = _hitung_kueri(lambda: rekap_provinsi(kecil, 2024, hari=HARI))
    banyak = _hitung_kueri(lambda: rekap_provinsi(besar, 2024, hari=HARI))

    assert sedikit == banyak == 14  # 5 for the version, 9 to build


def test_the_page_costs_a_constant_number_of_queries(client, admin_ri, django_assert_num_queries):
    kecil = _provinsi_dengan(2, 2, admin_ri)
    besar = _provinsi_dengan(6, 10, admin_ri)
    client.force_login(admin_ri)
    client.get(reverse("pengukuran:rekap", args=[kecil.kode, 2024]))  # session warmed
    cache.clear()  # both built cold: the roll-up's cache is tested in test_rollup

    url_kecil = reverse("pengukuran:rekap", args=[kecil.kode, 2024])
    sedikit = _hitung_kueri(lambda: client.get(url_kecil))
    with django_assert_num_queries(sedikit):
        response = client.get(reverse("pengukuran:rekap", args=[besar.kode, 2024]))
    assert response.status_code == 200


def test_the_admin_matrix_is_scoped_like_the_site(client, reviewer_banten, reviewer_kaltim):
    url = reverse("admin:pengukuran_laporantriwulan_rekap")
    client.force_login(reviewer_banten)

    sendiri = client.get(url + "?tahun=2024")
    client.force_login(reviewer_kaltim)
    lain = client.get(url + "?tahun=2024&provinsi=prov-banten")

    assert sendiri.status_code == 200
    assert 'id="matriks-pengukuran"' in sendiri.content.decode()
    assert 'data-satker="kab-lebak"' in sendiri.content.decode()
    assert lain.status_code == 404


def test_kpu_ri_gets_the_provinsi_list_in_the_admin(client, admin_ri):
    client.force_login(admin_ri)

    response = client.get(reverse("admin:pengukuran_laporantriwulan_rekap") + "?tahun=2024")

    assert response.status_code == 200
    assert 'data-provinsi="prov-banten"' in response.content.decode()


def test_the_home_pages_link_to_the_matrix(client, reviewer_banten, admin_ri):
    for user in (reviewer_banten, admin_ri):
        client.force_login(user)
        assert reverse("pengukuran:rekap-awal") in client.get(reverse("beranda")).content.decode()


def test_the_matrix_is_cached_until_a_report_changes(provinsi, dua, admin_ri):
    a, _ = dua
    rekap_provinsi(provinsi, 2024, hari=HARI)

    assert _hitung_kueri(lambda: rekap_provinsi(provinsi, 2024, hari=HARI)) == 5  # the version
    laporan = a.laporan_triwulan.get(tw=3)
    LaporanTriwulan.objects.filter(pk=laporan.pk).update(status=StatusLaporan.DIAJUKAN)
    LaporanTriwulan.objects.filter(pk=laporan.pk).update(suntingan=laporan.suntingan + 1)

    assert _sel(rekap_provinsi(provinsi, 2024, hari=HARI), a.kode)[2].status == StatusTw.DIAJUKAN
