"""A save conflict in the editor: someone saved after the page was opened. The page shows their
change beside mine, item by item, and saving again with the choices merges both over their
version; nothing of either is lost unless the user chose so."""

import copy
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.baris import data_baris
from dokumen.konflik import PESAN_PILIH
from dokumen.services import KOLOM_KEPALA, dokumen_simpan
from tests.dokumen.test_dokumen_ubah import PREFIX, form_data, tambah_baris_rak
from tests.factories import IkuFactory, OperatorFactory, RakFactory, baris_iku, sasaran_rak


def _url(dokumen) -> str:
    return reverse("dokumen:ubah", args=[dokumen.pk])


@pytest.fixture
def rak(db):
    return RakFactory(tahun=2030, baris=sasaran_rak(2, baris=2))


@pytest.fixture
def operator(rak):
    return OperatorFactory(satker=rak.satker)


def simpan_mereka(dokumen, ubah, **kepala) -> None:
    """Another person's save through the service: `ubah` edits the stored rows in place."""
    dokumen.refresh_from_db()
    baris = copy.deepcopy(data_baris(dokumen))
    ubah(baris)
    isi = {k: getattr(dokumen, k) for k in KOLOM_KEPALA} | kepala
    dokumen_simpan(dokumen=dokumen, kepala=isi, baris=baris, suntingan=dokumen.suntingan, oleh=None)


def pilihan(response) -> dict[str, object]:
    return {p.nama: p for p in response.context["konflik"].pilihan}


def kirim_ulang(client, dokumen, data, response, **pilih):
    """Save again from the conflict page: the same form, their version, the choices."""
    ulang = data | {"suntingan_mereka": str(response.context["konflik"].suntingan)}
    return client.post(_url(dokumen), ulang | pilih)


def _rows(dokumen) -> list[list[tuple[str, str]]]:
    return [[(b["kegiatan"], b["pelaksana"]) for b in s["baris"]] for s in data_baris(dokumen)]


@pytest.mark.django_db
class TestKonflik:
    def test_changes_to_different_rows_are_shown_and_both_are_kept(self, client, operator, rak):
        client.force_login(operator)
        data = form_data(rak)  # the page opened now
        data[f"{PREFIX}-3-pelaksana"] = "Pelaksana saya"

        def ubah(baris):
            baris[0]["baris"][0]["kegiatan"] = "Kegiatan mereka"

        simpan_mereka(rak, ubah, tempat_ttd="Tempat mereka", tanggal_ttd=datetime.date(2030, 1, 2))
        response = client.post(_url(rak), data)

        assert response.status_code == 200
        html = response.content.decode()
        assert "baru saja diubah dan disimpan dari halaman lain" in html
        assert "Kegiatan mereka" in html
        assert "Pelaksana saya" in html
        semua = pilihan(response)
        k_mereka = data_baris(rak)[0]["baris"][0]["kunci"]
        k_saya = data_baris(rak)[1]["baris"][1]["kunci"]
        assert semua[f"pilih-{k_mereka}"].bawaan == "mereka"
        assert semua[f"pilih-{k_mereka}"].ubah_mereka == "diubah"
        assert semua[f"pilih-{k_saya}"].bawaan == "saya"
        assert semua["pilih-kepala-tempat_ttd"].bawaan == "mereka"
        assert semua["pilih-kepala-tanggal_ttd"].kolom[0][1] == "2 Januari 2030"
        assert _rows(rak)[1][1] == ("Kegiatan uji 2.2", "Subbagian Uji")  # nothing saved yet

        akhir = kirim_ulang(client, rak, data, response)

        assert akhir.status_code == 302
        rak.refresh_from_db()
        assert (rak.tempat_ttd, rak.tanggal_ttd) == ("Tempat mereka", datetime.date(2030, 1, 2))
        assert _rows(rak)[0][0][0] == "Kegiatan mereka"
        assert _rows(rak)[1][1] == ("Kegiatan uji 2.2", "Pelaksana saya")

    @pytest.mark.parametrize(("sisi", "harapan"), [("saya", "Saya"), ("mereka", "Mereka")])
    def test_a_row_both_changed_must_be_chosen_and_the_choice_is_saved(
        self, client, operator, rak, sisi, harapan
    ):
        client.force_login(operator)
        data = form_data(rak)
        data[f"{PREFIX}-0-kegiatan"] = "Saya"

        def ubah(baris):
            baris[0]["baris"][0]["kegiatan"] = "Mereka"

        simpan_mereka(rak, ubah)
        kunci = data_baris(rak)[0]["baris"][0]["kunci"]
        response = client.post(_url(rak), data)
        assert pilihan(response)[f"pilih-{kunci}"].bawaan is None

        tanpa_pilihan = kirim_ulang(client, rak, data, response)

        assert tanpa_pilihan.status_code == 200
        assert PESAN_PILIH in tanpa_pilihan.content.decode()
        assert _rows(rak)[0][0][0] == "Mereka"

        akhir = kirim_ulang(client, rak, data, response, **{f"pilih-{kunci}": sisi})

        assert akhir.status_code == 302
        assert _rows(rak)[0][0][0] == harapan

    def test_a_row_they_deleted_that_i_changed_can_be_kept_with_its_key(
        self, client, operator, rak
    ):
        client.force_login(operator)
        kunci = data_baris(rak)[1]["baris"][0]["kunci"]
        data = form_data(rak)
        data[f"{PREFIX}-2-pelaksana"] = "Tetap saya"

        def ubah(baris):
            del baris[1]["baris"][0]

        simpan_mereka(rak, ubah)
        response = client.post(_url(rak), data)
        item = pilihan(response)[f"pilih-{kunci}"]
        assert (item.ubah_mereka, item.ubah_saya, item.ada_mereka) == ("dihapus", "diubah", False)

        akhir = kirim_ulang(client, rak, data, response, **{f"pilih-{kunci}": "saya"})

        assert akhir.status_code == 302
        tersimpan = data_baris(rak)
        assert [b["kunci"] for b in tersimpan[1]["baris"]][0] == kunci
        assert tersimpan[1]["baris"][0]["pelaksana"] == "Tetap saya"

    def test_rows_added_on_both_sides_are_both_kept(self, client, operator, rak):
        client.force_login(operator)
        data = tambah_baris_rak(form_data(rak), kegiatan="Tambahan saya")

        def ubah(baris):
            baris[0]["baris"].append({"kegiatan": "Tambahan mereka", "triwulan": [3]})

        simpan_mereka(rak, ubah)
        response = client.post(_url(rak), data)
        bawaan = {p.label.split("Baris: ")[-1]: p.bawaan for p in pilihan(response).values()}
        assert bawaan == {"Tambahan mereka": "mereka", "Tambahan saya": "saya"}

        assert kirim_ulang(client, rak, data, response).status_code == 302

        kegiatan = [[k for k, _ in s] for s in _rows(rak)]
        assert kegiatan == [
            ["Kegiatan uji 1.1", "Kegiatan uji 1.2", "Tambahan mereka"],
            ["Kegiatan uji 2.1", "Kegiatan uji 2.2", "Tambahan saya"],
        ]

    def test_a_row_they_moved_to_another_sasaran_follows_them(self, client, operator, rak):
        client.force_login(operator)
        kunci = data_baris(rak)[0]["baris"][1]["kunci"]
        data = form_data(rak)
        data[f"{PREFIX}-0-pelaksana"] = "Saya"

        def ubah(baris):
            baris[1]["baris"].append(baris[0]["baris"].pop())

        simpan_mereka(rak, ubah)
        response = client.post(_url(rak), data)
        assert pilihan(response)[f"pilih-{kunci}"].bawaan == "mereka"

        assert kirim_ulang(client, rak, data, response).status_code == 302

        tersimpan = data_baris(rak)
        assert [b["kunci"] for b in tersimpan[1]["baris"]][-1] == kunci
        assert tersimpan[0]["baris"][0]["pelaksana"] == "Saya"

    def test_a_save_meanwhile_by_a_third_person_shows_the_conflict_again(
        self, client, operator, rak
    ):
        client.force_login(operator)
        data = form_data(rak)
        data[f"{PREFIX}-0-kegiatan"] = "Saya"
        simpan_mereka(rak, lambda baris: None, tempat_ttd="Pertama")
        response = client.post(_url(rak), data)
        simpan_mereka(rak, lambda baris: None, tempat_ttd="Kedua")

        lagi = kirim_ulang(client, rak, data, response)

        assert lagi.status_code == 200
        assert "baru saja diubah dan disimpan dari halaman lain" in lagi.content.decode()
        assert lagi.context["konflik"].suntingan == response.context["konflik"].suntingan + 1
        rak.refresh_from_db()
        assert (rak.tempat_ttd, _rows(rak)[0][0][0]) == ("Kedua", "Kegiatan uji 1.1")

    def test_a_tampered_page_state_is_not_trusted(self, client, operator, rak):
        client.force_login(operator)
        data = form_data(rak) | {"dasar": "bukan-tanda-tangan"}
        data[f"{PREFIX}-0-kegiatan"] = "Saya"
        simpan_mereka(rak, lambda baris: None, tempat_ttd="Mereka")

        response = client.post(_url(rak), data)

        # Without the page's state nobody knows who changed what: every difference is a choice.
        assert {p.bawaan for p in pilihan(response).values()} == {None}


@pytest.mark.django_db
def test_a_flat_type_merges_by_row_too(client):
    iku = IkuFactory(baris=baris_iku(3))
    client.force_login(OperatorFactory(satker=iku.satker))
    data = form_data(iku)
    data[f"{PREFIX}-2-indikator"] = "Indikator saya"

    def ubah(baris):
        baris[0]["indikator"] = "Indikator mereka"

    simpan_mereka(iku, ubah)
    response = client.post(_url(iku), data)
    assert response.status_code == 200
    assert sorted(p.label for p in pilihan(response).values()) == [
        "Baris: Sasaran strategis uji 1",
        "Baris: Sasaran strategis uji 3",
    ]

    assert kirim_ulang(client, iku, data, response).status_code == 302

    assert [b["indikator"] for b in data_baris(iku)][::2] == ["Indikator mereka", "Indikator saya"]


@pytest.mark.django_db
def test_the_conflict_page_runs_a_number_of_queries_that_does_not_grow_with_the_rows(client):
    operator = OperatorFactory()
    client.force_login(operator)
    jumlah_kueri = []
    for jumlah, tahun in [(4, 2031), (40, 2032)]:
        rak = RakFactory(
            satker=operator.profil.satker, tahun=tahun, baris=sasaran_rak(jumlah, baris=2)
        )
        data = form_data(rak)
        data[f"{PREFIX}-0-kegiatan"] = "Saya"
        simpan_mereka(rak, lambda baris: baris[-1]["baris"].pop(), tempat_ttd="Mereka")
        with CaptureQueriesContext(connection) as kueri:
            response = client.post(_url(rak), data)
        assert response.status_code == 200
        assert len(response.context["konflik"].pilihan) == 3  # my row, their row, the place
        jumlah_kueri.append(len(kueri))
    assert jumlah_kueri[0] == jumlah_kueri[1]
