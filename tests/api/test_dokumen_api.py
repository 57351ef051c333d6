"""The document endpoints: edit a draft's header and rows, optimistic locking, validation,
creation, the workflow, PDF download and the public verification lookup."""

import hashlib
import io

import pytest
from django.db import IntegrityError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dokumen.alur import dokumen_terbitkan_langsung
from dokumen.api import JSONTerbatas, TerlaluBesar
from dokumen.baris import data_baris
from dokumen.models import Dokumen, StatusDokumen
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak
from satker.models import Pejabat
from tests.api.conftest import klien

OPERATOR = "operator.kab-lebak"


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


@pytest.fixture
def operator() -> APIClient:
    return klien(OPERATOR)


# -- reading ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_returns_a_rak_with_its_rows_nested_under_their_sasaran(operator, rak_lebak):
    data = baca(operator, rak_lebak)

    assert data["jenis"] == "RAK"
    assert data["suntingan"] == rak_lebak.suntingan
    assert data["satker"] == "kab-lebak"
    assert data["provinsi"] == "prov-banten"
    assert data["baris"] == data_baris(rak_lebak)
    assert set(data["baris"][0]["baris"][0]) == {
        "indikator",
        "target",
        "kegiatan",
        "target_kegiatan_aksi",
        "triwulan",
        "anggaran",
        "pelaksana",
    }


@pytest.mark.django_db
def test_a_document_says_what_the_user_may_do_with_it(rak_lebak):
    def bisa(username: str) -> tuple[bool, list[str]]:
        data = baca(klien(username), rak_lebak)
        return data["boleh_ubah"], data["aksi_tersedia"]

    assert bisa(OPERATOR) == (True, ["ajukan"])
    assert bisa("reviewer.banten") == (False, [])
    Dokumen.objects.filter(pk=rak_lebak.pk).update(status=StatusDokumen.DIAJUKAN)
    assert bisa("ketua.kab-lebak") == (False, ["setujui", "kembalikan"])
    assert bisa("reviewer.banten") == (False, ["kembalikan"])
    assert bisa(OPERATOR) == (False, [])


@pytest.mark.django_db
def test_the_list_has_headers_only_and_filters(operator):
    response = operator.get("/api/v1/dokumen/", {"jenis": "RAK", "tahun": 2024})

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert "baris" not in data["results"][0]
    assert data["results"][0]["jenis"] == "RAK"


@pytest.mark.django_db
def test_the_provinsi_filter_gives_a_reviewer_one_provinsi(admin_ri):
    client = klien("admin.ri")

    data = client.get("/api/v1/dokumen/", {"provinsi": "prov-banten"}).json()
    satker = client.get("/api/v1/satker/", {"provinsi": "prov-banten"}).json()

    assert {d["satker"] for d in data["results"]} == {"kab-lebak", "kota-serang"}
    assert {s["kode"] for s in satker["results"]} == {"prov-banten", "kab-lebak", "kota-serang"}


@pytest.mark.django_db
def test_a_bad_filter_value_is_a_400_with_messages(operator):
    response = operator.get("/api/v1/dokumen/", {"tahun": "dua ribu", "status": "HILANG"})

    assert response.status_code == 400
    assert set(response.json()) == {"tahun", "status"}


@pytest.mark.django_db
def test_the_satker_detail_lists_the_officials_who_can_sign(operator):
    data = operator.get("/api/v1/satker/kab-lebak/").json()

    pejabat = Pejabat.objects.filter(satker__kode="kab-lebak")
    assert {p["id"] for p in data["pejabat"]} == set(pejabat.values_list("pk", flat=True))
    assert data["induk"] == "prov-banten"


# -- editing a draft -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_s_rows_are_replaced_and_revisi_goes_up(operator, rak_lebak):
    data = baca(operator, rak_lebak)
    sasaran = data["baris"]
    del sasaran[1]  # delete a whole sasaran
    sasaran[0]["baris"][0]["anggaran"] = "8.170.412.000"  # change a row, written as on paper
    sasaran[0]["baris"].append(  # add a row
        {"kegiatan": "Rapat evaluasi triwulan", "triwulan": [4, 2], "anggaran": 1_500_000}
    )
    sasaran.insert(0, sasaran.pop())  # move the last sasaran first

    response = operator.put(
        url(rak_lebak), {**data, "baris": sasaran, "tempat_ttd": "Serang"}, format="json"
    )

    assert response.status_code == 200, response.json()
    rak_lebak.refresh_from_db()
    assert rak_lebak.suntingan == data["suntingan"] + 1
    assert rak_lebak.tempat_ttd == "Serang"
    tersimpan = data_baris(rak_lebak)
    assert [s["sasaran"] for s in tersimpan] == [s["sasaran"] for s in sasaran]
    assert tersimpan[1]["baris"][0]["anggaran"] == 8_170_412_000
    assert tersimpan[1]["baris"][-1] == {
        "indikator": "",
        "target": "",
        "kegiatan": "Rapat evaluasi triwulan",
        "target_kegiatan_aksi": "",
        "triwulan": [2, 4],
        "anggaran": 1_500_000,
        "pelaksana": "",
    }
    assert response.json()["suntingan"] == rak_lebak.suntingan
    assert response.json()["baris"] == tersimpan


@pytest.mark.django_db
def test_a_patch_of_rows_only_keeps_the_header(operator, rkt_lebak):
    sebelum = baca(operator, rkt_lebak)
    baris = [{"nomor": "1", "sasaran": "Sasaran baru", "indikator": [{"indikator": "Ind A"}]}]

    response = operator.patch(
        url(rkt_lebak), {"suntingan": sebelum["suntingan"], "baris": baris}, format="json"
    )

    assert response.status_code == 200, response.json()
    rkt_lebak.refresh_from_db()
    assert rkt_lebak.tempat_ttd == sebelum["tempat_ttd"]
    assert rkt_lebak.penandatangan_id == sebelum["penandatangan"]
    assert data_baris(rkt_lebak) == [
        {
            "nomor": "1",
            "sasaran": "Sasaran baru",
            "indikator": [{"indikator": "Ind A", "target": "", "kegiatan_aksi": ""}],
        }
    ]


@pytest.mark.django_db
def test_a_patch_of_the_header_only_keeps_the_rows(operator, iku_serang):
    client = klien("operator.kota-serang")
    baris = data_baris(iku_serang)

    response = client.patch(
        url(iku_serang),
        {"suntingan": iku_serang.suntingan, "label_lampiran": "LAMPIRAN 2", "tahun_anggaran": 2025},
        format="json",
    )

    assert response.status_code == 200, response.json()
    iku_serang.refresh_from_db()
    assert (iku_serang.label_lampiran, iku_serang.tahun_anggaran) == ("LAMPIRAN 2", 2025)
    assert data_baris(iku_serang) == baris
    assert BarisIku.objects.filter(dokumen=iku_serang).count() == len(baris)


@pytest.mark.django_db
def test_a_stale_revisi_is_a_409_and_nothing_is_saved(operator, rak_lebak):
    data = baca(operator, rak_lebak)
    pertama = operator.patch(
        url(rak_lebak), {"suntingan": data["suntingan"], "tempat_ttd": "Pertama"}, format="json"
    )
    assert pertama.status_code == 200
    sebelum = jejak(rak_lebak)

    kedua = operator.put(url(rak_lebak), {**data, "tempat_ttd": "Kedua"}, format="json")

    assert kedua.status_code == 409
    assert "diubah orang lain" in kedua.json()["detail"]
    assert jejak(rak_lebak) == sebelum


@pytest.mark.django_db
def test_revisi_is_required_even_in_a_patch(operator, rak_lebak):
    response = operator.patch(url(rak_lebak), {"tempat_ttd": "Tanpa revisi"}, format="json")

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
def test_bad_rak_rows_are_a_400_with_the_field_message(operator, rak_lebak, baris, kolom, pesan):
    data = baca(operator, rak_lebak)
    sebelum = jejak(rak_lebak)

    response = operator.patch(
        url(rak_lebak),
        {"suntingan": data["suntingan"], "baris": _rak_dengan(rak_lebak, **baris)},
        format="json",
    )

    assert response.status_code == 400
    galat = response.json()["baris"]["0"]["baris"]["0"][kolom]
    assert pesan in " ".join(map(str, galat.values() if isinstance(galat, dict) else galat))
    assert jejak(rak_lebak) == sebelum


@pytest.mark.django_db
def test_a_row_without_kegiatan_is_refused_as_the_form_does(operator, rak_lebak):
    data = _rak_dengan(rak_lebak, triwulan=[])
    del data[0]["baris"][0]["kegiatan"]

    response = operator.patch(
        url(rak_lebak), {"suntingan": rak_lebak.suntingan, "baris": data}, format="json"
    )

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
def test_bad_rkt_rows_are_a_400_with_the_field_message(operator, rkt_lebak, baris, harapan):
    response = operator.patch(
        url(rkt_lebak), {"suntingan": rkt_lebak.suntingan, "baris": baris}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"baris": {"0": harapan}}


@pytest.mark.django_db
def test_an_empty_iku_row_is_a_400_with_the_form_message(admin_ri, iku_serang):
    baris = data_baris(iku_serang) + [{"nomor": "9", "target": "80%"}]

    response = klien("admin.ri").patch(
        url(iku_serang), {"suntingan": iku_serang.suntingan, "baris": baris}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "baris": {
            str(len(baris) - 1): {
                "indikator": ["Isi indikator (atau sasaran/keterangan) baris ini."]
            }
        }
    }


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
def test_a_bad_header_is_a_400_with_the_field_message(operator, rak_lebak, isian, kolom, pesan):
    sebelum = jejak(rak_lebak)

    response = operator.patch(
        url(rak_lebak), {"suntingan": rak_lebak.suntingan, **isian}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == [kolom]
    assert pesan in response.json()[kolom][0]
    assert jejak(rak_lebak) == sebelum


@pytest.mark.django_db
def test_the_signatory_must_be_an_official_of_the_same_satker(operator, rak_lebak):
    lain = Pejabat.objects.filter(satker__kode="kota-serang").first()

    response = operator.patch(
        url(rak_lebak), {"suntingan": rak_lebak.suntingan, "penandatangan": lain.pk}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["penandatangan"]


@pytest.mark.django_db
def test_moving_a_draft_onto_an_existing_year_is_a_400(operator, rak_lebak):
    Dokumen.objects.create(satker=rak_lebak.satker, jenis="RAK", tahun=2025)

    response = operator.patch(
        url(rak_lebak), {"suntingan": rak_lebak.suntingan, "tahun": 2025}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["tahun"] == [
        "RAK tahun 2025 sudah ada untuk satker ini. Buka dokumen itu untuk mengubahnya."
    ]


@pytest.mark.django_db
def test_only_json_is_accepted_for_writes(operator, rak_lebak):
    response = operator.patch(url(rak_lebak), {"suntingan": rak_lebak.suntingan, "tempat_ttd": "X"})

    assert response.status_code == 415


# -- creating --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_creates_a_draft_with_the_satker_s_defaults(operator):
    response = operator.post(
        "/api/v1/dokumen/", {"satker": "kab-lebak", "jenis": "RKT", "tahun": 2026}, format="json"
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    dokumen = Dokumen.objects.get(pk=data["id"])
    assert (dokumen.jenis, dokumen.tahun, dokumen.status) == ("RKT", 2026, StatusDokumen.DRAF)
    assert dokumen.tempat_ttd == "Rangkasbitung"
    assert dokumen.penandatangan.jabatan == "KETUA"
    assert data["baris"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("isian", "kolom", "pesan"),
    [
        (
            {"satker": "kab-lebak", "jenis": "RAK", "tahun": 2024},
            "tahun",
            "RAK tahun 2024 sudah ada untuk satker ini. Buka dokumen itu untuk mengubahnya.",
        ),
        ({"satker": "kab-lebak", "jenis": "RAK", "tahun": 1999}, "tahun", "Tahun harus antara"),
        ({"satker": "kab-lebak", "jenis": "PK", "tahun": 2026}, "jenis", "PK"),
        ({"satker": "kota-serang", "jenis": "RAK", "tahun": 2026}, "satker", "tidak ditemukan"),
        ({"jenis": "RAK", "tahun": 2026}, "satker", "harus diisi"),
    ],
)
def test_a_bad_new_document_is_a_400_with_the_field_message(operator, isian, kolom, pesan):
    jumlah = Dokumen.objects.count()

    response = operator.post("/api/v1/dokumen/", isian, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [kolom]
    assert pesan in response.json()[kolom][0]
    assert Dokumen.objects.count() == jumlah


@pytest.mark.django_db
def test_a_database_conflict_is_a_400_not_a_500(operator, monkeypatch):
    def bentrok(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr("dokumen.api.dokumen_buat", bentrok)

    response = operator.post(
        "/api/v1/dokumen/", {"satker": "kab-lebak", "jenis": "RKT", "tahun": 2026}, format="json"
    )

    assert response.status_code == 400
    assert "non_field_errors" in response.json()


# -- workflow, publishing, PDF, verification -------------------------------------------------


@pytest.mark.django_db
def test_the_workflow_runs_through_the_api(rak_lebak):
    operator, ketua = klien(OPERATOR), klien("ketua.kab-lebak")
    reviewer = klien("reviewer.banten")

    assert operator.post(url(rak_lebak, "ajukan")).json()["status"] == "DIAJUKAN"
    lagi = operator.post(url(rak_lebak, "ajukan"))
    assert lagi.status_code == 409
    assert "berstatus diajukan" in lagi.json()["detail"]
    tanpa_catatan = reviewer.post(url(rak_lebak, "kembalikan"), {}, format="json")
    assert tanpa_catatan.status_code == 409
    assert tanpa_catatan.json() == {
        "detail": "Tulis catatan yang menjelaskan apa yang perlu diperbaiki."
    }
    kembali = reviewer.post(
        url(rak_lebak, "kembalikan"), {"catatan": "Cek anggaran."}, format="json"
    )
    assert kembali.json()["status"] == "DRAF"
    operator.post(url(rak_lebak, "ajukan"))
    ditolak = operator.post(url(rak_lebak, "setujui"))
    assert ditolak.status_code == 403
    assert ditolak.json()["detail"].startswith("Peran Anda tidak berhak")
    assert ketua.post(url(rak_lebak, "setujui")).json()["status"] == "DISETUJUI"
    rak_lebak.refresh_from_db()
    assert rak_lebak.status == StatusDokumen.DISETUJUI
    assert list(rak_lebak.riwayat.values_list("aksi", flat=True)) == [
        "AJUKAN",
        "KEMBALIKAN",
        "AJUKAN",
        "SETUJUI",
    ]


@pytest.mark.django_db
def test_a_published_document_cannot_be_edited_but_can_be_revised(pki_aktif, rak_lebak):
    terbit = dokumen_terbitkan_langsung(dokumen=rak_lebak)
    operator = klien(OPERATOR)
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
    assert baru["baris"] == data["baris"]
    kedua = operator.post(url(terbit, "revisi"), {"alasan": "Lagi."}, format="json")
    assert kedua.status_code == 409


@pytest.mark.django_db
def test_the_pdf_of_a_published_document_is_the_stored_signed_file(pki_aktif, rak_lebak):
    terbit = dokumen_terbitkan_langsung(dokumen=rak_lebak)

    response = klien("reviewer.banten").get(url(terbit, "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == terbit.sha256
    assert 'filename="kab-lebak-rak-2024-v1.pdf"' in response["Content-Disposition"]


@pytest.mark.django_db
def test_the_pdf_of_a_draft_is_a_fresh_draft_render(iku_serang):
    response = klien("operator.kota-serang").get(
        url(iku_serang, "pdf"), HTTP_ACCEPT="application/pdf"
    )

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert 'filename="draf-kota-serang-iku-2024-v1.pdf"' in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_pdf_that_is_not_visible_is_a_json_404_even_when_asking_for_pdf(iku_serang):
    response = klien(OPERATOR).get(url(iku_serang, "pdf"), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 404
    assert response.json() == {"detail": "Dokumen tidak ditemukan."}


@pytest.mark.django_db
def test_the_verification_lookup_is_public_and_says_when_superseded(pki_aktif, rak_lebak):
    terbit = dokumen_terbitkan_langsung(dokumen=rak_lebak)
    publik = APIClient()

    data = publik.get(f"/api/v1/verifikasi/{terbit.token_verifikasi}/").json()

    assert data["satker"] == "kab-lebak"
    assert (data["jenis"], data["tahun"], data["versi"]) == ("RAK", 2024, 1)
    assert data["sha256"] == terbit.sha256
    assert data["penandatangan"].startswith(terbit.penandatangan.nama)
    assert data["ditandatangani_pada"]
    assert (data["digantikan"], data["versi_pengganti"]) == (False, None)

    operator = klien(OPERATOR)
    baru = operator.post(url(terbit, "revisi"), {"alasan": "Anggaran berubah."}, format="json")
    dokumen_terbitkan_langsung(dokumen=Dokumen.objects.get(pk=baru.json()["id"]))

    data = publik.get(f"/api/v1/verifikasi/{terbit.token_verifikasi}/").json()
    assert (data["digantikan"], data["versi_pengganti"]) == (True, 2)


@pytest.mark.django_db
def test_an_unknown_verification_code_is_a_404():
    response = APIClient().get("/api/v1/verifikasi/tidak-ada/")

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.django_db
def test_a_draft_has_no_verification_record(rak_lebak):
    Dokumen.objects.filter(pk=rak_lebak.pk).update(token_verifikasi="draf-bertoken")

    assert APIClient().get("/api/v1/verifikasi/draf-bertoken/").status_code == 404


# -- authentication --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_token_authenticates_and_needs_no_csrf(operator_lebak, rak_lebak):
    token = Token.objects.create(user=operator_lebak)
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    daftar = client.get("/api/v1/dokumen/")
    ubah = client.patch(
        url(rak_lebak), {"suntingan": rak_lebak.suntingan, "tempat_ttd": "Token"}, format="json"
    )

    assert daftar.status_code == 200
    assert {d["satker"] for d in daftar.json()["results"]} == {"kab-lebak"}
    assert ubah.status_code == 200


@pytest.mark.django_db
def test_a_wrong_token_is_a_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token salah")

    assert client.get("/api/v1/dokumen/").status_code == 401


@pytest.mark.django_db
def test_a_session_login_works_and_writes_need_the_csrf_token(operator_lebak, rak_lebak):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(operator_lebak)

    daftar = client.get("/api/v1/dokumen/")
    tanpa_csrf = client.patch(
        url(rak_lebak), {"suntingan": rak_lebak.suntingan, "tempat_ttd": "Sesi"}, format="json"
    )

    assert daftar.status_code == 200
    assert tanpa_csrf.status_code == 403
    assert "CSRF" in tanpa_csrf.json()["detail"]


@pytest.mark.django_db
def test_rows_of_every_type_survive_a_read_write_round_trip(admin_ri):
    client = klien("admin.ri")
    for dokumen in Dokumen.objects.all():
        data = baca(client, dokumen)

        response = client.put(url(dokumen), data, format="json")

        assert response.status_code == 200, (dokumen, response.json())
        assert response.json()["baris"] == data["baris"]
        assert response.json()["suntingan"] == data["suntingan"] + 1
    assert BarisRak.objects.exists()


@pytest.mark.django_db
def test_a_body_larger_than_the_forms_allow_is_a_413(operator, rak_lebak, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    sebelum = jejak(rak_lebak)

    response = operator.patch(
        url(rak_lebak), {"suntingan": rak_lebak.suntingan, "alamat": "x" * 60_000}, format="json"
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "Isian terlalu besar."}
    assert jejak(rak_lebak) == sebelum


def test_a_streamed_json_body_is_capped_too(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10

    assert JSONTerbatas().parse(io.BytesIO(b'{"a": 1}')) == {"a": 1}
    with pytest.raises(TerlaluBesar):
        JSONTerbatas().parse(io.BytesIO(b'{"a": "panjang sekali"}'))
