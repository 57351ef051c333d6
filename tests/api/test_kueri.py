"""API list endpoints run a constant number of queries, however many documents and satker."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dokumen.jenis import kode_jenis
from dokumen.models import Dokumen
from satker.models import Satker, Tingkat
from tests.api.conftest import klien


def jumlah_kueri(client, url: str) -> tuple[int, int]:
    """(queries, results) of one GET."""
    with CaptureQueriesContext(connection) as kueri:
        response = client.get(url)
    assert response.status_code == 200
    return len(kueri), response.json()["count"]


def tambah_dokumen(jumlah: int) -> None:
    """`jumlah` more documents spread over every satker, types and years."""
    satker = list(Satker.objects.filter(tingkat=Tingkat.KABKOTA).order_by("pk"))
    baru = [
        Dokumen(
            satker=satker[i % len(satker)],
            jenis=kode_jenis()[i % 3],
            tahun=2030 + i,
        )
        for i in range(jumlah)
    ]
    Dokumen.objects.bulk_create(baru)


def tambah_satker(jumlah: int) -> None:
    provinsi = Satker.objects.get(kode="prov-banten")
    Satker.objects.bulk_create(
        Satker(
            kode=f"kab-uji-{i}",
            nama=f"KPU Kabupaten Uji {i}",
            nama_lengkap=f"Komisi Pemilihan Umum Kabupaten Uji {i}",
            tingkat=Tingkat.KABKOTA,
            induk=provinsi,
            kota_ttd="Uji",
        )
        for i in range(jumlah)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin.ri", "reviewer.banten", "operator.kab-lebak"])
@pytest.mark.parametrize(
    "url", ["/api/v1/dokumen/", "/api/v1/dokumen/?jenis=RAK&provinsi=prov-banten"]
)
def test_the_document_list_costs_the_same_with_30_more_documents(username, url):
    client = klien(username)
    client.get(url)  # warm: content types, translations
    sebelum, ada = jumlah_kueri(client, url)

    tambah_dokumen(30)
    sesudah, ada_sesudah = jumlah_kueri(client, url)

    assert sesudah == sebelum
    assert ada_sesudah >= ada
    if username == "admin.ri" and "?" not in url:
        assert (ada, ada_sesudah) == (8, 38)  # the 7 seed documents and Lebak's PK


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin.ri", "reviewer.banten"])
def test_the_satker_list_costs_the_same_with_20_more_satker(username):
    client = klien(username)
    client.get("/api/v1/satker/")
    sebelum, ada = jumlah_kueri(client, "/api/v1/satker/")

    tambah_satker(20)
    sesudah, ada_sesudah = jumlah_kueri(client, "/api/v1/satker/")

    assert sesudah == sebelum
    assert ada_sesudah == ada + 20


@pytest.mark.django_db
def test_the_list_stays_within_a_small_fixed_budget():
    client = klien("reviewer.banten")
    client.get("/api/v1/dokumen/")

    kueri, _ = jumlah_kueri(client, "/api/v1/dokumen/")

    # The user's profile (access rule), the count, the page with satker and provinsi joined.
    assert kueri <= 4
