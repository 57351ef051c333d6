"""The document endpoints: edit a draft's header and rows, optimistic locking, validation,
creation, the workflow, PDF download and the public verification lookup."""

import datetime
import hashlib
import io

import pytest
from django.db import IntegrityError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dokumen.api import JSONTerbatas, TerlaluBesar
from dokumen.baris import data_baris
from dokumen.jenis import semua_jenis
from dokumen.models import Dokumen, StatusDokumen
from indikator.models import BarisIku
from satker.models import Peran
from tests.factories import (
    KUNCI_IDENTITAS,
    AdminRiFactory,
    AnggotaFactory,
    DokumenFactory,
    IkuFactory,
    KabKotaFactory,
    KetuaFactory,
    OperatorFactory,
    ProvinsiFactory,
    RakFactory,
    RktFactory,
    SekretarisFactory,
    ajukan,
    akun_satker,
    ke_status,
    sasaran_rak,
    tanpa_kunci,
)


def url(dokumen: Dokumen, aksi: str = "") -> str:
    return f"/api/v1/dokumen/{dokumen.pk}/" + (f"{aksi}/" if aksi else "")


def baca(client: APIClient, dokumen: Dokumen) -> dict:
    response = client.get(url(dokumen))
    assert response.status_code == 200
    return response.json()


def jejak(dokumen: Dokumen) -> tuple:
    """What a refused request must leave untouched."""
    dokumen.refresh_from_db()
    return dokumen.suntingan, dokumen.status, dokumen.tempat_ttd, data_baris(dokumen)


def klien(user) -> APIClient:
    """An API client authenticated as `user`."""
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def rak(db) -> Dokumen:
    """A RAK 2024 draft of a Kab/Kota: 3 sasaran of 2 rows each."""
    return RakFactory(tahun=2024, baris=sasaran_rak(3, baris=2))


@pytest.fixture
def rkt(rak) -> Dokumen:
    """An RKT 2024 draft of the same satker."""
    return RktFactory(satker=rak.satker, tahun=2024, tempat_ttd="Tempat RKT")


@pytest.fixture
def pengguna_operator(rak):
    """The operator of the RAK's satker."""
    return akun_satker(rak.satker, Peran.OPERATOR)


@pytest.fixture
def operator(pengguna_operator) -> APIClient:
    return klien(pengguna_operator)


@pytest.fixture
def reviewer(rak) -> APIClient:
    """The reviewer of the RAK's provinsi."""
    return klien(akun_satker(rak.satker.induk, Peran.REVIEWER_PROVINSI))


# -- reading ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_returns_a_rak_with_its_rows_nested_under_their_sasaran(operator, rak):
    data = baca(operator, rak)

    assert data["jenis"] == "RAK"
    assert data["suntingan"] == rak.suntingan
    assert data["satker"] == rak.satker.kode
    assert data["provinsi"] == rak.satker.induk.kode
    assert tanpa_kunci(data["baris"]) == tanpa_kunci(data_baris(rak))
    assert [len(s["baris"]) for s in data["baris"]] == [2, 2, 2]
    assert set(data["baris"][0]["baris"][0]) - KUNCI_IDENTITAS == {
        "indikator",
        "target",
        "kegiatan",
        "target_kegiatan_aksi",
        "triwulan",
        "anggaran",
        "pelaksana",
    }
    assert data["baris"][1]["baris"][1]["kegiatan"] == "Kegiatan uji 2.2"


@pytest.mark.django_db
def test_a_document_says_what_the_user_may_do_with_it(rak, pengguna_operator):
    ketua = akun_satker(rak.satker, Peran.KETUA)
    reviewer = akun_satker(rak.satker.induk, Peran.REVIEWER_PROVINSI)

    def bisa(user) -> tuple[bool, list[str]]:
        data = baca(klien(user), rak)
        return data["boleh_ubah"], data["aksi_tersedia"]

    assert bisa(pengguna_operator) == (True, ["ajukan"])
    assert bisa(reviewer) == (False, [])
    ajukan(rak, oleh=pengguna_operator)
    assert bisa(ketua) == (False, ["setujui", "kembalikan"])
    assert bisa(reviewer) == (False, ["kembalikan"])
    assert bisa(pengguna_operator) == (False, [])


@pytest.mark.django_db
def test_the_list_has_headers_only_and_filters(operator, rak):
    RktFactory(satker=rak.satker, tahun=2024)  # another type
    RakFactory(satker=rak.satker, tahun=2025)  # another year
    RakFactory(satker=KabKotaFactory(induk=rak.satker.induk), tahun=2024)  # another satker

    response = operator.get("/api/v1/dokumen/", {"jenis": "RAK", "tahun": 2024})

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert "baris" not in data["results"][0]
    assert (data["results"][0]["id"], data["results"][0]["jenis"]) == (rak.pk, "RAK")


@pytest.mark.django_db
def test_the_provinsi_filter_gives_a_reviewer_one_provinsi():
    provinsi = ProvinsiFactory()
    a, b = KabKotaFactory.create_batch(2, induk=provinsi)
    for satker in (a, b):
        IkuFactory(satker=satker)
    RakFactory(satker=a)
    RakFactory()  # of another provinsi
    client = klien(AdminRiFactory())

    data = client.get("/api/v1/dokumen/", {"provinsi": provinsi.kode}).json()
    satker = client.get("/api/v1/satker/", {"provinsi": provinsi.kode}).json()

    assert data["count"] == 3
    assert {d["satker"] for d in data["results"]} == {a.kode, b.kode}
    assert {s["kode"] for s in satker["results"]} == {provinsi.kode, a.kode, b.kode}


@pytest.mark.django_db
def test_a_bad_filter_value_is_a_400_with_messages(operator):
    response = operator.get("/api/v1/dokumen/", {"tahun": "dua ribu", "status": "HILANG"})

    assert response.status_code == 400
    assert set(response.json()) == {"tahun", "status"}


@pytest.mark.django_db
def test_the_satker_detail_lists_the_officials_who_can_sign(operator, rak):
    satker = rak.satker
    pejabat = {
        rak.penandatangan.pk,
        KetuaFactory(satker=satker).pk,
        AnggotaFactory(satker=satker).pk,
    }
    SekretarisFactory(satker=KabKotaFactory(induk=satker.induk))  # another satker's

    data = operator.get(f"/api/v1/satker/{satker.kode}/").json()

    assert {p["id"] for p in data["pejabat"]} == pejabat
    assert data["induk"] == satker.induk.kode


# -- editing a draft -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_s_rows_are_replaced_and_revisi_goes_up(operator, rak):
    data = baca(operator, rak)
    sasaran = data["baris"]
    del sasaran[1]  # delete a whole sasaran
    sasaran[0]["baris"][0]["anggaran"] = "8.170.412.000"  # change a row, written as on paper
    sasaran[0]["baris"].append(  # add a row
        {"kegiatan": "Rapat evaluasi triwulan", "triwulan": [4, 2], "anggaran": 1_500_000}
    )
    sasaran.insert(0, sasaran.pop())  # move the last sasaran first

    response = operator.put(
        url(rak), {**data, "baris": sasaran, "tempat_ttd": "Serang"}, format="json"
    )

    assert response.status_code == 200, response.json()
    rak.refresh_from_db()
    assert rak.suntingan == data["suntingan"] + 1
    assert rak.tempat_ttd == "Serang"
    tersimpan = data_baris(rak)
    assert [s["sasaran"] for s in tersimpan] == [s["sasaran"] for s in sasaran]
    assert tersimpan[1]["baris"][0]["anggaran"] == 8_170_412_000
    assert tanpa_kunci(tersimpan[1]["baris"][-1]) == {
        "indikator": "",
        "target": "",
        "kegiatan": "Rapat evaluasi triwulan",
        "target_kegiatan_aksi": "",
        "triwulan": [2, 4],
        "anggaran": 1_500_000,
        "pelaksana": "",
    }
    assert response.json()["suntingan"] == rak.suntingan
    assert tanpa_kunci(response.json()["baris"]) == tanpa_kunci(tersimpan)


@pytest.mark.django_db
def test_a_patch_of_rows_only_keeps_the_header(operator, rkt):
    sebelum = baca(operator, rkt)
    baris = [{"nomor": "1", "sasaran": "Sasaran baru", "indikator": [{"indikator": "Ind A"}]}]

    response = operator.patch(
        url(rkt), {"suntingan": sebelum["suntingan"], "baris": baris}, format="json"
    )

    assert response.status_code == 200, response.json()
    rkt.refresh_from_db()
    assert rkt.tempat_ttd == sebelum["tempat_ttd"] == "Tempat RKT"
    assert rkt.penandatangan_id == sebelum["penandatangan"] is not None
    assert tanpa_kunci(data_baris(rkt)) == [
        {
            "nomor": "1",
            "sasaran": "Sasaran baru",
            "indikator": [{"indikator": "Ind A", "target": "", "kegiatan_aksi": ""}],
        }
    ]


@pytest.mark.django_db
def test_a_patch_of_the_header_only_keeps_the_rows():
    iku = IkuFactory()
    client = klien(OperatorFactory(satker=iku.satker))
    baris = data_baris(iku)
    assert baris

    response = client.patch(
        url(iku),
        {"suntingan": iku.suntingan, "label_lampiran": "LAMPIRAN 2", "tahun_anggaran": 2025},
        format="json",
    )

    assert response.status_code == 200, response.json()
    iku.refresh_from_db()
    assert (iku.label_lampiran, iku.tahun_anggaran) == ("LAMPIRAN 2", 2025)
    assert data_baris(iku) == baris
    assert BarisIku.objects.filter(dokumen=iku).count() == len(baris)


@pytest.mark.django_db
def test_a_stale_revisi_is_a_409_and_nothing_is_saved(operator, rak):
    data = baca(operator, rak)
    pertama = operator.patch(
        url(rak), {"suntingan": data["suntingan"], "tempat_ttd": "Pertama"}, format="json"
    )
    assert pertama.status_code == 200
    sebelum = jejak(rak)

    kedua = operator.put(url(rak), {**data, "tempat_ttd": "Kedua"}, format="json")

    assert kedua.status_code == 409
    assert "disimpan dari tempat lain" in kedua.json()["detail"]
    assert jejak(rak) == sebelum


@pytest.mark.django_db
def test_revisi_is_required_even_in_a_patch(operator, rak):
    response = operator.patch(url(rak), {"tempat_ttd": "Tanpa revisi"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"suntingan": ["Sertakan nilai suntingan dokumen yang Anda baca."]}


def _rak_dengan(rak: Dokumen, **baris) -> list[dict]:
    data = data_baris(rak)
    data[0]["baris"][0] |= baris
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("baris", "kolom", "pesan"),
    [
        ({"anggaran": -1}, "anggaran", "Anggaran tidak boleh negatif."),
        ({"anggaran": "-5.000"}, "anggaran", "Anggaran tidak boleh negatif."),
        ({"anggaran": "abc"}, "anggaran", "Tulis anggaran sebagai angka rupiah"),
        ({"anggaran": 12.5}, "anggaran", "Tulis anggaran sebagai angka rupiah"),
        ({"anggaran": True}, "anggaran", "Tulis anggaran sebagai angka rupiah"),
        ({"anggaran": 10**15}, "anggaran", "Anggaran terlalu besar"),
        ({"anggaran": 10**40}, "anggaran", "Anggaran terlalu"),
        ({"kegiatan": ""}, "kegiatan", "kegiatan"),
        ({"kegiatan": "   ", "triwulan": []}, "kegiatan", "Kegiatan wajib diisi."),
        ({"indikator": "x" * 100_000}, "indikator", "5000 karakter"),
        ({"pelaksana": "x" * 151}, "pelaksana", "150 karakter"),
        ({"triwulan": [5]}, "triwulan", "Triwulan hanya 1, 2, 3, atau 4."),
        ({"triwulan": [1, 1]}, "triwulan", "cukup ditulis sekali"),
        ({"triwulan": "semua"}, "triwulan", ""),
    ],
)
def test_bad_rak_rows_are_a_400_with_the_field_message(operator, rak, baris, kolom, pesan):
    data = baca(operator, rak)
    sebelum = jejak(rak)

    response = operator.patch(
        url(rak),
        {"suntingan": data["suntingan"], "baris": _rak_dengan(rak, **baris)},
        format="json",
    )

    assert response.status_code == 400
    galat = response.json()["baris"]["0"]["baris"]["0"][kolom]
    assert pesan in " ".join(map(str, galat.values() if isinstance(galat, dict) else galat))
    assert jejak(rak) == sebelum


@pytest.mark.django_db
def test_a_row_without_kegiatan_is_refused_as_the_form_does(operator, rak):
    data = _rak_dengan(rak, triwulan=[])
    del data[0]["baris"][0]["kegiatan"]

    response = operator.patch(url(rak), {"suntingan": rak.suntingan, "baris": data}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "baris": {"0": {"baris": {"0": {"kegiatan": ["Kegiatan wajib diisi."]}}}}
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("baris", "harapan"),
    [
        (
            [{"sasaran": "", "indikator": [{"indikator": "A"}]}],
            {"sasaran": ["Sasaran wajib diisi."]},
        ),
        (
            [{"sasaran": "S", "indikator": [{"target": "80%"}]}],
            {"indikator": {"0": {"indikator": ["Indikator kinerja wajib diisi."]}}},
        ),
        (
            [{"sasaran": "S", "indikator": []}],
            {"indikator": ["Isi paling sedikit satu indikator untuk sasaran ini."]},
        ),
    ],
)
def test_bad_rkt_rows_are_a_400_with_the_field_message(operator, rkt, baris, harapan):
    response = operator.patch(url(rkt), {"suntingan": rkt.suntingan, "baris": baris}, format="json")

    assert response.status_code == 400
    assert response.json() == {"baris": {"0": harapan}}


@pytest.mark.django_db
def test_an_empty_iku_row_is_a_400_with_the_form_message():
    iku = IkuFactory()
    sebelum = jejak(iku)
    baris = data_baris(iku) + [{"nomor": "9", "target": "80%"}]

    response = klien(AdminRiFactory()).patch(
        url(iku), {"suntingan": iku.suntingan, "baris": baris}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "baris": {
            str(len(baris) - 1): {
                "indikator": ["Isi indikator (atau sasaran/keterangan) baris ini."]
            }
        }
    }
    assert jejak(iku) == sebelum


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("isian", "kolom", "pesan"),
    [
        ({"tahun": 1999}, "tahun", "Tahun harus antara 2000 dan 2100."),
        ({"tahun": "x"}, "tahun", ""),
        ({"tahun_anggaran": 3000}, "tahun_anggaran", "Tahun harus antara 2000 dan 2100."),
        ({"tanggal_ttd": "26 Januari"}, "tanggal_ttd", ""),
        ({"tanggal_ttd_presisi": "MINGGU"}, "tanggal_ttd_presisi", ""),
        ({"tempat_ttd": "x" * 81}, "tempat_ttd", "80"),
        ({"baris": "semua"}, "baris", "Kirim baris sebagai daftar."),
        ({"baris": None}, "baris", ""),
    ],
)
def test_a_bad_header_is_a_400_with_the_field_message(operator, rak, isian, kolom, pesan):
    sebelum = jejak(rak)

    response = operator.patch(url(rak), {"suntingan": rak.suntingan, **isian}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [kolom]
    assert pesan in response.json()[kolom][0]
    assert jejak(rak) == sebelum


@pytest.mark.django_db
def test_the_signatory_must_be_an_official_of_the_same_satker(operator, rak):
    lain = SekretarisFactory(satker=KabKotaFactory(induk=rak.satker.induk))
    sebelum = jejak(rak)

    response = operator.patch(
        url(rak), {"suntingan": rak.suntingan, "penandatangan": lain.pk}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["penandatangan"]
    assert jejak(rak) == sebelum


@pytest.mark.django_db
def test_moving_a_draft_onto_an_existing_year_is_a_400(operator, rak):
    RakFactory(satker=rak.satker, tahun=2025)

    response = operator.patch(url(rak), {"suntingan": rak.suntingan, "tahun": 2025}, format="json")

    assert response.status_code == 400
    assert response.json()["tahun"] == [
        "RAK tahun 2025 sudah ada untuk satker ini. Buka dokumen itu untuk mengubahnya."
    ]


@pytest.mark.django_db
def test_only_json_is_accepted_for_writes(operator, rak):
    response = operator.patch(url(rak), {"suntingan": rak.suntingan, "tempat_ttd": "X"})

    assert response.status_code == 415


# -- creating --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_creates_a_draft_with_the_satker_s_defaults(operator, rak):
    ketua = KetuaFactory(satker=rak.satker)
    response = operator.post(
        "/api/v1/dokumen/",
        {"satker": rak.satker.kode, "jenis": "RKT", "tahun": 2026},
        format="json",
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    dokumen = Dokumen.objects.get(pk=data["id"])
    assert (dokumen.jenis, dokumen.tahun, dokumen.status) == ("RKT", 2026, StatusDokumen.DRAF)
    assert dokumen.satker == rak.satker
    assert dokumen.tempat_ttd == rak.satker.kota_ttd
    assert dokumen.penandatangan == ketua
    assert data["baris"] == []


SENDIRI, LAIN = "satker-operator", "satker-lain"  # the operator's own satker, another's


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("isian", "kolom", "pesan"),
    [
        (
            {"satker": SENDIRI, "jenis": "RAK", "tahun": 2024},
            "tahun",
            "RAK tahun 2024 sudah ada untuk satker ini. Buka dokumen itu untuk mengubahnya.",
        ),
        ({"satker": SENDIRI, "jenis": "RAK", "tahun": 1999}, "tahun", "Tahun harus antara"),
        ({"satker": SENDIRI, "jenis": "LKJ", "tahun": 2026}, "jenis", "LKJ"),
        ({"satker": LAIN, "jenis": "RAK", "tahun": 2026}, "satker", "tidak ditemukan"),
        ({"jenis": "RAK", "tahun": 2026}, "satker", "harus diisi"),
    ],
)
def test_a_bad_new_document_is_a_400_with_the_field_message(operator, rak, isian, kolom, pesan):
    kode = {SENDIRI: rak.satker.kode, LAIN: KabKotaFactory(induk=rak.satker.induk).kode}
    if "satker" in isian:
        isian = isian | {"satker": kode[isian["satker"]]}
    jumlah = Dokumen.objects.count()

    response = operator.post("/api/v1/dokumen/", isian, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [kolom]
    assert pesan in response.json()[kolom][0]
    assert Dokumen.objects.count() == jumlah


@pytest.mark.django_db
def test_a_database_conflict_is_a_400_not_a_500(operator, rak, monkeypatch):
    def bentrok(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr("dokumen.api.dokumen_buat", bentrok)

    response = operator.post(
        "/api/v1/dokumen/",
        {"satker": rak.satker.kode, "jenis": "RKT", "tahun": 2026},
        format="json",
    )

    assert response.status_code == 400
    assert "non_field_errors" in response.json()


# -- workflow, publishing, PDF, verification -------------------------------------------------


@pytest.mark.django_db
def test_the_workflow_runs_through_the_api(rak, operator, reviewer):
    ketua = klien(akun_satker(rak.satker, Peran.KETUA))

    assert operator.post(url(rak, "ajukan")).json()["status"] == "DIAJUKAN"
    lagi = operator.post(url(rak, "ajukan"))
    assert lagi.status_code == 409
    assert "berstatus diajukan" in lagi.json()["detail"]
    tanpa_catatan = reviewer.post(url(rak, "kembalikan"), {}, format="json")
    assert tanpa_catatan.status_code == 409
    assert tanpa_catatan.json() == {
        "detail": "Tulis catatan yang menjelaskan apa yang perlu diperbaiki."
    }
    kembali = reviewer.post(url(rak, "kembalikan"), {"catatan": "Cek anggaran."}, format="json")
    assert kembali.json()["status"] == "DRAF"
    operator.post(url(rak, "ajukan"))
    ditolak = operator.post(url(rak, "setujui"))
    assert ditolak.status_code == 403
    assert ditolak.json()["detail"].startswith("Peran Anda tidak berhak")
    assert ketua.post(url(rak, "setujui")).json()["status"] == "DISETUJUI"
    rak.refresh_from_db()
    assert rak.status == StatusDokumen.DISETUJUI
    assert list(rak.riwayat.values_list("aksi", flat=True)) == [
        "AJUKAN",
        "KEMBALIKAN",
        "AJUKAN",
        "SETUJUI",
    ]


@pytest.mark.django_db
def test_a_published_document_cannot_be_edited_but_can_be_revised(pki_aktif, rak, operator):
    terbit = ke_status(rak, StatusDokumen.TERBIT)
    data = baca(operator, terbit)
    assert data["status"] == "TERBIT"
    sebelum = jejak(terbit)

    put = operator.put(url(terbit), {**data, "tempat_ttd": "Diubah"}, format="json")
    patch = operator.patch(
        url(terbit), {"suntingan": data["suntingan"], "baris": []}, format="json"
    )

    assert put.status_code == patch.status_code == 409
    assert put.json() == {"detail": "Dokumen ini sudah bukan draf, jadi tidak dapat diubah."}
    assert jejak(terbit) == sebelum

    revisi = operator.post(url(terbit, "revisi"), {"alasan": "Anggaran berubah."}, format="json")

    assert revisi.status_code == 201, revisi.json()
    baru = revisi.json()
    assert (baru["versi"], baru["status"], baru["alasan_revisi"]) == (
        2,
        "DRAF",
        "Anggaran berubah.",
    )
    assert tanpa_kunci(baru["baris"]) == tanpa_kunci(data["baris"])
    assert baru["baris"]
    kedua = operator.post(url(terbit, "revisi"), {"alasan": "Lagi."}, format="json")
    assert kedua.status_code == 409


@pytest.mark.django_db
def test_the_pdf_of_a_published_document_is_the_stored_signed_file(pki_aktif, rak, reviewer):
    terbit = ke_status(rak, StatusDokumen.TERBIT)

    response = reviewer.get(url(terbit, "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == terbit.sha256
    nama = f"{terbit.satker.kode}-rak-2024-v1.pdf"
    assert f'filename="{nama}"' in response["Content-Disposition"]


@pytest.mark.django_db
def test_the_pdf_of_a_draft_is_a_fresh_draft_render():
    iku = IkuFactory(tahun=2024)
    response = klien(OperatorFactory(satker=iku.satker)).get(
        url(iku, "pdf"), HTTP_ACCEPT="application/pdf"
    )

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    nama = f"draf-{iku.satker.kode}-iku-2024-v1.pdf"
    assert f'filename="{nama}"' in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_pdf_that_is_not_visible_is_a_json_404_even_when_asking_for_pdf(operator, rak):
    iku = IkuFactory(satker=KabKotaFactory(induk=rak.satker.induk))  # another satker's
    response = operator.get(url(iku, "pdf"), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 404
    assert response.json() == {"detail": "Dokumen tidak ditemukan."}


@pytest.mark.django_db
def test_the_verification_lookup_is_public_and_says_when_superseded(pki_aktif, rak, operator):
    terbit = ke_status(rak, StatusDokumen.TERBIT)
    publik = APIClient()

    data = publik.get(f"/api/v1/verifikasi/{terbit.token_verifikasi}/").json()

    assert data["satker"] == terbit.satker.kode
    assert (data["jenis"], data["tahun"], data["versi"]) == ("RAK", 2024, 1)
    assert data["sha256"] == terbit.sha256
    assert data["penandatangan"].startswith(terbit.penandatangan.nama)
    assert data["ditandatangani_pada"]
    assert (data["digantikan"], data["versi_pengganti"]) == (False, None)

    baru = operator.post(url(terbit, "revisi"), {"alasan": "Anggaran berubah."}, format="json")
    revisi = Dokumen.objects.get(pk=baru.json()["id"])
    assert revisi.tanggal_ttd is None  # a revision asks for its own signing date
    Dokumen.objects.filter(pk=revisi.pk).update(tanggal_ttd=datetime.date(2024, 7, 1))
    ke_status(Dokumen.objects.get(pk=revisi.pk), StatusDokumen.TERBIT)

    data = publik.get(f"/api/v1/verifikasi/{terbit.token_verifikasi}/").json()
    assert (data["digantikan"], data["versi_pengganti"]) == (True, 2)


@pytest.mark.django_db
def test_an_unknown_verification_code_is_a_404():
    response = APIClient().get("/api/v1/verifikasi/tidak-ada/")

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.django_db
def test_a_draft_has_no_verification_record(rak):
    Dokumen.objects.filter(pk=rak.pk).update(token_verifikasi="draf-bertoken")

    assert APIClient().get("/api/v1/verifikasi/draf-bertoken/").status_code == 404


# -- authentication --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_token_authenticates_and_needs_no_csrf(pengguna_operator, rak):
    RakFactory(satker=KabKotaFactory(induk=rak.satker.induk))  # not in the operator's list
    token = Token.objects.create(user=pengguna_operator)
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    daftar = client.get("/api/v1/dokumen/")
    ubah = client.patch(
        url(rak), {"suntingan": rak.suntingan, "tempat_ttd": "Token"}, format="json"
    )

    assert daftar.status_code == 200
    assert [d["id"] for d in daftar.json()["results"]] == [rak.pk]
    assert ubah.status_code == 200
    rak.refresh_from_db()
    assert rak.tempat_ttd == "Token"


@pytest.mark.django_db
def test_a_wrong_token_is_a_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token salah")

    assert client.get("/api/v1/dokumen/").status_code == 401


@pytest.mark.django_db
def test_a_session_login_works_and_writes_need_the_csrf_token(pengguna_operator, rak):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(pengguna_operator)

    daftar = client.get("/api/v1/dokumen/")
    tanpa_csrf = client.patch(
        url(rak), {"suntingan": rak.suntingan, "tempat_ttd": "Sesi"}, format="json"
    )

    assert daftar.status_code == 200
    assert [d["id"] for d in daftar.json()["results"]] == [rak.pk]
    assert tanpa_csrf.status_code == 403
    assert "CSRF" in tanpa_csrf.json()["detail"]


@pytest.mark.django_db
def test_rows_of_every_type_survive_a_read_write_round_trip():
    # Every type from factories, and the seed documents too for their real-world variety
    # (empty cells, long texts, quarters, rupiah); nothing here counts them.
    buatan = [DokumenFactory(jenis=jenis.kode) for jenis in semua_jenis()]
    client = klien(AdminRiFactory())
    for dokumen in Dokumen.objects.all():
        data = baca(client, dokumen)

        response = client.put(url(dokumen), data, format="json")

        assert response.status_code == 200, (dokumen, response.json())
        assert response.json()["baris"] == data["baris"]
        assert response.json()["suntingan"] == data["suntingan"] + 1
    assert all(data_baris(d) for d in buatan)  # each type had rows to keep


@pytest.mark.django_db
def test_a_body_larger_than_the_forms_allow_is_a_413(operator, rak, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    sebelum = jejak(rak)

    response = operator.patch(
        url(rak), {"suntingan": rak.suntingan, "alamat": "x" * 60_000}, format="json"
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "Isian terlalu besar."}
    assert jejak(rak) == sebelum


def test_a_streamed_json_body_is_capped_too(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10

    assert JSONTerbatas().parse(io.BytesIO(b'{"a": 1}')) == {"a": 1}
    with pytest.raises(TerlaluBesar):
        JSONTerbatas().parse(io.BytesIO(b'{"a": "panjang sekali"}'))
