"""The paste endpoint of the document editor: who may paste (who may edit the draft; another
satker's document is a 404), its limits, its answer (the editor's blocks and the warnings), a
number of queries that does not grow with the rows, and that nothing is saved."""

import re

import pytest
from django.urls import reverse

from dokumen.baris import data_baris
from satker.models import Satker
from tests.conftest import dokumen_seed
from tests.factories import RakFactory, ke_status, sasaran_rak

BARIS_RAK = (
    "1.\tMeningkatnya kualitas\tIndeks kepuasan\t85%\tSurvei\t1 Laporan\t✓\t\t✓\t\t"
    "8.170.412.000\tSubbag Umum\n"
    "\t\t\t\tRapat\t4 kali\t\t✓\t\t\tdelapan juta\tSekretaris\n"
)


def url(dokumen) -> str:
    return reverse("pertukaran:dokumen-tempel", args=[dokumen.pk])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("operator_lebak", 200),
        ("admin_ri", 200),
        ("ketua_lebak", 403),
        ("reviewer_banten", 403),
        ("operator_serang", 404),
        ("reviewer_kaltim", 404),
    ],
)
def test_only_who_may_edit_the_draft_may_paste(client, request, rak_lebak, persona, status):
    client.force_login(request.getfixturevalue(persona))

    assert client.post(url(rak_lebak), {"teks": BARIS_RAK}).status_code == status


@pytest.mark.django_db
def test_a_visitor_is_sent_to_login_and_a_get_is_refused(client, operator_lebak, rak_lebak):
    response = client.post(url(rak_lebak), {"teks": BARIS_RAK})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

    client.force_login(operator_lebak)
    assert client.get(url(rak_lebak)).status_code == 405


@pytest.mark.django_db
def test_it_answers_the_editors_blocks_with_each_warning_and_saves_nothing(
    client, operator_lebak, rak_lebak
):
    sebelum = data_baris(rak_lebak)
    suntingan = rak_lebak.suntingan
    client.force_login(operator_lebak)

    response = client.post(url(rak_lebak), {"teks": BARIS_RAK, "html": ""})

    assert response.status_code == 200
    jawaban = response.json()
    assert set(jawaban) == {"blok", "peringatan", "jumlah_baris", "tanpa_judul"}
    assert jawaban["jumlah_baris"] == 2
    assert jawaban["tanpa_judul"] is True
    (blok,) = jawaban["blok"]
    assert blok["kepala"] == {"nomor": "1.", "sasaran": "Meningkatnya kualitas"}
    assert blok["peringatan"] == []
    satu, dua = blok["baris"]
    assert satu["isian"]["anggaran"] == "8.170.412.000"
    assert [satu["isian"][f"tw{n}"] for n in range(1, 5)] == [True, False, True, False]
    assert dua["peringatan"] == [
        {
            "pesan": "Baris 2: Kolom ANGGARAN berisi “delapan juta”, bukan angka rupiah: "
            "dikosongkan.",
            "kolom": "anggaran",
        }
    ]
    rak_lebak.refresh_from_db()
    assert rak_lebak.suntingan == suntingan
    assert data_baris(rak_lebak) == sebelum


@pytest.mark.django_db
def test_the_html_is_preferred_and_the_cell_pasted_into_sets_the_first_column(
    client, operator_lebak, rkt_lebak
):
    client.force_login(operator_lebak)
    html = "<table><tr><td>Indeks A</td><td>90%</td></tr></table>"

    response = client.post(
        url(rkt_lebak),
        {"html": html, "teks": "lain\tteks", "mulai": "indikator", "lanjut": "1"},
    )

    (blok,) = response.json()["blok"]
    assert blok["peringatan"] == []
    assert blok["baris"][0]["isian"] == {
        "indikator": "Indeks A",
        "target": "90%",
        "kegiatan_aksi": "",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"teks": "x" * 1_000_001}, "terlalu besar (lebih dari 1 MB)"),
        ({"html": "<table>" + "<tr><td>a</td></tr>" * 1001 + "</table>"}, "paling banyak 1000"),
        ({"teks": "\t\tIndeks kepuasan\t1\tSurvei\n" * 501}, "paling banyak 500 baris"),
        ({"teks": "", "html": "<p>halo</p>"}, "Tidak ada tabel yang ditempel"),
    ],
)
def test_too_much_or_nothing_is_refused_with_a_message(
    client, operator_lebak, rkt_lebak, data, pesan
):
    client.force_login(operator_lebak)

    response = client.post(url(rkt_lebak), data)

    assert response.status_code == 400
    assert pesan in response.json()["galat"]


@pytest.mark.django_db
def test_a_request_over_the_limit_is_refused_before_its_fields_are_read(
    client, operator_lebak, rkt_lebak
):
    client.force_login(operator_lebak)

    response = client.post(url(rkt_lebak), {"teks": "a" * 3_100_000})

    assert response.status_code == 413
    assert "terlalu besar" in response.json()["galat"]


@pytest.mark.django_db
def test_a_document_that_is_no_longer_a_draft_takes_no_paste(client, operator_lebak):
    satker = Satker.objects.get(kode="kab-lebak")
    rak = ke_status(RakFactory(satker=satker, tahun=2031, baris=sasaran_rak(1)), "DIAJUKAN")
    client.force_login(operator_lebak)

    response = client.post(url(rak), {"teks": BARIS_RAK})

    assert response.status_code == 409
    assert response.json()["galat"] == "Hanya draf yang dapat diubah; baris tidak dapat ditempel."


@pytest.mark.django_db
@pytest.mark.parametrize("jumlah", [2, 200])
def test_the_number_of_queries_does_not_grow_with_the_rows(
    client, operator_lebak, django_assert_num_queries, jumlah
):
    iku = dokumen_seed("kab-lebak", "IKU")
    teks = "".join(f"{n}.\tSasaran\tIndikator {n}\tCara\t90%\n" for n in range(jumlah))
    client.force_login(operator_lebak)

    # Session, user, and the document with its satker (inside the request's savepoint).
    with django_assert_num_queries(5):
        response = client.post(url(iku), {"teks": teks})

    assert response.json()["jumlah_baris"] == jumlah


@pytest.mark.django_db
def test_the_editor_offers_the_paste_box_to_javascript_only(client, operator_lebak, rak_lebak):
    client.force_login(operator_lebak)

    html = client.get(reverse("dokumen:ubah", args=[rak_lebak.pk])).content.decode()

    assert f'id="tombol-tempel" data-url="{url(rak_lebak)}"' in html
    # Shown by the editor's script only (.hanya-js), which tempel.js follows.
    assert re.search(r'<div class="[^"]*\bhanya-js"[^>]*>\s*<button[^>]*id="tombol-tempel"', html)
    assert html.index("js/editor_kelompok.js") < html.index("js/tempel.js")
