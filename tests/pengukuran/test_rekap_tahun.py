"""The measurement's year when none is asked for: the newest year with measurement data (a TW
report or a published PK) among the Kab/Kota satker of the user's scope, not past the
calendar's, else this year, for the overview (matrix) and for a satker's own pages; the
year chooser offers every year with data, and the nav's entry follows the same rule."""

import pytest
from django.urls import reverse

from pengukuran.models import StatusLaporan
from pengukuran.rekap import tahun_berdata, tahun_rekap
from satker.models import Peran, Satker
from tests.factories import akun_satker
from tests.pengukuran.bantu_alur import atur_waktu
from tests.pengukuran.data_rekap import isi, n, satker_ber_pk

pytestmark = pytest.mark.django_db
AWAL = reverse("pengukuran:rekap-awal")


@pytest.fixture(autouse=True)
def _hari_ini(monkeypatch):
    atur_waktu(monkeypatch, 2026, 3, 2, 9, 0)


def _banten():
    return Satker.objects.get(kode="prov-banten")


def _kaltim():
    return Satker.objects.get(kode="prov-kalimantan-timur")


def _data(provinsi, tahun, oleh, *, laporan=True):
    _, pk, (jumlah, _persen) = satker_ber_pk(provinsi, tahun=tahun)
    if laporan:
        isi(pk, 1, {jumlah: n(3)}, oleh, StatusLaporan.DIAJUKAN)
    return pk


def test_a_reviewer_opens_on_the_newest_year_with_data_of_their_provinsi(
    client, reviewer_banten, admin_ri
):
    _data(_banten(), 2024, admin_ri)
    client.force_login(reviewer_banten)

    response = client.get(AWAL)

    assert response.status_code == 302
    assert response.url == reverse("pengukuran:rekap", args=["prov-banten", 2024])
    assert client.get(response.url).status_code == 200


def test_a_published_pk_without_reports_is_data_too_and_the_newest_year_wins(
    client, reviewer_banten, admin_ri
):
    _data(_banten(), 2023, admin_ri)
    _data(_banten(), 2025, admin_ri, laporan=False)
    client.force_login(reviewer_banten)

    assert client.get(AWAL).url == reverse("pengukuran:rekap", args=["prov-banten", 2025])


def test_another_provinsis_data_and_years_past_the_calendars_do_not_count(
    client, reviewer_banten, admin_ri
):
    _data(_kaltim(), 2025, admin_ri)
    _data(_banten(), 2027, admin_ri, laporan=False)  # next year's PK, no quarter ended
    client.force_login(reviewer_banten)

    assert client.get(AWAL).url == reverse("pengukuran:rekap", args=["prov-banten", 2026])


def test_without_any_data_it_is_the_calendars_year(client, reviewer_banten):
    client.force_login(reviewer_banten)

    assert client.get(AWAL).url == reverse("pengukuran:rekap", args=["prov-banten", 2026])


def test_kpu_ri_opens_the_national_page_on_the_newest_year_of_any_provinsi(client, admin_ri):
    _data(_kaltim(), 2023, admin_ri)
    _data(_banten(), 2024, admin_ri)
    client.force_login(admin_ri)

    assert client.get(AWAL).url == reverse("pengukuran:rekap-nasional", args=[2024])
    # A provinsi asked for: that provinsi's own newest year.
    ke_kaltim = client.get(AWAL, {"provinsi": "prov-kalimantan-timur"})
    assert ke_kaltim.url == reverse("pengukuran:rekap", args=["prov-kalimantan-timur", 2023])


def test_a_year_asked_for_is_kept(client, reviewer_banten, admin_ri):
    _data(_banten(), 2024, admin_ri)
    client.force_login(reviewer_banten)

    assert client.get(AWAL, {"tahun": 2022}).url == reverse(
        "pengukuran:rekap", args=["prov-banten", 2022]
    )


def test_the_home_pages_link_lands_on_the_year_with_data(client, reviewer_banten, admin_ri):
    _data(_banten(), 2024, admin_ri)
    client.force_login(reviewer_banten)

    assert AWAL in client.get(reverse("beranda")).content.decode()
    response = client.get(AWAL, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("pengukuran:rekap", args=["prov-banten", 2024])
    assert response.context["rekap"].tahun == 2024


def test_the_year_chooser_offers_every_year_with_data(client, reviewer_banten, admin_ri):
    _data(_banten(), 2019, admin_ri)
    client.force_login(reviewer_banten)

    response = client.get(reverse("pengukuran:rekap", args=["prov-banten", 2026]))

    assert 2019 in response.context["pilihan_tahun"]


def test_the_admin_matrix_opens_on_the_same_year(client, reviewer_banten, admin_ri):
    _data(_banten(), 2024, admin_ri)
    client.force_login(reviewer_banten)

    response = client.get(reverse("admin:pengukuran_laporantriwulan_rekap"))

    assert response.status_code == 200
    assert response.context["rekap"].tahun == 2024


def test_the_rule_reads_the_scope_in_one_query(
    django_assert_num_queries, reviewer_banten, admin_ri
):
    banten = _banten()
    for tahun in (2022, 2023, 2024):
        _data(banten, tahun, admin_ri)

    with django_assert_num_queries(1):
        assert tahun_berdata(admin_ri, banten) == [2024, 2023, 2022]
    with django_assert_num_queries(1):
        assert tahun_rekap(reviewer_banten, banten) == 2024


def test_the_navs_entry_takes_a_reviewer_to_the_matrix_of_the_year_with_data(
    client, reviewer_banten, admin_ri
):
    _data(_banten(), 2024, admin_ri)
    client.force_login(reviewer_banten)

    assert reverse("pengukuran:awal") in client.get(reverse("beranda")).content.decode()
    response = client.get(reverse("pengukuran:awal"), follow=True)

    assert [url for url, _ in response.redirect_chain] == [
        AWAL,
        reverse("pengukuran:rekap", args=["prov-banten", 2024]),
    ]
    client.force_login(admin_ri)
    nasional = client.get(reverse("pengukuran:awal"), follow=True)
    assert nasional.redirect_chain[-1][0] == reverse("pengukuran:rekap-nasional", args=[2024])


def test_the_navs_entry_takes_a_satkers_staff_to_their_newest_year_with_data(client, admin_ri):
    pk = _data(_banten(), 2024, admin_ri)
    operator = akun_satker(pk.satker, Peran.OPERATOR)
    client.force_login(operator)

    awal = client.get(reverse("pengukuran:awal"))
    pilih = client.get(reverse("pengukuran:satker", args=[pk.satker.kode]))

    assert awal.url == pilih.url == reverse("pengukuran:tahun", args=[pk.satker.kode, 2024])


def test_a_satker_without_data_opens_on_this_year(client, operator_serang):
    client.force_login(operator_serang)

    response = client.get(reverse("pengukuran:awal"))

    assert response.url == reverse("pengukuran:tahun", args=["kota-serang", 2026])
