"""Row keys through the API: every row and sasaran shows its `kunci` (and `asal`), a row sent
back with its key is updated in place, a row without one is new, and a key that is not the
document's, or is sent twice, is a 400 at that row's position with nothing saved."""

import copy
import uuid

import pytest
import yaml
from django.test import Client
from rest_framework.test import APIClient

from dokumen.baris import data_baris
from dokumen.models import Dokumen
from dokumen.serializers import PESAN_HANYA_DIBACA, PESAN_KUNCI_ASING, PESAN_KUNCI_GANDA
from dokumen.services import dokumen_salin
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak
from satker.models import Peran
from tests.factories import (
    IkuFactory,
    RakFactory,
    RktFactory,
    akun_satker,
    baris_iku,
    sasaran_rak,
    sasaran_rkt,
    tanpa_kunci,
)


def url(dokumen: Dokumen) -> str:
    return f"/api/v1/dokumen/{dokumen.pk}/"


def operator(dokumen: Dokumen) -> APIClient:
    client = APIClient()
    client.force_authenticate(akun_satker(dokumen.satker, Peran.OPERATOR))
    return client


def kirim(dokumen: Dokumen, baris: list[dict]):
    dokumen.refresh_from_db()
    return operator(dokumen).patch(
        url(dokumen), {"suntingan": dokumen.suntingan, "baris": baris}, format="json"
    )


def baca(dokumen: Dokumen) -> list[dict]:
    response = operator(dokumen).get(url(dokumen))
    assert response.status_code == 200
    return response.json()["baris"]


@pytest.mark.django_db
def test_every_row_and_sasaran_shows_its_key_and_no_source():
    rak = RakFactory(baris=sasaran_rak(2, baris=2))

    baris = baca(rak)

    assert baris == data_baris(rak)
    for sasaran in baris:
        uuid.UUID(sasaran["kunci"])
        assert sasaran["asal"] is None
        for row in sasaran["baris"]:
            uuid.UUID(row["kunci"])
            assert row["asal"] is None


@pytest.mark.django_db
def test_rows_sent_back_reordered_are_updated_in_place():
    iku = IkuFactory(baris=baris_iku(3))
    pk = dict(BarisIku.objects.filter(dokumen=iku).values_list("kunci", "pk"))
    baris = list(reversed(baca(iku)))
    baris[0]["target"] = "99%"

    response = kirim(iku, baris)

    assert response.status_code == 200, response.json()
    assert response.json()["baris"] == baris
    assert dict(BarisIku.objects.filter(dokumen=iku).values_list("kunci", "pk")) == pk


@pytest.mark.django_db
def test_a_row_moved_to_another_sasaran_keeps_its_key():
    rkt = RktFactory(baris=sasaran_rkt(2, indikator=2))
    baris = baca(rkt)
    pindah = baris[0]["indikator"].pop()
    baris[1]["indikator"].insert(0, pindah)

    response = kirim(rkt, baris)

    assert response.status_code == 200, response.json()
    assert response.json()["baris"][1]["indikator"][0] == pindah


@pytest.mark.django_db
def test_a_row_without_a_key_is_new_and_a_row_not_sent_is_deleted():
    rak = RakFactory(baris=sasaran_rak(1, baris=2))
    baris = baca(rak)
    dihapus = baris[0]["baris"].pop(0)
    baris[0]["baris"].append({"kegiatan": "Kegiatan baru", "triwulan": [3]})

    response = kirim(rak, baris)

    assert response.status_code == 200, response.json()
    sesudah = response.json()["baris"][0]["baris"]
    assert sesudah[0] == baris[0]["baris"][0]
    assert sesudah[1]["kegiatan"] == "Kegiatan baru"
    assert sesudah[1]["kunci"] not in {dihapus["kunci"], baris[0]["baris"][0]["kunci"]}
    assert not BarisRak.objects.filter(kunci=dihapus["kunci"]).exists()


def _galat(response) -> dict:
    assert response.status_code == 400, response.json()
    return response.json()["baris"]


@pytest.mark.django_db
class TestKunciDitolak:
    def test_a_key_that_is_no_row_of_the_document_is_a_400_at_its_row(self):
        iku = IkuFactory(baris=baris_iku(3))
        lain = IkuFactory(baris=baris_iku(1))
        sebelum = data_baris(iku)
        baris = copy.deepcopy(sebelum)
        baris[1]["kunci"] = data_baris(lain)[0]["kunci"]  # a row of another document
        baris[2]["kunci"] = str(uuid.uuid4())

        galat = _galat(kirim(iku, baris))

        assert galat == {"1": {"kunci": [PESAN_KUNCI_ASING]}, "2": {"kunci": [PESAN_KUNCI_ASING]}}
        assert data_baris(iku) == sebelum

    def test_a_key_sent_twice_is_a_400_at_the_second_row(self):
        iku = IkuFactory(baris=baris_iku(3))
        baris = data_baris(iku)
        baris[2]["kunci"] = baris[0]["kunci"]

        assert _galat(kirim(iku, baris)) == {"2": {"kunci": [PESAN_KUNCI_GANDA]}}

    def test_a_row_key_sent_in_two_sasaran_is_a_400_at_the_second(self):
        rak = RakFactory(baris=sasaran_rak(2, baris=2))
        sebelum = data_baris(rak)
        baris = copy.deepcopy(sebelum)
        baris[1]["baris"][1]["kunci"] = baris[0]["baris"][0]["kunci"]

        galat = _galat(kirim(rak, baris))

        assert galat == {"1": {"baris": {"1": {"kunci": [PESAN_KUNCI_GANDA]}}}}
        assert data_baris(rak) == sebelum

    def test_a_sasaran_key_that_is_not_the_document_s_is_a_400(self):
        rkt = RktFactory(baris=sasaran_rkt(2, indikator=1))
        baris = data_baris(rkt)
        baris[0]["kunci"] = str(uuid.uuid4())

        assert _galat(kirim(rkt, baris)) == {"0": {"kunci": [PESAN_KUNCI_ASING]}}

    def test_a_key_that_is_no_uuid_is_a_400_in_indonesian(self):
        iku = IkuFactory(baris=baris_iku(1))
        baris = data_baris(iku)
        baris[0]["kunci"] = "baris-1"

        galat = _galat(kirim(iku, baris))

        assert galat == {"0": {"kunci": ["Tulis kunci baris sebagai UUID, seperti yang dibaca."]}}

    def test_a_new_document_has_no_row_to_name(self):
        iku = IkuFactory()
        client = operator(iku)
        isian = {
            "satker": iku.satker.kode,
            "jenis": "IKU",
            "tahun": 2031,
            "baris": [{"kunci": data_baris(iku)[0]["kunci"], "indikator": "I"}],
        }

        response = client.post("/api/v1/dokumen/", isian, format="json")

        assert _galat(response) == {"0": {"kunci": [PESAN_KUNCI_ASING]}}
        assert not Dokumen.objects.filter(satker=iku.satker, tahun=2031).exists()


@pytest.mark.django_db
class TestAsal:
    @pytest.fixture
    def salinan(self):
        sumber = RakFactory(tahun=2024, baris=sasaran_rak(2, baris=1))
        return sumber, dokumen_salin(sumber=sumber, tahun=2025)

    def test_a_copy_shows_the_keys_of_its_source_rows(self, salinan):
        sumber, baru = salinan

        baris, asli = baca(baru), data_baris(sumber)

        assert [s["asal"] for s in baris] == [s["kunci"] for s in asli]
        assert [s["baris"][0]["asal"] for s in baris] == [s["baris"][0]["kunci"] for s in asli]
        assert tanpa_kunci(baris) == tanpa_kunci(asli)

    def test_asal_may_come_back_unchanged_but_not_changed(self, salinan):
        sumber, baru = salinan
        baris = baca(baru)

        sama = kirim(baru, baris)
        assert sama.status_code == 200, sama.json()
        assert sama.json()["baris"] == baris

        baris[0]["baris"][0]["asal"] = None
        baris[1]["asal"] = baris[0]["asal"]
        galat = _galat(kirim(baru, baris))
        assert galat == {
            "0": {"baris": {"0": {"asal": [PESAN_HANYA_DIBACA]}}},
            "1": {"asal": [PESAN_HANYA_DIBACA]},
        }

    def test_a_new_row_cannot_claim_a_source(self, salinan):
        sumber, baru = salinan
        baris = baca(baru)
        baris[0]["baris"].append(
            {"kegiatan": "Baru", "asal": data_baris(sumber)[0]["baris"][0]["kunci"]}
        )

        assert _galat(kirim(baru, baris)) == {"0": {"baris": {"1": {"asal": [PESAN_HANYA_DIBACA]}}}}


@pytest.mark.django_db
def test_the_schema_shows_the_keys_of_every_row_shape():
    skema = yaml.safe_load(Client().get("/api/schema/").content)["components"]["schemas"]

    for nama in ("BarisIku", "SasaranRkt", "IndikatorRkt", "SasaranRak", "BarisRak"):
        kunci, asal = skema[nama]["properties"]["kunci"], skema[nama]["properties"]["asal"]
        assert (kunci["type"], kunci["format"]) == ("string", "uuid"), nama
        assert asal["nullable"] is True, nama
        assert "kunci" in skema[nama]["required"], nama
    for nama in ("BarisIkuIsian", "SasaranRktIsian", "IndikatorRktIsian", "BarisRakIsian"):
        assert skema[nama]["properties"]["kunci"]["format"] == "uuid", nama
        assert "kunci" not in skema[nama].get("required", []), nama
