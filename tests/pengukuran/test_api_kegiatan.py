"""The RAK's realisasi through the API: a satker's quarter of kegiatan read with serapan per
kegiatan, RAK sasaran and satker, and written through kegiatan_simpan (unknown keys refused,
errors at the entry's place, the suntingan lock, the DRAF rule and the reporting window), under
the access rule, in a number of queries that does not grow with the kegiatan."""

from decimal import Decimal as D

import pytest
from rest_framework.test import APIClient

from dokumen.models import StatusDokumen
from pengukuran.models import LaporanTriwulan, StatusLaporan
from pengukuran.models_kegiatan import RealisasiKegiatan, StatusKegiatan
from pengukuran.services import laporan_buka
from pengukuran.services_kegiatan import kegiatan_simpan
from rencana_aksi.models import BarisRak
from satker.models import Peran
from tests.factories import AdminRiFactory, PkFactory, RakFactory, akun_satker, sasaran_rak
from tests.pengukuran.bantu_alur import atur_waktu, jendela

pytestmark = pytest.mark.django_db
T = StatusKegiatan.TERLAKSANA
QUERY_BACA = (
    11  # the savepoint pair, satker, RAK (twice), reports, entries, files, RAK rows (2), window
)


def _klien(user) -> APIClient:
    klien = APIClient()
    klien.force_authenticate(user)
    return klien


@pytest.fixture
def rak(pk_terbit):
    """The satker's published RAK 2024: 2 sasaran × 2 kegiatan, anggaran Rp1.000.000 and
    Rp2.000.000 in each sasaran."""
    return RakFactory(satker=pk_terbit.satker, status=StatusDokumen.TERBIT)


@pytest.fixture
def api(operator):
    return _klien(operator)


def _baris(rak):
    return list(BarisRak.objects.filter(sasaran__dokumen=rak).order_by("sasaran__urutan", "urutan"))


def _alamat(satker, tw=1, tahun=2024):
    return f"/api/v1/realisasi-kegiatan/{satker.kode}/{tahun}/{tw}/"


def _simpan(satker, tw, isian, oleh):
    laporan = laporan_buka(satker=satker, tahun=2024, tw=tw)
    return kegiatan_simpan(laporan=laporan, isian=isian, suntingan=laporan.suntingan, oleh=oleh)


# -- reading -------------------------------------------------------------------------------


def test_it_reads_every_kegiatan_with_serapan_per_kegiatan_sasaran_and_satker(api, rak, operator):
    a, b, c, d = _baris(rak)
    _simpan(rak.satker, 1, {b.pk: {"status": T, "realisasi_anggaran": D(500_000)}}, operator)
    _simpan(rak.satker, 2, {a.pk: {"status": T, "realisasi_anggaran": D(250_000)}}, operator)

    response = api.get(_alamat(rak.satker, tw=2))

    assert response.status_code == 200
    data = response.json()
    assert (data["satker"], data["tahun"], data["tw"], data["rak"]) == (
        rak.satker.kode,
        2024,
        2,
        rak.pk,
    )
    assert (data["status"], data["suntingan"]) == ("DRAF", 1)
    assert data["jendela"]["terbuka"] is True
    # The satker: Rp6.000.000, spent 500.000 + 250.000 by TW II.
    assert data["serapan"] == {
        "anggaran": "6000000.00",
        "realisasi": "750000.00",
        "persen": "12.50",
        "penjelasan": "Serapan = Rp750.000 ÷ Rp6.000.000 × 100 % = 12,50 %",
    }
    pertama, kedua = data["sasaran"]
    assert pertama["serapan"]["persen"] == "25.00"
    assert kedua["serapan"]["persen"] == "0.00"
    ka, kb = pertama["kegiatan"]
    assert (ka["baris"], ka["kunci"], ka["anggaran"]) == (a.pk, str(a.kunci), a.anggaran)
    assert ka["realisasi"]["status"] == "TERLAKSANA"
    assert ka["realisasi"]["realisasi_anggaran"] == "250000.00"
    assert ka["serapan"]["realisasi"] == "250000.00"
    assert ka["bukti"] == []
    assert kb["realisasi"] is None  # nothing in TW II…
    assert kb["serapan"]["realisasi"] == "500000.00"  # …but TW I counts in the serapan


def test_reading_opens_no_report(api, rak):
    response = api.get(_alamat(rak.satker, tw=3))

    assert response.status_code == 200
    assert response.json()["suntingan"] == 0
    assert all(k["realisasi"] is None for s in response.json()["sasaran"] for k in s["kegiatan"])
    assert not LaporanTriwulan.objects.exists()


def test_without_a_published_rak_or_a_quarter_it_is_a_404(api, pk_terbit):
    response = api.get(_alamat(pk_terbit.satker))
    assert response.status_code == 404
    assert "Belum ada Rencana Aksi Kinerja" in response.json()["detail"]
    RakFactory(satker=pk_terbit.satker, status=StatusDokumen.TERBIT)
    assert api.get(_alamat(pk_terbit.satker, tw=5)).status_code == 404
    assert api.get(_alamat(pk_terbit.satker, tahun=1990)).status_code == 404


def test_without_a_published_pk_it_reads_but_a_write_says_why(pki_aktif):
    rak = RakFactory(status=StatusDokumen.TERBIT)  # a satker whose PK is not published
    a, *_ = _baris(rak)
    klien = _klien(akun_satker(rak.satker, Peran.OPERATOR))

    baca = klien.get(_alamat(rak.satker))
    tulis = klien.patch(
        _alamat(rak.satker),
        {"suntingan": 0, "kegiatan": [{"baris": a.pk, "status": "TERLAKSANA"}]},
        format="json",
    )

    assert baca.status_code == 200
    assert tulis.status_code == 400
    (pesan,) = tulis.json()["non_field_errors"]
    assert pesan.startswith("Belum ada Perjanjian Kinerja 2024 yang terbit")
    assert not LaporanTriwulan.objects.exists()
    assert not RealisasiKegiatan.objects.exists()


def test_the_read_costs_the_same_queries_for_3_and_12_kegiatan(
    django_assert_num_queries, pk_terbit, operator
):
    kecil = RakFactory(
        satker=pk_terbit.satker, baris=sasaran_rak(jumlah=1, baris=3), status=StatusDokumen.TERBIT
    )
    pk_besar = PkFactory(status=StatusDokumen.TERBIT)
    besar = RakFactory(
        satker=pk_besar.satker, baris=sasaran_rak(jumlah=3, baris=4), status=StatusDokumen.TERBIT
    )
    operator_besar = akun_satker(pk_besar.satker, Peran.OPERATOR)
    for oleh, rencana in ((operator, kecil), (operator_besar, besar)):
        _simpan(
            rencana.satker,
            1,
            {b.pk: {"status": T, "realisasi_anggaran": D(1000)} for b in _baris(rencana)},
            oleh,
        )

    for oleh, rencana, jumlah in ((operator, kecil, 3), (operator_besar, besar, 12)):
        klien = _klien(oleh)
        with django_assert_num_queries(QUERY_BACA):
            response = klien.get(_alamat(rencana.satker))
        assert response.status_code == 200
        assert sum(len(s["kegiatan"]) for s in response.json()["sasaran"]) == jumlah


# -- writing -------------------------------------------------------------------------------


def test_it_writes_a_quarter_through_the_service(api, rak, operator):
    a, b, *_ = _baris(rak)

    response = api.patch(
        _alamat(rak.satker),
        {
            "suntingan": 0,
            "kegiatan": [
                {"baris": a.pk, "status": "TERLAKSANA", "realisasi_anggaran": "Rp250.000"},
                {
                    "baris": b.pk,
                    "status": "SEBAGIAN",
                    "catatan": " rapat ",
                    "realisasi_anggaran": 1,
                },
            ],
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["suntingan"] == 1
    assert data["sasaran"][0]["serapan"]["realisasi"] == "250001.00"
    entri = RealisasiKegiatan.objects.get(baris=a)
    assert (entri.status, entri.realisasi_anggaran, entri.diisi_oleh) == (T, D(250_000), operator)
    assert RealisasiKegiatan.objects.get(baris=b).catatan == "rapat"
    assert LaporanTriwulan.objects.get().suntingan == 1


def test_an_empty_entry_removes_the_kegiatan_and_others_are_kept(api, rak, operator):
    a, b, *_ = _baris(rak)
    _simpan(rak.satker, 1, {a.pk: {"status": T}, b.pk: {"status": T}}, operator)

    response = api.patch(
        _alamat(rak.satker),
        {"suntingan": 1, "kegiatan": [{"baris": a.pk, "status": ""}]},
        format="json",
    )

    assert response.status_code == 200
    assert list(RealisasiKegiatan.objects.values_list("baris", flat=True)) == [b.pk]


@pytest.mark.parametrize(
    ("isian", "galat"),
    [
        ({"suntingan": 0, "kegiatan": [], "asing": 1}, {"asing": ["Kolom tidak dikenal"]}),
        (
            {"suntingan": 0, "kegiatan": [{"baris": "ID", "status": "TERLAKSANA", "bukti": 1}]},
            {"kegiatan": {"0": {"bukti": ["Kolom tidak dikenal"]}}},
        ),
        (
            {"suntingan": 0, "kegiatan": [{"baris": "ID", "status": "SELESAI"}]},
            {"kegiatan": {"0": {"status": ["Pilih pelaksanaan kegiatan"]}}},
        ),
        (
            {"suntingan": 0, "kegiatan": [{"baris": "ID", "realisasi_anggaran": "dua juta"}]},
            {"kegiatan": {"0": {"realisasi_anggaran": ["Tulis realisasi anggaran"]}}},
        ),
        (
            {"suntingan": 0, "kegiatan": [{"baris": "ID"}, {"baris": "ID"}]},
            {"kegiatan": {"1": {"baris": ["Kegiatan ini sudah diisi"]}}},
        ),
    ],
)
def test_what_the_api_does_not_understand_is_refused_and_nothing_saved(api, rak, isian, galat):
    a, *_ = _baris(rak)

    response = api.patch(_alamat(rak.satker), _ganti_id(isian, a.pk), format="json")

    assert response.status_code == 400
    _cocok(response.json(), galat)
    assert not RealisasiKegiatan.objects.exists()
    assert not LaporanTriwulan.objects.exists()


def test_the_services_refusals_come_at_the_entrys_place_and_nothing_is_saved(api, rak):
    a, b, *_ = _baris(rak)  # a: anggaran Rp1.000.000

    response = api.patch(
        _alamat(rak.satker),
        {
            "suntingan": 0,
            "kegiatan": [
                {"baris": b.pk, "status": "TERLAKSANA"},
                {"baris": a.pk, "status": "TERLAKSANA", "realisasi_anggaran": "1.500.000"},
                {"baris": 999_999, "status": "TERLAKSANA"},
            ],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "kegiatan": {
            "1": {
                "realisasi_anggaran": [
                    "Realisasi anggaran tahun ini menjadi Rp1.500.000, melebihi anggaran "
                    "kegiatan Rp1.000.000 (serapan di atas 100 %). Sisa yang dapat "
                    "direalisasikan pada TW I: Rp1.000.000."
                ]
            },
            "2": {"non_field_errors": ["Kegiatan ini tidak ada pada RAK yang berlaku."]},
        }
    }
    assert not RealisasiKegiatan.objects.exists()
    assert not LaporanTriwulan.objects.exists()  # a refusal opens no report either


def test_a_stale_suntingan_is_a_409_and_the_other_save_is_kept(api, rak, operator):
    a, *_ = _baris(rak)
    _simpan(rak.satker, 1, {a.pk: {"status": T}}, operator)  # someone else: suntingan → 1

    response = api.patch(
        _alamat(rak.satker),
        {"suntingan": 0, "kegiatan": [{"baris": a.pk, "status": "TIDAK"}]},
        format="json",
    )

    assert response.status_code == 409
    assert "nomor suntingan berbeda" in response.json()["detail"]
    assert RealisasiKegiatan.objects.get().status == T


def test_a_submitted_report_is_a_409(api, rak, operator):
    a, *_ = _baris(rak)
    _simpan(rak.satker, 1, {a.pk: {"status": T}}, operator)
    LaporanTriwulan.objects.update(status=StatusLaporan.DIAJUKAN)

    response = api.patch(
        _alamat(rak.satker),
        {"suntingan": 1, "kegiatan": [{"baris": a.pk, "status": "TIDAK"}]},
        format="json",
    )

    assert response.status_code == 409
    assert "sudah diajukan" in response.json()["detail"]
    assert RealisasiKegiatan.objects.get().status == T


def test_outside_the_window_it_reads_and_refuses_to_write_saying_when_it_closed(
    api, rak, monkeypatch
):
    a, *_ = _baris(rak)
    jendela(AdminRiFactory(), tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    atur_waktu(monkeypatch, 2024, 7, 16, 9, 0)

    baca = api.get(_alamat(rak.satker, tw=2))
    tulis = api.patch(
        _alamat(rak.satker, tw=2),
        {"suntingan": 0, "kegiatan": [{"baris": a.pk, "status": "TERLAKSANA"}]},
        format="json",
    )

    assert baca.status_code == 200
    assert baca.json()["jendela"]["terbuka"] is False
    assert tulis.status_code == 409
    assert tulis.json() == {"detail": "Masa pelaporan TW II 2024 ditutup pada 15 Juli 2024."}
    assert not RealisasiKegiatan.objects.exists()
    assert not LaporanTriwulan.objects.exists()


# -- the access rule -------------------------------------------------------------------------


def test_the_own_satker_reads_and_writes(api, rak):
    a, *_ = _baris(rak)
    isian = {"suntingan": 0, "kegiatan": [{"baris": a.pk, "status": "TERLAKSANA"}]}

    assert api.get(_alamat(rak.satker)).status_code == 200
    assert api.patch(_alamat(rak.satker), isian, format="json").status_code == 200
    assert RealisasiKegiatan.objects.count() == 1


def test_another_satker_is_a_404(operator_serang, rak):
    a, *_ = _baris(rak)
    klien = _klien(operator_serang)
    isian = {"suntingan": 0, "kegiatan": [{"baris": a.pk, "status": "TERLAKSANA"}]}

    assert klien.get(_alamat(rak.satker)).status_code == 404
    assert klien.patch(_alamat(rak.satker), isian, format="json").status_code == 404
    assert not RealisasiKegiatan.objects.exists()


def test_the_provinsis_reviewer_reads_only(rak):
    a, *_ = _baris(rak)
    klien = _klien(akun_satker(rak.satker.induk, Peran.REVIEWER_PROVINSI))
    isian = {"suntingan": 0, "kegiatan": [{"baris": a.pk, "status": "TERLAKSANA"}]}

    assert klien.get(_alamat(rak.satker)).status_code == 200
    response = klien.patch(_alamat(rak.satker), isian, format="json")
    assert response.status_code == 403
    assert not RealisasiKegiatan.objects.exists()
    assert not LaporanTriwulan.objects.exists()


def test_another_provinsis_reviewer_is_a_404(reviewer_kaltim, rak):
    a, *_ = _baris(rak)
    klien = _klien(reviewer_kaltim)
    isian = {"suntingan": 0, "kegiatan": [{"baris": a.pk, "status": "TERLAKSANA"}]}

    assert klien.get(_alamat(rak.satker)).status_code == 404
    assert klien.patch(_alamat(rak.satker), isian, format="json").status_code == 404
    assert not RealisasiKegiatan.objects.exists()


def test_without_logging_in_it_is_a_401(rak):
    assert APIClient().get(_alamat(rak.satker)).status_code in (401, 403)


def _ganti_id(data, pk):
    if isinstance(data, dict):
        return {k: _ganti_id(v, pk) for k, v in data.items()}
    if isinstance(data, list):
        return [_ganti_id(v, pk) for v in data]
    return pk if data == "ID" else data


def _cocok(jawaban, harapan):
    """Every message expected is the start of the one answered at the same place."""
    if isinstance(harapan, dict):
        assert set(jawaban) == set(harapan), jawaban
        for kunci, isi in harapan.items():
            _cocok(jawaban[kunci], isi)
    else:
        assert len(jawaban) == len(harapan), jawaban
        for pesan, awal in zip(jawaban, harapan, strict=True):
            assert pesan.startswith(awal), pesan
