"""The one planning-year rule (dokumen.tahun) every home page and the progress matrix open on,
the year a reviewer or Admin RI switches to, and Admin RI's provinsi linking to their matrix."""

import datetime
import re
import secrets

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.models import Dokumen, StatusDokumen
from dokumen.tahun import pilihan_tahun, tahun_diminta, tahun_kalender, tahun_perencanaan
from satker.models import Peran
from tests.factories import IkuFactory, KabKotaFactory, RakFactory, RktFactory, akun_satker

pytestmark = pytest.mark.django_db

MATRIKS = reverse("admin:dokumen_dokumen_kemajuan")


def _terbit(dokumen: Dokumen) -> Dokumen:
    """Published without signing (the CheckConstraint wants a hash and a token)."""
    Dokumen.objects.filter(pk=dokumen.pk).update(
        status=StatusDokumen.TERBIT, sha256="a" * 64, token_verifikasi=secrets.token_hex(8)
    )
    return dokumen


def halaman(client, user, url: str = "/", data: dict | None = None):
    client.force_login(user)
    response = client.get(url, data)
    assert response.status_code == 200
    return response, re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def satker():
    return KabKotaFactory()


def test_the_calendar_year_is_the_next_one_in_december():
    assert tahun_kalender(datetime.date(2026, 12, 2)) == 2027
    assert tahun_kalender(datetime.date(2027, 1, 15)) == 2027
    assert tahun_kalender(datetime.date(2027, 6, 1)) == 2027


def test_the_year_with_most_documents_in_progress_wins_of_equals_the_newest(satker):
    operator = akun_satker(satker, Peran.OPERATOR)
    IkuFactory(satker=satker, tahun=2024)
    RktFactory(satker=satker, tahun=2024)
    RakFactory(satker=satker, tahun=2025)
    assert tahun_perencanaan(operator) == 2024

    RktFactory(satker=satker, tahun=2025)
    assert tahun_perencanaan(operator) == 2025


def test_published_documents_do_not_count_and_without_any_in_progress_the_calendar_decides(
    satker,
):
    operator = akun_satker(satker, Peran.OPERATOR)
    for dokumen in (IkuFactory(satker=satker, tahun=2024), RktFactory(satker=satker, tahun=2024)):
        _terbit(dokumen)
    assert tahun_perencanaan(operator, datetime.date(2026, 6, 1)) == 2026
    assert tahun_perencanaan(operator, datetime.date(2026, 12, 2)) == 2027

    RakFactory(satker=satker, tahun=2025)
    assert tahun_perencanaan(operator, datetime.date(2026, 12, 2)) == 2025


def test_a_satker_counts_its_own_documents_and_a_reviewer_its_provinsi(satker):
    tetangga = KabKotaFactory(induk=satker.induk)
    for factory in (IkuFactory, RktFactory, RakFactory):
        factory(satker=tetangga, tahun=2024)
    RakFactory(satker=satker, tahun=2025)

    assert tahun_perencanaan(akun_satker(satker, Peran.OPERATOR)) == 2025
    assert tahun_perencanaan(akun_satker(satker.induk, Peran.REVIEWER_PROVINSI)) == 2024


def test_every_home_page_and_the_matrix_open_on_the_same_year(client, satker):
    _terbit(IkuFactory(satker=satker, tahun=2024))
    RakFactory(satker=satker, tahun=2025)  # the one document in progress

    _, html = halaman(client, akun_satker(satker, Peran.OPERATOR))
    assert "Dokumen tahun 2025 yang belum ada" in html

    reviewer = akun_satker(satker.induk, Peran.REVIEWER_PROVINSI)
    response, _ = halaman(client, reviewer)
    assert response.context["gambaran"].tahun == 2025
    response, _ = halaman(client, reviewer, MATRIKS)
    assert response.context["tahun"] == 2025


class TestPilihTahun:
    @pytest.fixture
    def reviewer(self, satker):
        IkuFactory(satker=satker, tahun=2024)
        RktFactory(satker=satker, tahun=2024)
        RakFactory(satker=satker, tahun=2025)
        return akun_satker(satker.induk, Peran.REVIEWER_PROVINSI)

    def test_it_opens_on_the_year_under_way_and_offers_every_year(self, client, reviewer):
        _, html = halaman(client, reviewer)

        pilihan = re.search(r'<select [^>]*name="tahun".*?</select>', html).group(0)
        assert re.findall(r'<option value="(\d+)"', pilihan) == ["2025", "2024"]
        assert '<option value="2024" selected>2024 (berjalan)</option>' in pilihan
        assert f"{MATRIKS}?tahun=2024" in html
        assert "Kemajuan dokumen tahun 2024 · 1 KPU kabupaten/kota" in html

    def test_the_chosen_year_shows_its_counts_and_the_links_keep_it(self, client, reviewer):
        response, html = halaman(client, reviewer, data={"tahun": "2025"})

        assert response.context["gambaran"].tahun == 2025
        assert '<option value="2025" selected>2025</option>' in html
        assert re.search(r'<tr data-jenis="RAK">.*?<td data-status="DRAF">1</td>', html)
        assert re.search(r'<tr data-jenis="IKU">.*?<td data-status="DRAF">0</td>', html)
        assert f"{MATRIKS}?tahun=2025" in html
        assert f"{MATRIKS}?tahun=2024" not in html

    def test_a_year_never_used_is_offered_while_shown(self, client, reviewer):
        _, html = halaman(client, reviewer, data={"tahun": "2031"})
        assert '<option value="2031" selected>2031</option>' in html

    @pytest.mark.parametrize("nilai", ["x", "1999", "²⁰²⁵", "", "20250"])
    def test_a_value_that_is_no_year_shows_the_year_under_way(self, client, reviewer, nilai):
        response, _ = halaman(client, reviewer, data={"tahun": nilai})
        assert response.context["gambaran"].tahun == 2024

    def test_the_query_count_is_the_same_with_a_year_chosen(self, client, reviewer):
        client.force_login(reviewer)
        hitungan = []
        for data in ({}, {"tahun": "2025"}):
            with CaptureQueriesContext(connection) as kueri:
                assert client.get("/", data).status_code == 200
            hitungan.append(len(kueri))
        assert hitungan == [9, 9]  # with the reviewer's second-factor device


def test_the_selector_reads_the_years_and_the_year_under_way_in_one_query(
    satker, django_assert_num_queries
):
    reviewer = akun_satker(satker.induk, Peran.REVIEWER_PROVINSI)
    RakFactory(satker=satker, tahun=2025)
    reviewer.profil  # noqa: B018 — read before counting, as every request has it
    with django_assert_num_queries(1):
        pilihan = pilihan_tahun(reviewer, tahun_diminta("2023"))
    assert (pilihan.tahun, pilihan.berjalan, pilihan.pilihan) == (2023, 2025, [2025, 2023])


class TestProvinsiNasional:
    def test_admin_ri_links_each_provinsi_to_its_matrix_of_the_shown_year(
        self, client, admin_ri, satker
    ):
        IkuFactory(satker=satker, tahun=2031)

        _, html = halaman(client, admin_ri, data={"tahun": "2031"})

        daftar = html[html.index('id="provinsi-tertinggal"') :]
        tautan = f'href="{MATRIKS}?tahun=2031&amp;provinsi={satker.induk.kode}"'
        assert f"{tautan} " in daftar
        assert re.search(rf"{re.escape(tautan)}[^>]*>{re.escape(satker.induk.nama)}</a>", daftar)

    def test_the_matrix_of_one_provinsi_shows_its_satker_only(self, client, admin_ri, satker):
        IkuFactory(satker=satker, tahun=2031)

        response, html = halaman(
            client, admin_ri, MATRIKS, {"tahun": "2031", "provinsi": satker.induk.kode}
        )

        assert satker.nama in html
        assert "KPU Kabupaten Lebak" not in html
        assert f"Hanya {satker.induk.nama}" in html
        assert '<input type="hidden" name="provinsi"' in html  # kept when the year changes
        assert response.context["tahun"] == 2031

    @pytest.mark.parametrize("kode", ["tidak-ada", "prov-kalimantan-timur"])
    def test_a_provinsi_out_of_reach_says_so_and_shows_its_own(self, client, reviewer_banten, kode):
        response, html = halaman(
            client, reviewer_banten, MATRIKS, {"tahun": "2024", "provinsi": kode}
        )

        assert "Provinsi itu tidak ditemukan; ditampilkan semua provinsi." in html
        assert "KPU Kabupaten Lebak" in html
        assert response.context["provinsi"] is None
