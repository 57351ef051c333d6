"""The measurement API: a satker's quarter read with the engine's capaian and written through
realisasi_simpan (unknown keys refused, errors at the entry's place, the suntingan lock), and
evidence files uploaded, listed, downloaded and deleted under the access rule."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from pengukuran.models import LaporanTriwulan, Realisasi, StatusLaporan
from pengukuran.models_bukti import BuktiDukung
from pengukuran.selectors import tabel_pengukuran
from pengukuran.services import PESAN_BERBUKTI, laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import IndikatorPk
from satker.models import Peran
from tests.factories import AdminRiFactory, KabKotaFactory, akun_satker
from tests.pengukuran import berkas_contoh as contoh
from tests.pengukuran.bantu_alur import atur_waktu, jendela

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _klien(user) -> APIClient:
    klien = APIClient()
    klien.force_authenticate(user)
    return klien


@pytest.fixture
def api(operator):
    return _klien(operator)


@pytest.fixture
def orang_lain(db):
    return _klien(akun_satker(KabKotaFactory(), Peran.OPERATOR))


def _alamat(pk, tw=1):
    return f"/api/v1/realisasi/{pk.satker.kode}/2024/{tw}/"


def _indikator(pk):
    return list(
        IndikatorPk.objects.filter(sasaran__dokumen=pk).order_by("sasaran__urutan", "urutan")
    )


def test_baca_triwulan_dengan_capaian_dari_mesin(api, pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    realisasi_simpan(
        laporan=laporan, isian={jumlah.pk: {"nilai": D(3)}}, suntingan=0, oleh=operator
    )

    response = api.get(_alamat(pk_terbit))

    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "DRAF"
    assert data["suntingan"] == 1
    assert data["perjanjian"] == pk_terbit.pk
    assert len(data["indikator"]) == len(_indikator(pk_terbit))
    baris = tabel_pengukuran(pk_terbit.satker, 2024, sampai_tw=1).sasaran[0].indikator[0]
    pertama = data["indikator"][0]
    assert pertama["indikator"] == jumlah.pk
    assert pertama["realisasi"]["nilai"] == "3.0000"
    assert pertama["realisasi"]["bukti"] == []
    assert pertama["capaian"] == {
        "nilai": "100.00",
        "mentah": "100.00",
        "kategori": "Tercapai",
        "penjelasan": baris.triwulan[0].capaian.penjelasan,
    }
    assert data["indikator"][1]["realisasi"] is None
    assert data["indikator"][1]["capaian"]["nilai"] is None


def test_baca_tidak_membuka_laporan(api, pk_terbit):
    response = api.get(_alamat(pk_terbit, tw=2))

    assert response.status_code == 200
    assert response.json()["suntingan"] == 0
    assert not LaporanTriwulan.objects.exists()


def test_tulis_realisasi(api, pk_terbit):
    jumlah, persen, *_ = _indikator(pk_terbit)

    response = api.patch(
        _alamat(pk_terbit),
        {
            "suntingan": 0,
            "realisasi": [
                {"indikator": jumlah.pk, "nilai": "3", "kendala": "Rapat tertunda"},
                {"indikator": persen.pk, "pembilang": 45, "penyebut": "50"},
            ],
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["suntingan"] == 1
    assert data["indikator"][0]["capaian"]["penjelasan"].endswith("= 100,00 %")
    assert data["indikator"][1]["realisasi"]["nilai"] == "90.0000"
    assert Realisasi.objects.get(indikator=jumlah).kendala == "Rapat tertunda"


def test_angka_ditulis_cara_indonesia(api, pk_terbit):
    jumlah, *_ = _indikator(pk_terbit)

    response = api.patch(
        _alamat(pk_terbit),
        {"suntingan": 0, "realisasi": [{"indikator": jumlah.pk, "nilai": "1.234,5"}]},
        format="json",
    )

    assert response.status_code == 200
    assert Realisasi.objects.get().nilai == D("1234.5")


@pytest.mark.parametrize(
    ("isian", "galat"),
    [
        ({"suntingan": 0, "realisasi": [], "asing": 1}, {"asing": ["Kolom tidak dikenal"]}),
        (
            {"suntingan": 0, "realisasi": [{"indikator": "ID", "nilaii": "3"}]},
            {"realisasi": {"0": {"nilaii": ["Kolom tidak dikenal"]}}},
        ),
    ],
)
def test_kolom_tidak_dikenal_ditolak(api, pk_terbit, isian, galat):
    isian = _ganti_id(isian, _indikator(pk_terbit)[0].pk)

    response = api.patch(_alamat(pk_terbit), isian, format="json")

    assert response.status_code == 400
    _cocok(response.json(), galat)
    assert not Realisasi.objects.exists()


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


def test_nilai_salah_ditolak_dengan_pesan_kolomnya_dan_tidak_ada_yang_tersimpan(api, pk_terbit):
    jumlah, persen, *_ = _indikator(pk_terbit)

    response = api.patch(
        _alamat(pk_terbit),
        {
            "suntingan": 0,
            "realisasi": [
                {"indikator": jumlah.pk, "nilai": "3"},
                {"indikator": persen.pk, "nilai": "-1"},
            ],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"realisasi": {"1": {"nilai": ["Realisasi tidak boleh negatif."]}}}
    assert not Realisasi.objects.exists()
    assert not LaporanTriwulan.objects.exists()


def test_bukan_angka_dan_indikator_ganda_ditolak(api, pk_terbit):
    jumlah, *_ = _indikator(pk_terbit)

    bukan_angka = api.patch(
        _alamat(pk_terbit),
        {"suntingan": 0, "realisasi": [{"indikator": jumlah.pk, "nilai": "tiga"}]},
        format="json",
    )
    ganda = api.patch(
        _alamat(pk_terbit),
        {"suntingan": 0, "realisasi": [{"indikator": jumlah.pk}, {"indikator": jumlah.pk}]},
        format="json",
    )

    assert bukan_angka.json() == {
        "realisasi": {"0": {"nilai": ["Tulis angka, mis. 12, 12.5 atau 1.234,5."]}}
    }
    assert ganda.json()["realisasi"]["1"]["indikator"][0].startswith("Indikator ini sudah")


def test_suntingan_lama_409(api, pk_terbit):
    jumlah, *_ = _indikator(pk_terbit)
    isian = {"suntingan": 0, "realisasi": [{"indikator": jumlah.pk, "nilai": 3}]}
    api.patch(_alamat(pk_terbit), isian, format="json")

    response = api.patch(_alamat(pk_terbit), isian, format="json")

    assert response.status_code == 409
    assert "nomor suntingan berbeda" in response.json()["detail"]


def test_laporan_diajukan_409(api, pk_terbit):
    jumlah, *_ = _indikator(pk_terbit)
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    LaporanTriwulan.objects.filter(pk=laporan.pk).update(status=StatusLaporan.DIAJUKAN)

    response = api.patch(
        _alamat(pk_terbit),
        {"suntingan": 0, "realisasi": [{"indikator": jumlah.pk, "nilai": 3}]},
        format="json",
    )

    assert response.status_code == 409


def test_satker_lain_404_dan_pembaca_403(orang_lain, pk_terbit):
    isian = {"suntingan": 0, "realisasi": []}

    assert orang_lain.get(_alamat(pk_terbit)).status_code == 404
    assert orang_lain.patch(_alamat(pk_terbit), isian, format="json").status_code == 404
    ketua = _klien(akun_satker(pk_terbit.satker, Peran.KETUA))
    assert ketua.get(_alamat(pk_terbit)).status_code == 200
    assert ketua.patch(_alamat(pk_terbit), isian, format="json").status_code == 403


def test_triwulan_atau_tahun_tanpa_pk_404(api, pk_terbit):
    assert api.get(_alamat(pk_terbit, tw=5)).status_code == 404
    response = api.get(f"/api/v1/realisasi/{pk_terbit.satker.kode}/2023/1/")
    assert response.status_code == 404
    assert "Belum ada Perjanjian Kinerja" in response.json()["detail"]


# -- evidence files ---------------------------------------------------------------------------


@pytest.fixture
def realisasi(pk_terbit, operator):
    jumlah, *_ = _indikator(pk_terbit)
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    realisasi_simpan(
        laporan=laporan, isian={jumlah.pk: {"nilai": D(3)}}, suntingan=0, oleh=operator
    )
    return Realisasi.objects.get(laporan=laporan)


def _unggah(klien, realisasi, *berkas, **lain):
    return klien.post(
        "/api/v1/bukti/",
        {
            "realisasi": realisasi.pk,
            "berkas": [SimpleUploadedFile(n, isi) for n, isi in berkas],
            **lain,
        },
        format="multipart",
    )


def test_unggah_daftar_unduh_hapus(api, realisasi, pk_terbit):
    response = _unggah(api, realisasi, ("a.pdf", contoh.PDF), ("b.png", contoh.gambar("PNG")))

    assert response.status_code == 201, response.json()
    bukti = response.json()["bukti"]
    assert [(b["nama"], b["jenis_isi"], b["keadaan"]) for b in bukti] == [
        ("a.pdf", "application/pdf", "utuh"),
        ("b.png", "image/png", "utuh"),
    ]
    daftar = api.get(f"/api/v1/bukti/?realisasi={realisasi.pk}").json()
    assert daftar["count"] == 2
    laporan = api.get(_alamat(pk_terbit)).json()
    assert [b["nama"] for b in laporan["indikator"][0]["realisasi"]["bukti"]] == ["a.pdf", "b.png"]

    unduh = api.get(bukti[0]["unduh"])
    assert unduh.status_code == 200
    assert unduh.content == contoh.PDF
    assert unduh["Content-Type"] == "application/pdf"
    assert unduh["Content-Disposition"] == 'attachment; filename="a.pdf"'
    assert unduh["X-Content-Type-Options"] == "nosniff"

    assert api.delete(f"/api/v1/bukti/{bukti[0]['id']}/").status_code == 204
    assert list(BuktiDukung.objects.values_list("nama_asli", flat=True)) == ["b.png"]


def test_unggah_berkas_salah_400_tidak_ada_yang_tersimpan(api, realisasi):
    response = _unggah(api, realisasi, ("a.pdf", contoh.PDF), ("program.pdf", contoh.EXE))

    assert response.status_code == 400
    (pesan,) = response.json()["berkas"]
    assert pesan.startswith("“program.pdf”: Berkas ini sebuah program (executable)")
    assert not BuktiDukung.objects.exists()


def test_unggah_kolom_tidak_dikenal_400(api, realisasi):
    response = _unggah(api, realisasi, ("a.pdf", contoh.PDF), keterangan="x")

    assert response.status_code == 400
    assert response.json() == {
        "keterangan": ["Kolom tidak dikenal; periksa ejaannya atau hapus dari isian."]
    }
    assert not BuktiDukung.objects.exists()


def test_unggah_terlalu_besar_413(api, realisasi, settings):
    settings.BUKTI_UKURAN_MAKS_MB = 1

    response = _unggah(api, realisasi, ("besar.pdf", contoh.PDF + b"0" * 1024 * 1024))

    assert response.status_code == 413
    assert "terlalu besar" in response.json()["detail"]
    assert not BuktiDukung.objects.exists()


def test_unggah_json_415(api, realisasi):
    response = api.post("/api/v1/bukti/", {"realisasi": realisasi.pk}, format="json")

    assert response.status_code == 415


def test_bukti_satker_lain_404(api, orang_lain, realisasi):
    (bukti,) = _unggah(api, realisasi, ("a.pdf", contoh.PDF)).json()["bukti"]

    assert orang_lain.get(f"/api/v1/bukti/{bukti['id']}/").status_code == 404
    assert orang_lain.get(f"/api/v1/bukti/{bukti['id']}/unduh/").status_code == 404
    assert orang_lain.delete(f"/api/v1/bukti/{bukti['id']}/").status_code == 404
    assert orang_lain.get(f"/api/v1/bukti/?realisasi={realisasi.pk}").json()["count"] == 0
    assert _unggah(orang_lain, realisasi, ("b.pdf", contoh.PDF)).status_code == 404
    assert BuktiDukung.objects.count() == 1


def test_berkas_berubah_tidak_diunduhkan(api, realisasi):
    (bukti,) = _unggah(api, realisasi, ("a.pdf", contoh.PDF)).json()["bukti"]
    with BuktiDukung.objects.get().berkas.open("wb") as berkas:
        berkas.write(contoh.PDF + b"%ubah")

    assert api.get(f"/api/v1/bukti/{bukti['id']}/").json()["keadaan"] == "berubah"
    response = api.get(f"/api/v1/bukti/{bukti['id']}/unduh/")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Berkas berubah")


def test_hapus_laporan_diajukan_409(api, realisasi):
    (bukti,) = _unggah(api, realisasi, ("a.pdf", contoh.PDF)).json()["bukti"]
    LaporanTriwulan.objects.update(status=StatusLaporan.DIAJUKAN)

    assert api.delete(f"/api/v1/bukti/{bukti['id']}/").status_code == 409
    assert BuktiDukung.objects.count() == 1


def test_realisasi_berbukti_tidak_bisa_dikosongkan_lewat_api(api, realisasi, pk_terbit):
    _unggah(api, realisasi, ("a.pdf", contoh.PDF))

    response = api.patch(
        _alamat(pk_terbit),
        {"suntingan": 1, "realisasi": [{"indikator": realisasi.indikator_id}]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"realisasi": {"0": {"non_field_errors": [PESAN_BERBUKTI]}}}
    assert Realisasi.objects.filter(pk=realisasi.pk).exists()


def test_di_luar_masa_pelaporan_409_dengan_tanggal_tutupnya(api, pk_terbit, monkeypatch):
    jumlah, *_ = _indikator(pk_terbit)
    jendela(AdminRiFactory(), tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    atur_waktu(monkeypatch, 2024, 7, 16, 9, 0)

    response = api.patch(
        _alamat(pk_terbit, tw=2),
        {"suntingan": 0, "realisasi": [{"indikator": jumlah.pk, "nilai": 3}]},
        format="json",
    )

    assert response.status_code == 409
    assert response.json() == {"detail": "Masa pelaporan TW II 2024 ditutup pada 15 Juli 2024."}
    assert not Realisasi.objects.exists()
    assert not LaporanTriwulan.objects.exists()
