"""Issue 10, findings 6, 11, 16, 17, 19 through the API: what it does not understand is a 400
naming the field the client sent, in Indonesian; nothing is dropped and nothing is a 500."""

import pytest

from dokumen.baris import data_baris
from dokumen.models import Dokumen
from dokumen.serializers import PESAN_HANYA_DIBACA, PESAN_KOLOM_ASING
from dokumen.target import PESAN_TANPA_ANGKA, PESAN_TERLALU_BESAR
from kpu_kinerja.parsers import PESAN_TERLALU_DALAM
from satker.models import Pejabat
from tests.api.conftest import klien
from tests.api.test_dokumen_api import baca, jejak, url

OPERATOR = "operator.kab-lebak"
RLO = "\u202e"


@pytest.fixture
def operator():
    return klien(OPERATOR)


def _patch_baris(client, dokumen, baris):
    return client.patch(
        url(dokumen), {"suntingan": dokumen.suntingan, "baris": baris}, format="json"
    )


def _rak_dengan(rak: Dokumen, **isi) -> list[dict]:
    data = data_baris(rak)
    data[0]["baris"][0] |= isi
    return data


# -- finding 11: unknown fields, create with rows, Indonesian messages ----------------------


@pytest.mark.django_db
def test_a_new_document_keeps_its_rows_and_header(operator):
    isian = {
        "satker": "kab-lebak",
        "jenis": "RKT",
        "tahun": 2026,
        "tanggal_ttd": "2026-01-05",
        "label_lampiran": "LAMPIRAN I",
        "baris": [
            {
                "nomor": "1",
                "sasaran": "Sasaran A",
                "indikator": [{"indikator": "I-1", "target": "85%"}],
            }
        ],
    }

    response = operator.post("/api/v1/dokumen/", isian, format="json")

    assert response.status_code == 201, response.json()
    dokumen = Dokumen.objects.get(pk=response.json()["id"])
    assert (str(dokumen.tanggal_ttd), dokumen.label_lampiran) == ("2026-01-05", "LAMPIRAN I")
    assert dokumen.tempat_ttd == "Rangkasbitung"  # the satker's default when not sent
    assert data_baris(dokumen)[0]["indikator"][0]["target"] == "85%"
    assert response.json()["baris"] == data_baris(dokumen)


@pytest.mark.django_db
def test_an_unknown_field_of_a_new_document_is_named(operator):
    jumlah = Dokumen.objects.count()

    response = operator.post(
        "/api/v1/dokumen/",
        {"satker": "kab-lebak", "jenis": "RKT", "tahun": 2026, "tanggal": "2026-01-05"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"tanggal": [PESAN_KOLOM_ASING]}
    assert Dokumen.objects.count() == jumlah


@pytest.mark.django_db
def test_unknown_keys_in_rows_are_named_and_nothing_is_saved(operator, rak_lebak):
    sebelum = jejak(rak_lebak)

    response = _patch_baris(
        operator, rak_lebak, _rak_dengan(rak_lebak, realisasi="90%", satuan="%")
    )

    assert response.status_code == 400
    galat = response.json()["baris"]["0"]["baris"]["0"]
    assert galat == {"realisasi": [PESAN_KOLOM_ASING], "satuan": [PESAN_KOLOM_ASING]}
    assert jejak(rak_lebak) == sebelum


@pytest.mark.django_db
def test_an_unknown_key_of_a_sasaran_is_named(operator, rkt_lebak):
    baris = data_baris(rkt_lebak)
    baris[0]["catatan"] = "x"

    response = _patch_baris(operator, rkt_lebak, baris)

    assert response.status_code == 400
    assert response.json()["baris"]["0"] == {"catatan": [PESAN_KOLOM_ASING]}


@pytest.mark.django_db
def test_a_read_only_field_may_come_back_unchanged_but_not_changed(operator, rak_lebak):
    data = baca(operator, rak_lebak)

    diubah = operator.put(url(rak_lebak), {**data, "status": "TERBIT"}, format="json")
    sama = operator.put(url(rak_lebak), {**data, "tempat_ttd": "Serang"}, format="json")

    assert diubah.status_code == 400
    assert diubah.json() == {"status": [PESAN_HANYA_DIBACA]}
    assert sama.status_code == 200, sama.json()


@pytest.mark.django_db
def test_a_wrong_method_is_refused_in_indonesian(operator, rak_lebak):
    response = operator.post(url(rak_lebak), {}, format="json")

    assert response.status_code == 405
    assert response.json() == {"detail": 'Metode "POST" tidak diizinkan.'}


@pytest.mark.django_db
def test_rows_that_are_not_a_list_are_refused_in_indonesian(operator, rkt_lebak):
    baris = data_baris(rkt_lebak)
    baris[0]["indikator"] = {"indikator": "x"}

    response = _patch_baris(operator, rkt_lebak, baris)

    assert response.status_code == 400
    assert "Kirim sebagai daftar." in str(response.json()["baris"]["0"]["indikator"])
    assert "Expected" not in str(response.json())


@pytest.mark.django_db
def test_drf_s_own_untranslated_messages_are_indonesian(operator, rak_lebak):
    response = operator.patch(url(rak_lebak), [1, 2], format="json")

    assert response.status_code == 400
    assert "Data tidak valid: harus berupa objek" in str(response.json())


@pytest.mark.django_db
@pytest.mark.parametrize("cara", ["patch", "post"])
def test_a_signatory_of_another_satker_is_named_as_such(rak_lebak, cara):
    # Admin RI sees both satker: the message names the mistake.
    admin = klien("admin.ri")
    lain = Pejabat.objects.filter(satker__kode="kota-serang").first()

    if cara == "patch":
        response = admin.patch(
            url(rak_lebak),
            {"suntingan": rak_lebak.suntingan, "penandatangan": lain.pk},
            format="json",
        )
    else:
        response = admin.post(
            "/api/v1/dokumen/",
            {"satker": "kab-lebak", "jenis": "IKU", "tahun": 2027, "penandatangan": lain.pk},
            format="json",
        )

    assert response.status_code == 400
    pesan = response.json()["penandatangan"][0]
    assert pesan.startswith("Pejabat ini bukan pejabat KPU Kabupaten Lebak")
    assert "primary key" not in pesan


@pytest.mark.django_db
def test_an_official_out_of_reach_reads_as_absent(operator, rak_lebak):
    # Lebak's operator cannot see Serang: its officials' ids are not confirmed to exist.
    lain = Pejabat.objects.filter(satker__kode="kota-serang").first()

    response = operator.patch(
        url(rak_lebak), {"suntingan": rak_lebak.suntingan, "penandatangan": lain.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["penandatangan"] == [f"Pejabat dengan id {lain.pk} tidak ada."]


# -- finding 6: a target too long to store ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["12345678901234567 %", "1" * 30])
def test_a_target_too_long_to_store_is_a_400_on_target(operator, rak_lebak, target):
    sebelum = jejak(rak_lebak)

    response = _patch_baris(operator, rak_lebak, _rak_dengan(rak_lebak, target=target))

    assert response.status_code == 400
    assert response.json()["baris"]["0"]["baris"]["0"] == {"target": [PESAN_TERLALU_BESAR]}
    assert "target_nilai" not in str(response.json())
    assert jejak(rak_lebak) == sebelum


# -- finding 16: depth -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kedalaman", [100_000, 40])
def test_a_deeply_nested_body_is_a_400(operator, rak_lebak, kedalaman):
    body = "[" * kedalaman + "]" * kedalaman

    response = operator.generic("PATCH", url(rak_lebak), body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": PESAN_TERLALU_DALAM}


@pytest.mark.django_db
def test_bad_json_is_a_400_in_indonesian(operator, rak_lebak):
    response = operator.generic("PATCH", url(rak_lebak), "{bukan", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Isian bukan JSON yang sah")


# -- finding 17: what cannot be read back as typed -------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("isian", "kolom", "pesan"),
    [
        ({"tahun_anggaran": 70000}, "tahun_anggaran", "Tahun harus antara 2000 dan 2100."),
        ({"tahun_anggaran": "٢٠٢٤"}, "tahun_anggaran", "Tulis angka dengan angka 0–9."),
        ({"tahun": "٢٠٢٤"}, "tahun", "Tulis angka dengan angka 0–9."),
        ({"tanggal_ttd": "0001-01-01"}, "tanggal_ttd", "Tanggal harus antara tahun 2000"),
        ({"tempat_ttd": f"Rangkas{RLO}x"}, "tempat_ttd", "Hapus karakter tersembunyi U+202E"),
    ],
)
def test_a_header_that_cannot_be_read_back_is_a_400(operator, rak_lebak, isian, kolom, pesan):
    sebelum = jejak(rak_lebak)

    response = operator.patch(
        url(rak_lebak), {"suntingan": rak_lebak.suntingan, **isian}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == [kolom]
    assert pesan in response.json()[kolom][0]
    assert jejak(rak_lebak) == sebelum


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("isi", "kolom", "pesan"),
    [
        ({"anggaran": "١٢٣٤"}, "anggaran", "Tulis angka dengan angka 0–9."),
        ({"target": f"{RLO}%58"}, "target", "Hapus karakter tersembunyi U+202E"),
        ({"target": "85\u200b%"}, "target", "Hapus karakter tersembunyi U+200B"),
        ({"target": "٨٥%"}, "target", "Tulis angka dengan angka 0–9."),
        ({"kegiatan": f"Rapat{RLO}"}, "kegiatan", "Hapus karakter tersembunyi"),
        ({"triwulan": ["١"]}, "triwulan", "Tulis angka dengan angka 0–9."),
    ],
)
def test_a_row_that_cannot_be_read_back_is_a_400(operator, rak_lebak, isi, kolom, pesan):
    sebelum = jejak(rak_lebak)

    response = _patch_baris(operator, rak_lebak, _rak_dengan(rak_lebak, **isi))

    assert response.status_code == 400
    assert pesan in str(response.json()["baris"]["0"]["baris"]["0"][kolom])
    assert jejak(rak_lebak) == sebelum


# -- finding 19: dot decimals and targets without a number -----------------------------------


@pytest.mark.django_db
def test_a_target_without_a_number_is_saved_with_a_warning(iku_serang, admin_ri):
    client = klien("admin.ri")
    baris = data_baris(iku_serang)
    baris[0]["target"] = "lOOo/o"
    baris[1]["target"] = "0.2%"

    response = client.patch(
        url(iku_serang), {"suntingan": iku_serang.suntingan, "baris": baris}, format="json"
    )

    assert response.status_code == 200, response.json()
    peringatan = response.json()["peringatan"]
    assert {"kolom": "baris[0].target", "pesan": PESAN_TANPA_ANGKA} in peringatan
    assert not any(p["kolom"] == "baris[1].target" for p in peringatan)
    row = iku_serang.baris_iku.order_by("urutan")[1]
    assert (str(row.target_nilai), row.target_satuan) == ("0.2000", "%")


@pytest.mark.django_db
def test_a_rak_warning_names_the_nested_row(operator, rak_lebak):
    response = _patch_baris(operator, rak_lebak, _rak_dengan(rak_lebak, target="Tepat Waktu"))

    assert response.status_code == 200
    assert {"kolom": "baris[0].baris[0].target", "pesan": PESAN_TANPA_ANGKA} in response.json()[
        "peringatan"
    ]
