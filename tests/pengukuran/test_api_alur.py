"""The TW report workflow through the API: the report's status, window, history and steps
read; each step (ajukan, setujui, kembalikan, tandai-bukti, buka-kembali) taken through
pengukuran.alur; refusals as 409 with the service's message, a role's as 403, another satker's
report as 404, an unknown key as 400."""

import datetime
from decimal import Decimal as D

import pytest
from rest_framework.test import APIClient

from pengukuran.models import (
    AksiLaporan,
    LaporanTriwulan,
    PembukaanKembali,
    RiwayatLaporan,
    StatusLaporan,
)
from pengukuran.services import laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import IndikatorPk
from satker.models import Peran
from tests.factories import KabKotaFactory, akun_satker
from tests.pengukuran.bantu_alur import atur_waktu, jendela

pytestmark = pytest.mark.django_db


def _klien(user) -> APIClient:
    klien = APIClient()
    klien.force_authenticate(user)
    return klien


def _alamat(pk, langkah="", tw=1):
    alamat = f"/api/v1/laporan-triwulan/{pk.satker.kode}/2024/{tw}/"
    return f"{alamat}{langkah}/" if langkah else alamat


def _isi_semua(pk, oleh, tw=1):
    laporan = laporan_buka(satker=pk.satker, tahun=2024, tw=tw)
    isian = {
        i.pk: {"nilai": D(3) if i.agregasi == "KUMULATIF" else D(91)}
        for i in IndikatorPk.objects.filter(sasaran__dokumen=pk)
    }
    return realisasi_simpan(laporan=laporan, isian=isian, suntingan=laporan.suntingan, oleh=oleh)


def _ke(laporan, status):
    LaporanTriwulan.objects.filter(pk=laporan.pk).update(status=status)


@pytest.fixture
def ketua(pk_terbit):
    return akun_satker(pk_terbit.satker, Peran.KETUA)


@pytest.fixture
def reviewer(pk_terbit):
    return akun_satker(pk_terbit.satker.induk, Peran.REVIEWER_PROVINSI)


# ---- reading ----------------------------------------------------------------------------


def test_baca_laporan_yang_belum_dibuat_draf_tanpa_riwayat(pk_terbit, operator):
    jawab = _klien(operator).get(_alamat(pk_terbit))

    assert jawab.status_code == 200
    assert jawab.json() == {
        "satker": pk_terbit.satker.kode,
        "tahun": 2024,
        "tw": 1,
        "ada": False,
        "status": "DRAF",
        "suntingan": 0,
        "perjanjian": None,
        "bukti_diperiksa_oleh": None,
        "bukti_diperiksa_pada": None,
        "terlambat": False,
        "jendela": {
            "terbuka": True,
            "dibuka": None,
            "ditutup": None,
            "dibuka_kembali_sampai": None,
            "pesan_tutup": "",
        },
        "aksi_tersedia": [],
        "riwayat": [],
    }
    assert not LaporanTriwulan.objects.exists()  # reading opens nothing


def test_baca_laporan_dengan_langkah_yang_tersedia_bagi_pengguna(pk_terbit, operator, ketua):
    laporan = _isi_semua(pk_terbit, operator)

    oleh_operator = _klien(operator).get(_alamat(pk_terbit)).json()
    oleh_ketua = _klien(ketua).get(_alamat(pk_terbit)).json()

    assert oleh_operator["ada"] is True
    assert oleh_operator["perjanjian"] == pk_terbit.pk
    assert oleh_operator["suntingan"] == laporan.suntingan
    assert oleh_operator["aksi_tersedia"] == ["ajukan"]
    assert oleh_ketua["aksi_tersedia"] == []  # the Ketua approves; submitting is the writers'


def test_satker_lain_404_dan_tanpa_pk_terbit_404(pk_terbit, operator):
    orang_lain = _klien(akun_satker(KabKotaFactory(), Peran.OPERATOR))

    assert orang_lain.get(_alamat(pk_terbit)).status_code == 404
    assert orang_lain.post(_alamat(pk_terbit, "ajukan"), {}, format="json").status_code == 404
    klien = _klien(operator)
    tanpa_pk = klien.get(f"/api/v1/laporan-triwulan/{pk_terbit.satker.kode}/2023/1/")
    assert tanpa_pk.status_code == 404
    assert klien.get(_alamat(pk_terbit, tw=5)).status_code == 404


def test_tanpa_masuk_401(db):
    jawab = APIClient().get("/api/v1/laporan-triwulan/kab-lebak/2024/1/")

    assert jawab.status_code == 401
    assert jawab.json() == {"detail": "Data autentikasi tidak diberikan."}


# ---- the steps --------------------------------------------------------------------------


def test_ajukan_setujui_tercatat_di_riwayat(pk_terbit, operator, ketua):
    _isi_semua(pk_terbit, operator)

    diajukan = _klien(operator).post(_alamat(pk_terbit, "ajukan"), {}, format="json")
    assert diajukan.status_code == 200, diajukan.json()
    assert diajukan.json()["status"] == "DIAJUKAN"
    assert diajukan.json()["aksi_tersedia"] == []

    disetujui = _klien(ketua).post(_alamat(pk_terbit, "setujui"), {}, format="json")
    assert disetujui.status_code == 200
    data = disetujui.json()
    assert data["status"] == "DISETUJUI"
    assert [(r["aksi"], r["dari_status"], r["ke_status"], r["oleh"]) for r in data["riwayat"]] == [
        ("AJUKAN", "DRAF", "DIAJUKAN", operator.username),
        ("SETUJUI", "DIAJUKAN", "DISETUJUI", ketua.username),
    ]


def test_ajukan_yang_belum_lengkap_409_dengan_pesan(pk_terbit, operator):
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    satu = IndikatorPk.objects.filter(sasaran__dokumen=pk_terbit).first()
    realisasi_simpan(laporan=laporan, isian={satu.pk: {"nilai": D(3)}}, suntingan=0, oleh=operator)

    jawab = _klien(operator).post(_alamat(pk_terbit, "ajukan"), {}, format="json")

    assert jawab.status_code == 409
    assert jawab.json()["detail"].startswith("Laporan belum lengkap. Indikator yang belum diisi:")
    assert LaporanTriwulan.objects.get().status == StatusLaporan.DRAF
    assert not RiwayatLaporan.objects.exists()


def test_langkah_pada_laporan_yang_belum_dibuat_404(pk_terbit, operator):
    jawab = _klien(operator).post(_alamat(pk_terbit, "ajukan"), {}, format="json")

    assert jawab.status_code == 404
    assert jawab.json() == {
        "detail": "Laporan triwulan ini belum dibuat: belum ada realisasi yang disimpan."
    }


def test_setujui_oleh_operator_403(pk_terbit, operator):
    _ke(_isi_semua(pk_terbit, operator), StatusLaporan.DIAJUKAN)

    jawab = _klien(operator).post(_alamat(pk_terbit, "setujui"), {}, format="json")

    assert jawab.status_code == 403
    assert jawab.json() == {
        "detail": "Peran Anda tidak berhak melakukan langkah ini pada laporan ini."
    }
    assert LaporanTriwulan.objects.get().status == StatusLaporan.DIAJUKAN


def test_setujui_draf_409(pk_terbit, operator, ketua):
    _isi_semua(pk_terbit, operator)

    jawab = _klien(ketua).post(_alamat(pk_terbit, "setujui"), {}, format="json")

    assert jawab.status_code == 409
    assert jawab.json() == {
        "detail": "Laporan berstatus draf; langkah ini tidak dapat dilakukan sekarang."
    }


def test_kembalikan_wajib_catatan_lalu_kembali_ke_draf(pk_terbit, operator, reviewer):
    _ke(_isi_semua(pk_terbit, operator), StatusLaporan.DIAJUKAN)
    klien = _klien(reviewer)

    tanpa_catatan = klien.post(_alamat(pk_terbit, "kembalikan"), {}, format="json")
    assert tanpa_catatan.status_code == 409
    assert LaporanTriwulan.objects.get().status == StatusLaporan.DIAJUKAN

    jawab = klien.post(
        _alamat(pk_terbit, "kembalikan"), {"catatan": "Lengkapi kendala TW I."}, format="json"
    )
    assert jawab.status_code == 200
    assert jawab.json()["status"] == "DRAF"
    assert jawab.json()["riwayat"][-1]["catatan"] == "Lengkapi kendala TW I."


def test_tandai_bukti_oleh_peninjau_sekali_saja(pk_terbit, operator, reviewer):
    _ke(_isi_semua(pk_terbit, operator), StatusLaporan.DIAJUKAN)
    klien = _klien(reviewer)

    jawab = klien.post(_alamat(pk_terbit, "tandai-bukti"), {}, format="json")
    assert jawab.status_code == 200
    assert jawab.json()["status"] == "DIAJUKAN"
    assert jawab.json()["bukti_diperiksa_oleh"] == reviewer.username
    assert jawab.json()["bukti_diperiksa_pada"] is not None

    lagi = klien.post(_alamat(pk_terbit, "tandai-bukti"), {}, format="json")
    assert lagi.status_code == 409
    assert lagi.json()["detail"].startswith("Bukti laporan ini sudah ditandai diperiksa oleh")
    penulis = _klien(operator).post(_alamat(pk_terbit, "tandai-bukti"), {}, format="json")
    assert penulis.status_code == 403


def test_kolom_asing_400_dan_tidak_ada_yang_berubah(pk_terbit, operator):
    _isi_semua(pk_terbit, operator)

    jawab = _klien(operator).post(
        _alamat(pk_terbit, "ajukan"), {"catatan": "", "status": "DISETUJUI"}, format="json"
    )

    assert jawab.status_code == 400
    assert list(jawab.json()) == ["status"]
    assert LaporanTriwulan.objects.get().status == StatusLaporan.DRAF


def test_hanya_post_pada_langkah(pk_terbit, operator):
    assert _klien(operator).get(_alamat(pk_terbit, "ajukan")).status_code == 405


# ---- reopening --------------------------------------------------------------------------


def test_buka_kembali_oleh_peninjau_membuka_triwulan_yang_ditutup(
    monkeypatch, pk_terbit, operator, reviewer
):
    atur_waktu(monkeypatch, 2024, 7, 20, 10)
    jendela(reviewer, tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    klien = _klien(reviewer)
    alamat = _alamat(pk_terbit, "buka-kembali", tw=2)

    tertutup = _klien(operator).get(_alamat(pk_terbit, tw=2)).json()
    assert tertutup["jendela"]["terbuka"] is False
    assert tertutup["jendela"]["pesan_tutup"]
    assert _klien(reviewer).get(_alamat(pk_terbit, tw=2)).json()["aksi_tersedia"] == [
        "buka-kembali"
    ]

    jawab = klien.post(
        alamat, {"alasan": "Server satker padam.", "sampai": "2024-07-25"}, format="json"
    )

    assert jawab.status_code == 200, jawab.json()
    data = jawab.json()
    assert data["ada"] is True
    assert data["jendela"]["terbuka"] is True
    assert data["jendela"]["dibuka_kembali_sampai"] == "2024-07-25"
    assert data["riwayat"][-1]["aksi"] == AksiLaporan.BUKA_KEMBALI
    assert PembukaanKembali.objects.get().sampai == datetime.date(2024, 7, 25)


def test_buka_kembali_ditolak(monkeypatch, pk_terbit, operator, reviewer):
    atur_waktu(monkeypatch, 2024, 7, 20, 10)
    alamat = _alamat(pk_terbit, "buka-kembali", tw=2)
    isian = {"alasan": "Server satker padam.", "sampai": "2024-07-25"}

    tanpa_masa = _klien(reviewer).post(alamat, isian, format="json")
    assert tanpa_masa.status_code == 409
    assert tanpa_masa.json()["detail"].startswith("Belum ada masa pelaporan TW II 2024")

    jendela(reviewer, tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    assert _klien(operator).post(alamat, isian, format="json").status_code == 403
    tanpa_alasan = _klien(reviewer).post(alamat, {"sampai": "2024-07-25"}, format="json")
    assert tanpa_alasan.status_code == 400
    assert list(tanpa_alasan.json()) == ["alasan"]
    lampau = _klien(reviewer).post(alamat, {**isian, "sampai": "2024-07-01"}, format="json")
    assert lampau.status_code == 409
    assert not PembukaanKembali.objects.exists()
