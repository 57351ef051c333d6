import uuid

import pytest
from django.urls import reverse

from dokumen.alur import TidakBerhak
from dokumen.baris import data_baris
from dokumen.models import CatatanReviu
from dokumen.reviu import CatatanTidakValid, catatan_jawab, catatan_tambah, pilihan_bagian
from tests.factories import (
    IkuFactory,
    KetuaPenggunaFactory,
    OperatorFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
    baris_iku,
    sasaran_rak,
    sasaran_rkt,
)


@pytest.fixture
def rak(db):
    """A RAK draft of a Kab/Kota: 3 sasaran of 2 rows each."""
    return RakFactory(baris=sasaran_rak(3, baris=2))


@pytest.fixture
def reviewer(rak):
    """The reviewer of the RAK's provinsi."""
    return ReviewerFactory(satker=rak.satker.induk)


@pytest.fixture
def operator(rak):
    return OperatorFactory(satker=rak.satker)


@pytest.mark.django_db
class TestServices:
    def test_a_reviewer_notes_a_row_of_a_document_in_their_provinsi(self, rak, reviewer):
        kunci, label = pilihan_bagian(rak)[3]
        catatan = catatan_tambah(
            dokumen=rak, user=reviewer, isi="Pelaksana kosong", kunci_bagian=kunci
        )
        catatan.refresh_from_db()
        assert (str(catatan.kunci_bagian), catatan.bagian, catatan.selesai) == (kunci, label, False)
        assert label == "Sasaran 2, baris 2: Kegiatan uji 2.2"

    @pytest.mark.parametrize(
        "pengguna",
        [
            lambda rak: ReviewerFactory(),  # of another provinsi
            lambda rak: OperatorFactory(satker=rak.satker),
            lambda rak: KetuaPenggunaFactory(satker=rak.satker),
        ],
        ids=["reviewer-lain", "operator", "ketua"],
    )
    def test_others_cannot_write_review_notes(self, rak, pengguna):
        with pytest.raises(TidakBerhak):
            catatan_tambah(dokumen=rak, user=pengguna(rak), isi="x")
        assert not CatatanReviu.objects.exists()

    @pytest.mark.parametrize(("isi", "kunci"), [("  ", None), ("ok", uuid.uuid4())])
    def test_an_empty_note_or_unknown_row_is_refused(self, rak, reviewer, isi, kunci):
        with pytest.raises(CatatanTidakValid):
            catatan_tambah(dokumen=rak, user=reviewer, isi=isi, kunci_bagian=kunci)
        assert not CatatanReviu.objects.exists()

    def test_staff_answer_and_resolve(self, rak, reviewer, operator):
        catatan = catatan_tambah(dokumen=rak, user=reviewer, isi="Cek TW")
        catatan_jawab(catatan=catatan, user=operator, jawaban="Sudah", selesai=True)
        catatan.refresh_from_db()
        assert (catatan.jawaban, catatan.selesai) == ("Sudah", True)
        assert catatan.dijawab_oleh == operator

    def test_the_reviewer_cannot_answer_for_the_satker(self, rak, reviewer):
        catatan = catatan_tambah(dokumen=rak, user=reviewer, isi="Cek TW")
        with pytest.raises(TidakBerhak):
            catatan_jawab(catatan=catatan, user=reviewer, jawaban="x", selesai=True)

    def test_every_row_of_every_type_can_be_named(self):
        rak = RakFactory(baris=sasaran_rak(3, baris=4))
        rkt = RktFactory(baris=sasaran_rkt(2, indikator=5))
        iku = IkuFactory(baris=baris_iku(7))
        assert len(pilihan_bagian(rak)) == 12
        assert len(pilihan_bagian(rkt)) == 10
        assert len(pilihan_bagian(iku)) == 7
        assert pilihan_bagian(rkt)[-1][1] == "Sasaran 2, baris 5: Persentase indikator uji 2.5"
        assert pilihan_bagian(iku)[0][1] == "Baris 1: 1 Persentase capaian indikator uji 1"
        # Each pair is (the row's key, its label): the keys are the rows' own.
        assert [k for k, _ in pilihan_bagian(iku)] == [b["kunci"] for b in data_baris(iku)]


@pytest.mark.django_db
def test_the_round_trip_through_the_document_page(client, rak, reviewer, operator):
    url = reverse("dokumen:detail", args=[rak.pk])
    client.force_login(reviewer)
    client.post(reverse("dokumen:catatan-baru", args=[rak.pk]), {"isi": "Anggaran <b>?</b>"})
    catatan = CatatanReviu.objects.get()

    client.force_login(operator)
    html = client.get(url).content.decode()
    assert "Anggaran &lt;b&gt;?&lt;/b&gt;" in html
    assert "Terbuka" in html
    client.post(
        reverse("dokumen:catatan-jawab", args=[rak.pk, catatan.pk]),
        {"jawaban": "Sudah diperbaiki", "selesai": "1"},
    )

    client.force_login(reviewer)
    html = client.get(url).content.decode()
    assert "Sudah diperbaiki" in html
    assert "Selesai" in html


@pytest.mark.django_db
def test_notes_of_another_satker_are_out_of_reach(client, rak, reviewer):
    catatan = catatan_tambah(dokumen=rak, user=reviewer, isi="Cek")
    client.force_login(OperatorFactory())  # of another satker
    url = reverse("dokumen:catatan-jawab", args=[rak.pk, catatan.pk])
    assert client.post(url, {"jawaban": "x"}).status_code == 404
    client.force_login(ReviewerFactory())  # of another provinsi
    assert (
        client.post(reverse("dokumen:catatan-baru", args=[rak.pk]), {"isi": "x"}).status_code == 404
    )
    catatan.refresh_from_db()
    assert catatan.jawaban == ""
