"""The IKU editor grouped by program (indikator.baris, dokumen.editor_kelompok), posted without
JavaScript: program groups are blocks holding their rows; the rows stay stored flat, each
group's program on its first row only, every row keeping its key."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.baris import data_baris
from dokumen.editor import formset_baris
from indikator.baris import iku_dari_form, iku_ke_form
from indikator.forms import PESAN_PROGRAM_KOSONG
from indikator.models import BarisIku
from tests.dokumen.test_dokumen_ubah import PREFIX, form_data
from tests.factories import IkuFactory, OperatorFactory, baris_iku

CQ = "PROGRAM PENYELENGGARAAN PEMILU DALAM PROSES KONSOLIDASI DEMOKRASI [076.01.CQ]"
WA = "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]"


def _url(dokumen) -> str:
    return reverse("dokumen:ubah", args=[dokumen.pk])


def _baris_berprogram() -> list[dict]:
    """Five rows: one before any program, two under CQ (written on both, as the Banjarbaru seed
    repeats it), two under WA (written on the first only)."""
    baris = baris_iku(5)
    for row, program in zip(baris, ["", CQ, CQ, WA, ""], strict=True):
        row["program"] = program
    return baris


@pytest.fixture
def iku(db):
    return IkuFactory(tahun=2030, baris=_baris_berprogram())


@pytest.fixture
def masuk(client, iku):
    client.force_login(OperatorFactory(satker=iku.satker))
    return client


def _program_per_kunci(iku) -> list[tuple[str, str]]:
    return [(b["kunci"], b["program"]) for b in data_baris(iku)]


def test_flat_rows_become_groups_and_back_with_the_program_on_each_first_row():
    baris = [{"kunci": str(i), **row} for i, row in enumerate(_baris_berprogram())]
    kelompok = iku_ke_form(baris)
    assert [(k["program"], [b["kunci"] for b in k["baris"]]) for k in kelompok] == [
        ("", ["0"]),
        (CQ, ["1", "2"]),
        (WA, ["3", "4"]),
    ]
    assert all("program" not in b for k in kelompok for b in k["baris"])
    assert [b["program"] for b in iku_dari_form(kelompok)] == ["", CQ, "", WA, ""]
    assert iku_ke_form([]) == [{"program": "", "baris": []}]


@pytest.mark.django_db
def test_the_page_shows_one_block_per_program_group(masuk, iku):
    html = masuk.get(_url(iku)).content.decode()
    assert html.count('class="blok-sasaran"') == 3
    assert CQ in html
    assert WA in html
    assert "Tambah kelompok program" in html
    assert "Hapus seluruh kelompok program beserta barisnya" in html


@pytest.mark.django_db
def test_an_iku_without_programs_is_one_block_with_an_empty_header(client):
    iku = IkuFactory(baris=baris_iku(3))
    client.force_login(OperatorFactory(satker=iku.satker))
    editor = formset_baris(iku)
    assert [(i, s["program"].value(), len(b)) for i, s, b in editor.blok()] == [("0", "", 3)]
    assert 'placeholder="Tanpa kelompok program"' in client.get(_url(iku)).content.decode()


@pytest.mark.django_db
def test_a_no_js_save_stores_flat_rows_with_the_program_on_each_groups_first_row(masuk, iku):
    sebelum = [k for k, _ in _program_per_kunci(iku)]
    data = form_data(iku)
    # Row 3 (CQ's second) moves to the top of WA by its block and its order, the WA group
    # moves above CQ, and the CQ group gets a new program name.
    data[f"{PREFIX}-2-induk"] = "2"
    data[f"{PREFIX}-2-ORDER"] = "0"
    data["sasaran-2-ORDER"] = "2"
    data["sasaran-1-ORDER"] = "3"
    data["sasaran-1-program"] = "PROGRAM BARU"

    assert masuk.post(_url(iku), data).status_code == 302

    assert _program_per_kunci(iku) == [
        (sebelum[0], ""),
        (sebelum[2], WA),
        (sebelum[3], ""),
        (sebelum[4], ""),
        (sebelum[1], "PROGRAM BARU"),
    ]


@pytest.mark.django_db
def test_an_unchanged_save_keeps_the_groups_as_they_read(masuk, iku):
    sebelum = [(k, p) for k, p in _program_per_kunci(iku)]
    assert masuk.post(_url(iku), form_data(iku)).status_code == 302
    # The same groups; CQ, written on both its rows, is now on its first only.
    sesudah = _program_per_kunci(iku)
    assert [k for k, _ in sesudah] == [k for k, _ in sebelum]
    assert [p for _, p in sesudah] == ["", CQ, "", WA, ""]
    assert [(k["program"], len(k["baris"])) for k in iku_ke_form(data_baris(iku))] == [
        ("", 1),
        (CQ, 2),
        (WA, 2),
    ]


@pytest.mark.django_db
def test_deleting_a_group_deletes_its_rows(masuk, iku):
    sebelum = [k for k, _ in _program_per_kunci(iku)]
    data = form_data(iku)
    data["sasaran-1-DELETE"] = "on"  # CQ
    data[f"{PREFIX}-2-indikator"] = ""  # even a row of it that would not be valid

    assert masuk.post(_url(iku), data).status_code == 302

    assert _program_per_kunci(iku) == [(sebelum[0], ""), (sebelum[3], WA), (sebelum[4], "")]
    assert not BarisIku.objects.filter(kunci__in=sebelum[1:3]).exists()


@pytest.mark.django_db
def test_a_later_group_without_a_program_is_refused_beside_the_field(masuk, iku):
    data = form_data(iku)
    data["sasaran-2-program"] = ""  # WA: its rows would join CQ when read again

    response = masuk.post(_url(iku), data)

    assert response.status_code == 200
    assert PESAN_PROGRAM_KOSONG in response.content.decode()
    assert [p for _, p in _program_per_kunci(iku)] == ["", CQ, CQ, WA, ""]


@pytest.mark.django_db
def test_a_new_program_without_rows_is_refused_not_lost(masuk, iku):
    data = form_data(iku)
    data |= {"sasaran-TOTAL_FORMS": "4", "sasaran-3-ORDER": "4", "sasaran-3-program": "PROGRAM X"}

    response = masuk.post(_url(iku), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kelompok program ini belum punya baris" in html
    assert "PROGRAM X" in html


@pytest.mark.django_db
def test_a_group_header_carries_no_key_but_rows_keep_theirs(masuk, iku):
    data = form_data(iku)
    assert not any(k.startswith("sasaran-") and k.endswith("-kunci") for k in data)
    # A row key of another document is still refused on that row.
    lain = data_baris(IkuFactory(satker=iku.satker, tahun=2031, baris=baris_iku(1)))[0]["kunci"]
    data[f"{PREFIX}-1-kunci"] = lain
    response = masuk.post(_url(iku), data)
    assert response.status_code == 200
    assert "Baris ini tidak ada (lagi) di dokumen ini" in response.content.decode()


@pytest.mark.django_db
def test_the_grouped_iku_page_runs_a_constant_number_of_queries(client):
    counts = []
    for jumlah, tahun in [(4, 2030), (80, 2031)]:
        baris = baris_iku(jumlah)
        baris[0]["program"], baris[jumlah // 2]["program"] = CQ, WA
        iku = IkuFactory(tahun=tahun, baris=baris)
        client.force_login(OperatorFactory(satker=iku.satker))
        with CaptureQueriesContext(connection) as get:
            assert client.get(_url(iku)).status_code == 200
        data = {
            k: f"{v} (diubah)" if k.endswith("-indikator") and v else v
            for k, v in form_data(iku).items()
        }
        with CaptureQueriesContext(connection) as post:
            assert client.post(_url(iku), data).status_code == 302
        counts.append((len(get), len(post)))
        assert [k["program"] for k in iku_ke_form(data_baris(iku))] == [CQ, WA]
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_a_row_naming_no_group_of_the_page_is_refused_on_that_row(masuk, iku):
    data = form_data(iku)
    data[f"{PREFIX}-1-induk"] = "7"
    response = masuk.post(_url(iku), data)
    assert response.status_code == 200
    assert "Baris ini tidak termasuk kelompok program mana pun." in response.content.decode()
    assert [p for _, p in _program_per_kunci(iku)] == ["", CQ, CQ, WA, ""]
