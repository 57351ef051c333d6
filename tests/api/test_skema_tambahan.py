"""The schema describes the tables beside the rows (dokumen.jenis.TabelTambahan, a PK's
`program`) as the document is read: under their key, in their read serializer's shape, and
not promised on a type that has no such table."""

import pytest
import yaml
from django.test import Client

from dokumen.jenis import semua_jenis
from tests.api.test_dokumen_api import baca, klien
from tests.factories import IkuFactory, OperatorFactory, PkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def komponen() -> dict:
    return yaml.safe_load(Client().get("/api/schema/").content)["components"]["schemas"]


def _isi(komponen: dict, skema: dict) -> dict:
    """The component an array of rows refers to."""
    return komponen[skema["items"]["$ref"].rsplit("/", 1)[1]]


def test_every_registered_table_beside_the_rows_is_in_the_read_document(komponen):
    dokumen = komponen["Dokumen"]
    tabel = [t for j in semua_jenis() for t in j.tambahan]

    assert tabel, "the PK declares its programs"
    for t in tabel:
        skema = dokumen["properties"][t.kunci]
        assert skema["type"] == "array"
        assert set(_isi(komponen, skema)["properties"]) == set(t.serializer_baca().fields)
        # Only documents of a type that has the table carry it.
        assert t.kunci not in dokumen["required"]


def test_a_pk_read_has_its_programs_as_the_schema_says(komponen):
    pk = PkFactory()

    data = baca(klien(OperatorFactory(satker=pk.satker)), pk)

    program = _isi(komponen, komponen["Dokumen"]["properties"]["program"])
    assert data["program"]
    for baris in data["program"]:
        assert set(baris) == set(program["properties"]) == set(program["required"])


def test_a_document_of_a_type_without_the_table_has_no_key_for_it():
    iku = IkuFactory()

    data = baca(klien(OperatorFactory(satker=iku.satker)), iku)

    assert "program" not in data
    assert "baris" in data
