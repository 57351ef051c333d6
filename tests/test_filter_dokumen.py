"""One FilterSet (dokumen.filters.DokumenFilter) for the document list of the API and of the
page (/dokumen/): the same query gives the same documents in the same order on both, a bad
value is refused in Indonesian on both (the API's 400, the page's message beside the filter),
and it narrows only what the access rule lets the user see.

The documents are built from factories: a provinsi with two Kab/Kota, and a Kab/Kota of
another provinsi, so the counts do not follow the seeds.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from dokumen import views
from dokumen.api import DokumenViewSet
from dokumen.filters import DokumenFilter
from dokumen.forms import PESAN_TAHUN
from dokumen.models import Dokumen
from satker.filters import PESAN_KODE
from tests.factories import (
    IkuFactory,
    KabKotaFactory,
    OperatorFactory,
    ProvinsiFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
    ke_status,
)

HALAMAN = reverse("dokumen:list")


@dataclass
class Wilayah:
    provinsi: object
    lebak: object
    serang: object
    lain: object  # a Kab/Kota of another provinsi


@pytest.fixture
def wilayah(db) -> Wilayah:
    provinsi = ProvinsiFactory()
    w = Wilayah(
        provinsi=provinsi,
        lebak=KabKotaFactory(induk=provinsi),
        serang=KabKotaFactory(induk=provinsi),
        lain=KabKotaFactory(),
    )
    IkuFactory(satker=w.lebak, tahun=2024)
    RktFactory(satker=w.lebak, tahun=2024)
    RakFactory(satker=w.lebak, tahun=2025)
    ke_status(IkuFactory(satker=w.serang, tahun=2024), "DIAJUKAN")
    IkuFactory(satker=provinsi, tahun=2024)
    IkuFactory(satker=w.lain, tahun=2024)
    return w


@pytest.fixture
def reviewer(wilayah):
    return ReviewerFactory(satker=wilayah.provinsi)


def halaman(user, kueri: str = ""):
    client = Client()
    client.force_login(user)
    return client.get(f"{HALAMAN}?{kueri}")


def api(user, kueri: str = ""):
    client = APIClient()
    client.force_authenticate(user)
    return client.get(f"/api/v1/dokumen/?{kueri}")


def pk_halaman(response) -> list[int]:
    assert response.status_code == 200
    return [d.pk for d in response.context["halaman"].object_list]


def pk_api(response) -> list[int]:
    assert response.status_code == 200, response.json()
    return [d["id"] for d in response.json()["results"]]


def test_the_page_and_the_api_filter_with_the_one_filterset(reviewer):
    assert DokumenViewSet.filterset_class is DokumenFilter
    # The page's only takes a satker by name too (DokumenFilterHalaman), then filters alike.
    assert issubclass(views.DokumenFilterHalaman, DokumenFilter)
    assert isinstance(halaman(reviewer).context["saringan"], DokumenFilter)


KUERI = [
    "",
    "tahun=2024",
    "tahun=2025",
    "jenis=IKU",
    "jenis=RAK&tahun=2025",
    "status=DIAJUKAN",
    "status=DRAF&jenis=IKU",
    "satker={lebak}",
    "provinsi={provinsi}",
    "provinsi={provinsi}&jenis=IKU&tahun=2024",
]
# Out of the reviewer's reach, or unknown: nothing in the API; the page says so beside it.
KUERI_KOSONG = ["satker={lain}", "provinsi={lain_provinsi}", "satker=tidak-ada"]


@pytest.mark.parametrize("kueri", KUERI)
def test_the_same_query_gives_the_same_documents_on_the_page_and_in_the_api(
    wilayah, reviewer, kueri
):
    kueri = kueri.format(
        lebak=wilayah.lebak.kode,
        provinsi=wilayah.provinsi.kode,
        lain=wilayah.lain.kode,
        lain_provinsi=wilayah.lain.induk.kode,
    )

    assert pk_halaman(halaman(reviewer, kueri)) == pk_api(api(reviewer, kueri))


@pytest.mark.parametrize("kueri", KUERI_KOSONG)
def test_a_satker_the_user_cannot_see_finds_nothing_and_the_page_says_so(wilayah, reviewer, kueri):
    kueri = kueri.format(lain=wilayah.lain.kode, lain_provinsi=wilayah.lain.induk.kode)
    nama, nilai = kueri.split("=")

    assert pk_api(api(reviewer, kueri)) == []
    response = halaman(reviewer, kueri)
    assert response.context["halaman"] is None
    assert response.context["saringan"].errors == {nama: [tak_dikenal(nama, nilai)]}


def test_it_narrows_what_the_user_may_see_and_never_widens_it(wilayah, reviewer):
    def satker(response) -> set[str]:
        return {d["satker"] for d in response.json()["results"]}

    assert satker(api(reviewer)) == {
        w.kode for w in (wilayah.provinsi, wilayah.lebak, wilayah.serang)
    }
    assert satker(api(reviewer, f"provinsi={wilayah.provinsi.kode}")) == satker(api(reviewer))
    assert satker(api(reviewer, f"satker={wilayah.lebak.kode}")) == {wilayah.lebak.kode}
    assert api(reviewer, f"satker={wilayah.lain.kode}").json()["count"] == 0

    operator = OperatorFactory(satker=wilayah.serang)
    dilihat = pk_halaman(halaman(operator, f"provinsi={wilayah.provinsi.kode}"))
    assert dilihat == list(
        Dokumen.objects.filter(satker=wilayah.serang).values_list("pk", flat=True)
    )


def test_each_filter_means_the_same_on_both(wilayah, reviewer):
    assert [d["status"] for d in api(reviewer, "status=DIAJUKAN").json()["results"]] == ["DIAJUKAN"]
    rak = api(reviewer, "jenis=RAK").json()["results"]
    assert [(d["satker"], d["jenis"], d["tahun"]) for d in rak] == [
        (wilayah.lebak.kode, "RAK", 2025)
    ]
    assert {d["tahun"] for d in api(reviewer, "tahun=2024").json()["results"]} == {2024}


PILIHAN_SALAH = "Masukkan pilihan yang valid. {} bukan salah satu dari pilihan yang tersedia."
SALAH = [
    ("tahun", "abc", "Tahun ditulis dengan angka, mis. 2024."),
    ("tahun", "1999", PESAN_TAHUN),
    ("tahun", "2101", PESAN_TAHUN),
    ("jenis", "LKJ", PILIHAN_SALAH.format("LKJ")),
    ("status", "SELESAI", PILIHAN_SALAH.format("SELESAI")),
    ("satker", "kab lebak", PESAN_KODE),
    ("provinsi", "prov/banten", PESAN_KODE),
    (
        "satker",
        "k" * 61,
        "Pastikan nilai ini mengandung paling banyak 60 karakter (sekarang 61 karakter).",
    ),
]


@pytest.mark.parametrize(("nama", "nilai", "pesan"), SALAH)
def test_a_bad_value_is_a_400_in_the_api_with_the_message_per_filter(reviewer, nama, nilai, pesan):
    response = api(reviewer, urlencode({nama: nilai}))

    assert response.status_code == 400
    assert response.json() == {nama: [pesan]}


def tak_dikenal(nama: str, nilai: str) -> str:
    jenis = {"satker": "satker", "provinsi": "KPU provinsi"}[nama]
    return f"Tidak ada {jenis} “{nilai}” yang dapat Anda lihat; pilih dari daftar."


# On the page a satker or provinsi that is not a code may be a name: one naming none says so.
SALAH_HALAMAN = [
    (nama, nilai, tak_dikenal(nama, nilai) if nama in ("satker", "provinsi") else pesan)
    for nama, nilai, pesan in SALAH
]


@pytest.mark.parametrize(("nama", "nilai", "pesan"), SALAH_HALAMAN)
def test_a_bad_value_on_the_page_is_shown_beside_its_filter_with_no_list(
    reviewer, nama, nilai, pesan
):
    response = halaman(reviewer, urlencode({nama: nilai}))

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["halaman"] is None
    assert response.context["saringan"].errors == {nama: [pesan]}
    assert f'id="id_{nama}"' in html
    assert 'class="invalid-feedback"' in html
    assert pesan in html
    assert 'id="saringan-galat"' in html
    assert 'id="daftar-dokumen"' not in html


@pytest.mark.parametrize("bentuk", ["kode", "nama", "NAMA huruf besar", "tanpa KPU"])
def test_the_page_takes_a_satker_or_provinsi_by_name_or_code(wilayah, reviewer, bentuk):
    def sebut(satker):
        return {
            "kode": satker.kode,
            "nama": satker.nama,
            "NAMA huruf besar": f"  {satker.nama.upper()} ",
            "tanpa KPU": satker.nama.removeprefix("KPU "),
        }[bentuk]

    for nama, satker in (("satker", wilayah.lebak), ("provinsi", wilayah.provinsi)):
        response = halaman(reviewer, urlencode({nama: sebut(satker)}))
        harapan = pk_api(api(reviewer, urlencode({nama: satker.kode})))
        assert harapan
        assert pk_halaman(response) == harapan, nama
        assert f'value="{satker.kode}"' in response.content.decode()


@pytest.mark.parametrize(
    ("nama", "nilai"),
    [
        ("satker", "KPU Kabupaten Entah"),
        ("satker", "kab-entah"),
        ("provinsi", "KPU Provinsi Entah"),
    ],
)
def test_a_name_or_code_of_no_satker_is_said_beside_the_filter(reviewer, nama, nilai):
    response = halaman(reviewer, urlencode({nama: nilai, "tahun": "2024"}))

    assert response.status_code == 200
    assert response.context["halaman"] is None
    assert response.context["saringan"].errors == {nama: [tak_dikenal(nama, nilai)]}
    html = response.content.decode()
    assert f'value="{nilai}"' in html  # kept as typed, to correct
    assert "Nama atau kode " in html  # the help text: a name and a code to follow
    assert 'id="daftar-dokumen"' not in html


def test_a_satker_out_of_reach_reads_as_an_unknown_one(wilayah, reviewer):
    """Another provinsi's satker, by name or code: the same message as one that does not exist,
    so the filter does not tell who may see what. The API still matches nothing."""
    for nilai in (wilayah.lain.kode, wilayah.lain.nama):
        response = halaman(reviewer, urlencode({"satker": nilai}))
        assert response.context["saringan"].errors == {"satker": [tak_dikenal("satker", nilai)]}
    assert pk_api(api(reviewer, urlencode({"satker": wilayah.lain.kode}))) == []


def test_a_kab_kota_is_no_provinsi(wilayah, reviewer):
    response = halaman(reviewer, urlencode({"provinsi": wilayah.lebak.kode}))
    assert response.context["saringan"].errors == {
        "provinsi": [tak_dikenal("provinsi", wilayah.lebak.kode)]
    }


def test_the_page_shows_the_filters_with_indonesian_labels_and_choices(reviewer):
    html = halaman(reviewer).content.decode()

    for nama, label in [
        ("tahun", "Tahun"),
        ("jenis", "Jenis dokumen"),
        ("status", "Status"),
        ("satker", "Satker"),
        ("provinsi", "Provinsi"),
    ]:
        assert f'for="id_{nama}"' in html
        assert label in html
    assert "Semua jenis" in html
    assert "Rencana Aksi Kinerja" in html
    assert 'list="pilihan-satker"' in html


def test_the_page_and_the_api_split_pages_alike(wilayah, reviewer):
    Dokumen.objects.bulk_create(
        Dokumen(satker=wilayah.lebak, jenis="IKU", tahun=tahun) for tahun in range(2030, 2090)
    )

    for nomor in (1, 2):
        kueri = f"satker={wilayah.lebak.kode}&page={nomor}"
        assert pk_halaman(halaman(reviewer, kueri)) == pk_api(api(reviewer, kueri))
    assert len(pk_halaman(halaman(reviewer, f"satker={wilayah.lebak.kode}&page=2"))) == 13
    html = halaman(reviewer, f"satker={wilayah.lebak.kode}").content.decode()
    assert f"?satker={wilayah.lebak.kode}&amp;page=2" in html


def test_the_page_needs_a_login(db):
    response = Client().get(HALAMAN)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Session, the user with profile and satker, the count, the page of documents with their
# satker and provinsi, the satker to choose from, the reviewer's second-factor device. The
# savepoint pair of ATOMIC_REQUESTS (PostgreSQL only) is not counted.
KUERI_HALAMAN = 6


def kueri_halaman(client, alamat: str) -> int:
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(alamat).status_code == 200
    return sum(
        1
        for q in kueri.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    )


def test_the_page_costs_the_same_queries_however_many_documents(wilayah, reviewer):
    client = Client()
    client.force_login(reviewer)
    alamat = f"{HALAMAN}?jenis=IKU&provinsi={wilayah.provinsi.kode}"
    client.get(alamat)  # warm: content types, translations

    assert kueri_halaman(client, alamat) == KUERI_HALAMAN
    for satker in (wilayah.lebak, wilayah.serang):
        for tahun in range(2030, 2040):
            IkuFactory(satker=satker, tahun=tahun)
    assert kueri_halaman(client, alamat) == KUERI_HALAMAN
    assert kueri_halaman(client, HALAMAN) == KUERI_HALAMAN
