"""The document-type registry: every type of Dokumen.jenis is declared once, by its own app."""

import dataclasses

import pytest

from dokumen import jenis as registri
from dokumen.baris import data_baris
from dokumen.models import Dokumen
from tests.conftest import dokumen_seed


def test_it_registers_every_document_type_from_its_app():
    assert registri.kode_jenis() == ["IKU", "RKT", "RAK", "PK"]
    assert registri.jenis_terdaftar("IKU").model_baris[0]._meta.app_label == "indikator"
    assert {registri.jenis_terdaftar(k).model_baris[0]._meta.app_label for k in ("RKT", "RAK")} == {
        "rencana_aksi"
    }
    assert registri.jenis_terdaftar("PK").model_baris[0]._meta.app_label == "perjanjian_kinerja"


def test_the_documents_choices_are_the_registered_types():
    """A new type app adds its type to Dokumen.jenis (and every form, filter and serializer
    choosing a type) by registering it: nothing in dokumen/ lists the types."""
    assert list(Dokumen._meta.get_field("jenis").choices) == registri.pilihan_jenis()
    assert registri.pilihan_jenis()[2] == ("RAK", "Rencana Aksi Kinerja")
    with registri.jenis_sementara(
        dataclasses.replace(registri.jenis_terdaftar("IKU"), kode="UJI", label="Jenis uji")
    ):
        assert ("UJI", "Jenis uji") in Dokumen._meta.get_field("jenis").choices
    assert "UJI" not in registri.kode_jenis()


def test_it_refuses_an_unknown_type():
    with pytest.raises(registri.JenisTidakDikenal, match="LKJ"):
        registri.jenis_terdaftar("LKJ")


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
