"""The satker list: whole provinsi groups a few a page, searchable by name, code or provinsi,
in a number of queries that does not grow with the satker."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from satker.models import Satker, Tingkat
from satker.selectors import PROVINSI_PER_HALAMAN
from tests.factories import KabKotaFactory, ProvinsiFactory

URL = reverse("satker-list")


def _kode(response) -> dict[str | None, list[str]]:
    return {
        (k.provinsi.kode if k.provinsi else None): [s.kode for s in k.satker]
        for k in response.context["kelompok"]
    }


def _jumlah_kueri(client, **params) -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(URL, params).status_code == 200
    return len(kueri)


@pytest.mark.django_db
class TestDaftarSatker:
    def test_it_pages_by_whole_provinsi_groups_in_name_order(self, client, admin_ri):
        client.force_login(admin_ri)

        pertama = client.get(URL)
        kedua = client.get(URL, {"halaman": 2})

        assert (
            list(_kode(pertama))
            == [
                None,
                "prov-banten",
                "prov-kalimantan-selatan",
                "prov-kalimantan-tengah",
            ][:PROVINSI_PER_HALAMAN]
        )
        assert _kode(kedua) == {"prov-kalimantan-timur": ["kab-kutai-barat"]}
        html = pertama.content.decode()
        assert 'href="?halaman=2"' in html
        assert "Halaman 1 dari 2." in html

    def test_a_search_finds_by_name_code_or_provinsi(self, client, admin_ri):
        client.force_login(admin_ri)

        assert _kode(client.get(URL, {"q": "lebak"})) == {"prov-banten": ["kab-lebak"]}
        assert _kode(client.get(URL, {"q": "kota-serang"})) == {"prov-banten": ["kota-serang"]}
        banten = client.get(URL, {"q": "Banten"})
        assert _kode(banten) == {"prov-banten": ["kab-lebak", "kota-serang"]}
        assert (
            "3 satker cocok dengan “Banten”: 1 KPU provinsi · 2 KPU kabupaten/kota."
            in banten.content.decode()
        )

    def test_the_counts_read_as_indonesian_per_level(self, client, admin_ri):
        client.force_login(admin_ri)
        tingkat = Satker.objects.values_list("tingkat", flat=True)
        ri, provinsi, kabkota = (
            sum(t == nilai for t in tingkat)
            for nilai in (Tingkat.RI, Tingkat.PROVINSI, Tingkat.KABKOTA)
        )

        semua = " ".join(client.get(URL).content.decode().split())
        lebak = " ".join(client.get(URL, {"q": "lebak"}).content.decode().split())

        assert (
            f"{ri + provinsi + kabkota} satker: {ri} KPU RI · {provinsi} KPU provinsi · "
            f"{kabkota} KPU kabupaten/kota." in semua
        )
        assert '<span class="text-secondary small fw-normal">2 KPU kabupaten/kota</span>' in semua
        assert "1 KPU kabupaten/kota cocok dengan “lebak”." in lebak
        assert "1 KPU kabupaten/kota cocok</span>" in lebak

    def test_a_search_keeps_its_term_across_pages_and_says_when_nothing_matches(
        self, client, admin_ri
    ):
        client.force_login(admin_ri)
        for n in range(PROVINSI_PER_HALAMAN + 1):
            ProvinsiFactory(nama=f"KPU Provinsi Cocok {n}")

        html = client.get(URL, {"q": "Cocok"}).content.decode()
        kosong = client.get(URL, {"q": "tidak-ada-satker-ini"}).content.decode()

        assert 'href="?q=Cocok&amp;halaman=2"' in html
        assert "Tidak ada satker kabupaten/kota yang cocok dengan pencarian." in html
        assert "Tidak ada satker yang cocok dengan “tidak-ada-satker-ini”." in kosong

    def test_a_page_out_of_range_or_not_a_number_is_a_page_not_an_error(self, client, admin_ri):
        client.force_login(admin_ri)

        assert client.get(URL, {"halaman": "abc"}).context["halaman"].number == 1
        assert client.get(URL, {"halaman": "999"}).context["halaman"].number == 2

    def test_unprintable_characters_in_a_search_are_ignored_not_an_error(self, client, admin_ri):
        client.force_login(admin_ri)

        response = client.get(URL, {"q": "le\x00bak\n"})

        assert response.status_code == 200
        assert _kode(response) == {"prov-banten": ["kab-lebak"]}

    def test_a_reviewer_searches_only_their_provinsi(self, client, reviewer_banten):
        client.force_login(reviewer_banten)

        assert _kode(client.get(URL, {"q": "KPU"})) == {"prov-banten": ["kab-lebak", "kota-serang"]}
        assert _kode(client.get(URL, {"q": "kutai"})) == {}

    def test_the_queries_do_not_grow_with_the_satker(self, client, admin_ri):
        client.force_login(admin_ri)
        sedikit = _jumlah_kueri(client)
        # The request's savepoint and its release, session, user (with profile); then the
        # groups' count and page, the page's satker, the count of satker found; the second
        # factor's device.
        assert sedikit == 9
        for provinsi in ProvinsiFactory.create_batch(3):
            KabKotaFactory.create_batch(4, induk=provinsi)

        assert _jumlah_kueri(client) == sedikit
        assert _jumlah_kueri(client, q="Uji", halaman=2) == sedikit
