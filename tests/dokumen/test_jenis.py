"""The document-type registry: every type of Dokumen.jenis is declared once, by its own app."""

import pytest

from dokumen import jenis as registri
from dokumen.baris import data_baris
from dokumen.models import JenisDokumen
from tests.conftest import dokumen_seed


def test_it_registers_every_document_type_from_its_app():
    assert [j.kode for j in registri.semua_jenis()] == list(JenisDokumen.values)
    assert registri.jenis_terdaftar("IKU").model_baris[0]._meta.app_label == "indikator"
    assert {registri.jenis_terdaftar(k).model_baris[0]._meta.app_label for k in ("RKT", "RAK")} == {
        "rencana_aksi"
    }


def test_it_labels_each_type_as_the_model_choices_do():
    for kode, label in JenisDokumen.choices:
        assert registri.jenis_terdaftar(kode).label == label


def test_it_looks_a_type_up_by_its_choice_too():
    assert registri.jenis_terdaftar(JenisDokumen.RAK) is registri.jenis_terdaftar("RAK")


def test_it_refuses_an_unknown_type():
    with pytest.raises(registri.JenisTidakDikenal, match="PK"):
        registri.jenis_terdaftar("PK")


def test_it_refuses_a_second_declaration_of_a_registered_code():
    iku = registri.jenis_terdaftar("IKU")
    with pytest.raises(ValueError, match="sudah terdaftar"):
        registri.daftarkan(registri.JenisTerdaftar(**{**vars(iku), "label": "lain"}))
    assert registri.daftarkan(iku) is iku  # the same declaration again is harmless


def test_it_declares_one_signing_party_with_the_seed_default_jabatan():
    jabatan = {
        kode: [p.jabatan_bawaan for p in registri.jenis_terdaftar(kode).pihak_ttd]
        for kode in ("IKU", "RKT", "RAK")
    }
    assert jabatan == {"IKU": ["KETUA"], "RKT": ["KETUA"], "RAK": ["SEKRETARIS"]}


@pytest.mark.django_db
@pytest.mark.parametrize(("kode", "anak"), [("IKU", None), ("RKT", "indikator"), ("RAK", "baris")])
def test_it_reads_rows_in_the_declared_shape(kode, anak):
    dokumen = dokumen_seed("kab-lebak", kode)
    terdaftar = registri.jenis_terdaftar(kode)
    baris = data_baris(dokumen)
    assert terdaftar.kunci_anak == anak
    assert baris
    assert all((anak in item) == (anak is not None) for item in baris)
    assert terdaftar.daun(baris)
