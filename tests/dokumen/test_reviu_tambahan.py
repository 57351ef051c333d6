"""A review note can point at a row of a table beside the rows (dokumen.jenis.TabelTambahan, a
PK's programs) as it can at a row: picked by its key, labelled as the table labels it, and
following the row through a save that reorders it."""

import dataclasses

import pytest
from django.urls import reverse

from dokumen.baris import data_baris, data_tambahan, ganti_tambahan
from dokumen.jenis import jenis_terdaftar
from dokumen.reviu import catatan_dokumen, catatan_tambah, label_tambahan, pilihan_bagian
from tests.factories import PkFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pk():
    return PkFactory()


@pytest.fixture
def reviewer(pk):
    return ReviewerFactory(satker=pk.satker.induk)


def test_the_parts_a_reviewer_picks_from_are_the_rows_then_the_programs(pk):
    pilihan = pilihan_bagian(pk)

    baris = jenis_terdaftar("PK").label_bagian(data_baris(pk))
    program = data_tambahan(pk)["program"]
    assert pilihan[: len(baris)] == baris
    assert pilihan[len(baris) :] == [
        (program[0]["kunci"], "Program 1: Program uji 1"),
        (program[1]["kunci"], "Program 2: Program uji 2"),
    ]


def test_a_table_without_labels_of_its_own_numbers_its_rows_under_its_label(pk):
    tabel = dataclasses.replace(jenis_terdaftar("PK").tabel_tambahan("program"), label_bagian=None)
    program = data_tambahan(pk)["program"]

    assert label_tambahan(tabel, program) == [
        (program[0]["kunci"], "Program dan anggaran, baris 1"),
        (program[1]["kunci"], "Program dan anggaran, baris 2"),
    ]


def test_the_reviewer_notes_a_program_on_the_page(client, pk, reviewer):
    kunci = data_tambahan(pk)["program"][1]["kunci"]
    client.force_login(reviewer)

    html = client.get(reverse("dokumen:detail", args=[pk.pk])).content.decode()
    assert f'<option value="{kunci}">Program 2: Program uji 2</option>' in html
    response = client.post(
        reverse("dokumen:catatan-baru", args=[pk.pk]),
        {"kunci_bagian": kunci, "isi": "Anggaran terlalu besar"},
    )

    assert response.status_code == 302
    catatan = pk.catatan_reviu.get()
    assert (str(catatan.kunci_bagian), catatan.bagian) == (kunci, "Program 2: Program uji 2")


def test_a_note_on_a_program_follows_it_when_the_programs_are_reordered(pk, reviewer):
    program = data_tambahan(pk)["program"]
    catatan_tambah(dokumen=pk, user=reviewer, isi="Cek", kunci_bagian=program[1]["kunci"])

    ganti_tambahan(pk, {"program": list(reversed(program))})

    [tampil] = catatan_dokumen(pk)
    assert (tampil.bagian_tampil, tampil.bagian_terhapus) == ("Program 1: Program uji 2", False)
