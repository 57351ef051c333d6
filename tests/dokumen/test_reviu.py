import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dokumen.alur import TidakBerhak
from dokumen.models import CatatanReviu
from dokumen.reviu import CatatanTidakValid, catatan_jawab, catatan_tambah, pilihan_bagian


def _user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.mark.django_db
class TestServices:
    def test_a_reviewer_notes_a_row_of_a_document_in_their_provinsi(self, rak_lebak):
        bagian = pilihan_bagian(rak_lebak)[5]
        catatan = catatan_tambah(
            dokumen=rak_lebak, user=_user("reviewer.banten"), isi="Pelaksana kosong", bagian=bagian
        )
        assert (catatan.bagian, catatan.selesai) == (bagian, False)
        assert bagian.startswith("Sasaran 5, baris 2: Penatausahaan Barang Milik")

    @pytest.mark.parametrize(
        "username", ["reviewer.kalimantan-timur", "operator.kab-lebak", "ketua.kab-lebak"]
    )
    def test_others_cannot_write_review_notes(self, rak_lebak, username):
        with pytest.raises(TidakBerhak):
            catatan_tambah(dokumen=rak_lebak, user=_user(username), isi="x")
        assert not CatatanReviu.objects.exists()

    @pytest.mark.parametrize(("isi", "bagian"), [("  ", ""), ("ok", "Baris yang tidak ada")])
    def test_an_empty_note_or_unknown_row_is_refused(self, rak_lebak, isi, bagian):
        with pytest.raises(CatatanTidakValid):
            catatan_tambah(dokumen=rak_lebak, user=_user("reviewer.banten"), isi=isi, bagian=bagian)
        assert not CatatanReviu.objects.exists()

    def test_staff_answer_and_resolve(self, rak_lebak):
        catatan = catatan_tambah(dokumen=rak_lebak, user=_user("reviewer.banten"), isi="Cek TW")
        catatan_jawab(
            catatan=catatan, user=_user("operator.kab-lebak"), jawaban="Sudah", selesai=True
        )
        catatan.refresh_from_db()
        assert (catatan.jawaban, catatan.selesai) == ("Sudah", True)
        assert catatan.dijawab_oleh.username == "operator.kab-lebak"

    def test_the_reviewer_cannot_answer_for_the_satker(self, rak_lebak):
        catatan = catatan_tambah(dokumen=rak_lebak, user=_user("reviewer.banten"), isi="Cek TW")
        with pytest.raises(TidakBerhak):
            catatan_jawab(catatan=catatan, user=_user("reviewer.banten"), jawaban="x", selesai=True)

    def test_every_row_of_every_type_can_be_named(self, rak_lebak, rkt_lebak, iku_serang):
        assert len(pilihan_bagian(rak_lebak)) == 24
        assert len(pilihan_bagian(rkt_lebak)) == 22
        assert len(pilihan_bagian(iku_serang)) == 13


@pytest.mark.django_db
def test_the_round_trip_through_the_document_page(client, rak_lebak):
    url = reverse("dokumen:detail", args=[rak_lebak.pk])
    client.force_login(_user("reviewer.banten"))
    client.post(reverse("dokumen:catatan-baru", args=[rak_lebak.pk]), {"isi": "Anggaran <b>?</b>"})
    catatan = CatatanReviu.objects.get()

    client.force_login(_user("operator.kab-lebak"))
    html = client.get(url).content.decode()
    assert "Anggaran &lt;b&gt;?&lt;/b&gt;" in html
    assert "Terbuka" in html
    client.post(
        reverse("dokumen:catatan-jawab", args=[rak_lebak.pk, catatan.pk]),
        {"jawaban": "Sudah diperbaiki", "selesai": "1"},
    )

    client.force_login(_user("reviewer.banten"))
    html = client.get(url).content.decode()
    assert "Sudah diperbaiki" in html
    assert "Selesai" in html


@pytest.mark.django_db
def test_notes_of_another_satker_are_out_of_reach(client, rak_lebak):
    catatan = catatan_tambah(dokumen=rak_lebak, user=_user("reviewer.banten"), isi="Cek")
    client.force_login(_user("operator.kota-serang"))
    url = reverse("dokumen:catatan-jawab", args=[rak_lebak.pk, catatan.pk])
    assert client.post(url, {"jawaban": "x"}).status_code == 404
    client.force_login(_user("reviewer.kalimantan-timur"))
    assert (
        client.post(reverse("dokumen:catatan-baru", args=[rak_lebak.pk]), {"isi": "x"}).status_code
        == 404
    )
    catatan.refresh_from_db()
    assert catatan.jawaban == ""
