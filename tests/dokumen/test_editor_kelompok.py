"""The grouped editor (RKT, RAK) as posted without JavaScript: sasaran and rows are two formsets,
each row naming its sasaran (`induk`), so order and grouping never depend on each other."""

import uuid

import pytest
from django.urls import reverse

from dokumen.baris import data_baris
from rencana_aksi.models import BarisRak, SasaranRak
from tests.dokumen.test_dokumen_ubah import PREFIX, form_data, tambah_baris_rak
from tests.factories import OperatorFactory, RakFactory, RktFactory, sasaran_rak


def _url(dokumen) -> str:
    return reverse("dokumen:ubah", args=[dokumen.pk])


@pytest.fixture
def rak(db):
    """Sasaran 1–3 of two rows each."""
    return RakFactory(tahun=2030, baris=sasaran_rak(3, baris=2))


@pytest.fixture
def masuk(client, rak):
    client.force_login(OperatorFactory(satker=rak.satker))
    return client


def _kunci(dokumen) -> list[tuple[str, list[str]]]:
    return [(s["kunci"], [b["kunci"] for b in s["baris"]]) for s in data_baris(dokumen)]


@pytest.mark.django_db
class TestKelompok:
    def test_moving_a_sasaran_takes_its_rows_along(self, masuk, rak):
        sebelum = _kunci(rak)
        data = form_data(rak)
        data["sasaran-2-ORDER"] = "0"

        assert masuk.post(_url(rak), data).status_code == 302

        assert _kunci(rak) == [sebelum[2], sebelum[0], sebelum[1]]

    def test_moving_a_row_to_the_top_of_the_document_keeps_it_in_its_sasaran(self, masuk, rak):
        sebelum = _kunci(rak)
        data = form_data(rak)
        data[f"{PREFIX}-5-ORDER"] = "0"  # sasaran 3's last row, first of all rows

        assert masuk.post(_url(rak), data).status_code == 302

        sesudah = _kunci(rak)
        assert sesudah[:2] == sebelum[:2]
        assert sesudah[2] == (sebelum[2][0], [sebelum[2][1][1], sebelum[2][1][0]])

    def test_deleting_a_sasaran_deletes_its_rows_even_invalid_ones(self, masuk, rak):
        sebelum = _kunci(rak)
        data = form_data(rak)
        data["sasaran-0-DELETE"] = "on"
        data[f"{PREFIX}-0-kegiatan"] = ""  # would be refused were the row kept

        assert masuk.post(_url(rak), data).status_code == 302

        assert _kunci(rak) == sebelum[1:]
        assert not BarisRak.objects.filter(kunci__in=sebelum[0][1]).exists()

    def test_deleting_a_sasarans_first_row_keeps_the_others_in_it(self, masuk, rak):
        sebelum = _kunci(rak)
        data = form_data(rak)
        data[f"{PREFIX}-2-DELETE"] = "on"  # sasaran 2's first row

        assert masuk.post(_url(rak), data).status_code == 302

        assert _kunci(rak) == [sebelum[0], (sebelum[1][0], sebelum[1][1][1:]), sebelum[2]]
        assert SasaranRak.objects.get(kunci=sebelum[1][0]).sasaran == "Sasaran kegiatan uji 2"

    def test_a_new_sasaran_with_its_row_is_saved_where_it_was_put(self, masuk, rak):
        data = form_data(rak)
        data |= {
            "sasaran-TOTAL_FORMS": "4",
            "sasaran-3-ORDER": "1",  # as sasaran 1's: after it (the earlier form first)
            "sasaran-3-nomor": "1a",
            "sasaran-3-sasaran": "Sasaran baru",
        }
        tambah_baris_rak(data, induk="3", kegiatan="Kegiatan baru", tw4="on")

        assert masuk.post(_url(rak), data).status_code == 302

        tersimpan = data_baris(rak)
        assert [s["nomor"] for s in tersimpan] == ["1", "1a", "2", "3"]
        assert tersimpan[1]["baris"][0] | {"kunci": None, "asal": None} == {
            "kunci": None,
            "asal": None,
            "indikator": "",
            "target": "",
            "kegiatan": "Kegiatan baru",
            "target_kegiatan_aksi": "",
            "triwulan": [4],
            "anggaran": None,
            "pelaksana": "",
        }

    @pytest.mark.parametrize("induk", ["9", "", "x", "-1"])
    def test_a_row_naming_no_sasaran_of_the_page_is_refused_on_that_row(self, masuk, rak, induk):
        sebelum = (_kunci(rak), rak.suntingan)
        data = form_data(rak)
        data[f"{PREFIX}-1-induk"] = induk
        data[f"{PREFIX}-1-pelaksana"] = "Isian yang tidak boleh hilang"

        response = masuk.post(_url(rak), data)

        assert response.status_code == 200
        html = response.content.decode()
        assert "Dokumen belum disimpan" in html
        assert "Isian yang tidak boleh hilang" in html
        assert "Baris ini tidak termasuk sasaran mana pun." in html
        rak.refresh_from_db()
        assert (_kunci(rak), rak.suntingan) == sebelum

    def test_a_sasaran_key_of_another_document_is_refused(self, masuk, rak):
        data = form_data(rak)
        data["sasaran-1-kunci"] = str(uuid.uuid4())

        response = masuk.post(_url(rak), data)

        assert response.status_code == 200
        assert "Baris ini tidak ada (lagi) di dokumen ini" in response.content.decode()

    def test_a_refused_page_shows_the_blocks_as_they_were_sent(self, masuk, rak):
        data = form_data(rak)
        data["sasaran-2-ORDER"] = "0"
        data[f"{PREFIX}-0-kegiatan"] = ""

        html = masuk.post(_url(rak), data).content.decode()

        assert html.index("Sasaran kegiatan uji 3") < html.index("Sasaran kegiatan uji 1")
        assert "Isi kegiatan untuk triwulan yang dicentang." in html


@pytest.mark.django_db
def test_the_page_shows_the_anggaran_total_and_the_rows_in_their_blocks(masuk, rak):
    html = masuk.get(_url(rak)).content.decode()

    assert "Jumlah anggaran: <output" in html
    assert ">Rp9.000.000</output>" in html
    assert html.count('class="blok-sasaran"') == 3
    assert html.count('<tr class="baris-form">') == 6 + 1  # and the empty row's template


@pytest.mark.django_db
def test_the_rkt_editor_has_blocks_and_no_total(client):
    rkt = RktFactory()
    client.force_login(OperatorFactory(satker=rkt.satker))

    html = client.get(_url(rkt)).content.decode()

    assert 'id="tabel-kelompok"' in html
    assert "Jumlah anggaran" not in html


@pytest.mark.django_db
def test_the_editor_page_runs_a_fixed_number_of_queries(masuk, rak, django_assert_num_queries):
    with django_assert_num_queries(8):
        assert masuk.get(_url(rak)).status_code == 200
