"""The PK in the API: its rows with the measurement, its programs beside them (`program`),
read and written with the editor's rules; other types refuse `program` as an unknown field."""

import uuid

import pytest

from dokumen.baris import data_baris, data_tambahan
from dokumen.models import Dokumen
from perjanjian_kinerja.models import PESAN_TARGET_WAJIB
from tests.api.test_dokumen_api import baca, klien, url
from tests.factories import OperatorFactory, PkFactory, RktFactory, pejabat_satker, sasaran_pk

pytestmark = pytest.mark.django_db


@pytest.fixture
def pk():
    return PkFactory()


@pytest.fixture
def api(pk):
    return klien(OperatorFactory(satker=pk.satker))


def _jejak(pk) -> tuple:
    pk.refresh_from_db()
    return pk.suntingan, data_baris(pk), data_tambahan(pk)


def test_it_reads_the_indicators_measurement_and_the_programs(api, pk):
    data = baca(api, pk)

    indikator = data["baris"][0]["indikator"][0]
    assert {k: indikator[k] for k in ("polaritas", "agregasi", "satuan", "target_tw4")} == {
        "polaritas": "NAIK",
        "agregasi": "KUMULATIF",
        "satuan": "Laporan",
        "target_tw4": "12",
    }
    assert indikator["asal_rkt"] is None
    assert [(p["program"], p["kode"], p["anggaran"]) for p in data["program"]] == [
        ("Program uji 1", "076.01.U1", 1_000_000_000),
        ("Program uji 2", "076.01.U2", 2_000_000_000),
    ]
    assert all(p["kunci"] and p["asal"] is None for p in data["program"])


def test_a_document_read_and_sent_back_is_saved_unchanged(api, pk):
    data = baca(api, pk)

    response = api.put(url(pk), data, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["baris"] == data["baris"]
    assert response.json()["program"] == data["program"]


def test_it_writes_the_programs_by_key(api, pk):
    data = baca(api, pk)
    kunci = data["program"][0]["kunci"]

    response = api.patch(
        url(pk),
        {
            "suntingan": data["suntingan"],
            "program": [
                {
                    "kunci": kunci,
                    "program": "Program Dukungan Manajemen",
                    "kode": "076.01.WA",
                    "anggaran": "Rp8.170.412.000",
                },
                {"program": "Program baru", "anggaran": 22880000},
            ],
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    program = data_tambahan(pk)["program"]
    assert [(p["kunci"] == kunci, p["program"], p["anggaran"]) for p in program] == [
        (True, "Program Dukungan Manajemen", 8_170_412_000),
        (False, "Program baru", 22_880_000),
    ]
    assert data_baris(pk) == data["baris"]  # rows not sent are left as they are


@pytest.mark.parametrize(
    ("program", "galat"),
    [
        (
            [{"program": "P", "anggaran": "delapan"}],
            {"0": {"anggaran": ["Tulis anggaran sebagai angka rupiah, mis. 8.170.412.000."]}},
        ),
        (
            [{"program": "P", "anggaran": "-5"}],
            {"0": {"anggaran": ["Anggaran tidak boleh negatif."]}},
        ),
        ([{"program": ""}], {"0": {"program": ["Program wajib diisi."]}}),
        (
            [{"program": "P", "warna": "x"}],
            {"0": {"warna": ["Kolom tidak dikenal; periksa ejaannya atau hapus dari isian."]}},
        ),
    ],
    ids=["bukan-angka", "negatif", "tanpa-nama", "kolom-asing"],
)
def test_a_bad_program_is_a_400_at_its_field_and_nothing_is_saved(api, pk, program, galat):
    sebelum = _jejak(pk)

    response = api.patch(url(pk), {"suntingan": pk.suntingan, "program": program}, format="json")

    assert response.status_code == 400
    assert response.json()["program"] == galat
    assert _jejak(pk) == sebelum


def test_a_program_key_not_of_the_document_is_refused(api, pk):
    sebelum = _jejak(pk)
    asing = str(uuid.uuid4())

    response = api.patch(
        url(pk),
        {"suntingan": pk.suntingan, "program": [{"kunci": asing, "program": "P"}]},
        format="json",
    )

    assert response.status_code == 400
    assert "kunci" in response.json()["program"]["0"]
    assert _jejak(pk) == sebelum


def test_a_quarter_that_does_not_fit_is_a_400_at_its_field(api, pk):
    data = baca(api, pk)
    data["baris"][0]["indikator"][0]["target_tw4"] = "10"
    sebelum = _jejak(pk)

    response = api.put(url(pk), data, format="json")

    assert response.status_code == 400
    assert response.json()["baris"] == {
        "0": {
            "indikator": {
                "0": {"target_tw4": ["Target kumulatif TW IV harus sama dengan target tahunan."]}
            }
        }
    }
    assert _jejak(pk) == sebelum


def test_another_type_refuses_program_as_an_unknown_field():
    rkt = RktFactory()
    api = klien(OperatorFactory(satker=rkt.satker))

    response = api.patch(url(rkt), {"suntingan": rkt.suntingan, "program": []}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "program": ["Kolom tidak dikenal; periksa ejaannya atau hapus dari isian."]
    }
    assert "program" not in baca(api, rkt)


def test_a_new_pk_is_created_with_its_rows_and_programs(pk):
    satker = pk.satker
    Dokumen.objects.filter(pk=pk.pk).delete()
    pejabat_satker(satker, "KETUA")
    api = klien(OperatorFactory(satker=satker))

    response = api.post(
        "/api/v1/dokumen/",
        {
            "satker": satker.kode,
            "jenis": "PK",
            "tahun": 2026,
            "baris": sasaran_pk(1, indikator=1),
            "program": [{"program": "Program Dukungan Manajemen", "kode": "076.01.WA"}],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["program"][0]["anggaran"] is None
    baru = Dokumen.objects.get(pk=response.json()["id"])
    assert baru.penandatangan.jabatan == "SEKRETARIS"
    assert len(data_tambahan(baru)["program"]) == 1


def test_a_qualitative_target_gets_no_warning_a_textual_numeric_one_does(api, pk):
    data = baca(api, pk)
    pertama, kedua = data["baris"][0]["indikator"]
    pertama |= {
        "target": "WTP",
        "polaritas": "KUALITATIF",
        "skala": "OPINI_BPK",
        "agregasi": "TERAKHIR",
    }
    pertama |= {f"target_tw{tw}": "" for tw in range(1, 5)}
    kedua["target"] = "baik"

    response = api.put(url(pk), data, format="json")

    assert response.status_code == 200, response.json()
    assert [p["kolom"] for p in response.json()["peringatan"]] == ["baris[0].indikator[1].target"]


def test_an_indicator_without_a_target_is_a_400_at_its_field(api, pk):
    data = baca(api, pk)
    data["baris"][0]["indikator"][0] |= {"target": "", "target_tw1": "", "target_tw2": ""}
    data["baris"][0]["indikator"][0] |= {"target_tw3": "", "target_tw4": ""}
    sebelum = _jejak(pk)

    response = api.put(url(pk), data, format="json")

    assert response.status_code == 400
    assert response.json()["baris"] == {"0": {"indikator": {"0": {"target": [PESAN_TARGET_WAJIB]}}}}
    assert _jejak(pk) == sebelum
