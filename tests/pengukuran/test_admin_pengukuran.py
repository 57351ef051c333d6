"""The measurement in the admin: KPU RI sets national windows, a KPU Provinsi only its own;
TW reports are read-only, in reach only, and reopened by an action with a reason."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from pengukuran.models import JendelaPelaporan, PembukaanKembali, RiwayatLaporan
from pengukuran.services import laporan_buka
from satker.models import Peran
from tests.factories import ProvinsiFactory, ReviewerFactory, akun_satker
from tests.pengukuran.bantu_alur import atur_waktu, jendela

pytestmark = pytest.mark.django_db

TAMBAH = reverse("admin:pengukuran_jendelapelaporan_add")
DAFTAR = reverse("admin:pengukuran_jendelapelaporan_changelist")
LAPORAN = reverse("admin:pengukuran_laporantriwulan_changelist")


def _isian(provinsi="", dibuka="2024-07-01", ditutup="2024-07-15"):
    return {"tahun": 2024, "tw": 2, "provinsi": provinsi, "dibuka": dibuka, "ditutup": ditutup}


def _ubah(jendela):
    return reverse("admin:pengukuran_jendelapelaporan_change", args=[jendela.pk])


def test_kpu_ri_menetapkan_masa_nasional(client, admin_ri):
    client.force_login(admin_ri)

    response = client.post(TAMBAH, _isian())

    assert response.status_code == 302, response.content.decode()[:2000]
    jendela = JendelaPelaporan.objects.get()
    assert (jendela.provinsi, jendela.ditetapkan_oleh) == (None, admin_ri)


def test_tanggal_ditutup_sebelum_dibuka_ditolak(client, admin_ri):
    client.force_login(admin_ri)

    response = client.post(TAMBAH, _isian(dibuka="2024-07-15", ditutup="2024-07-01"))

    assert "Tanggal ditutup tidak boleh sebelum tanggal dibuka." in response.content.decode()
    assert not JendelaPelaporan.objects.exists()


def test_masa_nasional_kedua_ditolak(client, admin_ri):
    jendela(admin_ri)
    client.force_login(admin_ri)

    response = client.post(TAMBAH, _isian())

    assert "Masa pelaporan nasional triwulan ini sudah ditetapkan." in response.content.decode()
    assert JendelaPelaporan.objects.count() == 1


def test_kpu_provinsi_hanya_menetapkan_masanya_sendiri(client, reviewer_banten, admin_ri):
    lain = ProvinsiFactory()
    client.force_login(reviewer_banten)

    asing = client.post(TAMBAH, _isian(provinsi=lain.pk))
    nasional = client.post(TAMBAH, _isian(provinsi=""))
    assert asing.status_code == nasional.status_code == 200
    assert not JendelaPelaporan.objects.exists()

    response = client.post(TAMBAH, _isian(provinsi=reviewer_banten.profil.satker_id))

    assert response.status_code == 302
    jendela_banten = JendelaPelaporan.objects.get()
    assert jendela_banten.provinsi == reviewer_banten.profil.satker
    assert jendela_banten.ditetapkan_oleh == reviewer_banten


def test_kpu_provinsi_membaca_nasional_tidak_melihat_provinsi_lain(
    client, reviewer_banten, admin_ri
):
    nasional = jendela(admin_ri)
    sendiri = jendela(admin_ri, provinsi=reviewer_banten.profil.satker)
    lain = jendela(admin_ri, provinsi=ProvinsiFactory())
    client.force_login(reviewer_banten)

    daftar = client.get(DAFTAR)

    assert set(daftar.context["cl"].result_list) == {nasional, sendiri}
    assert client.get(_ubah(lain)).status_code == 302  # as a missing object
    # The national window is read-only: a change posted is refused.
    assert client.post(_ubah(nasional), _isian(ditutup="2024-07-31")).status_code == 403
    nasional.refresh_from_db()
    assert nasional.ditutup == datetime.date(2024, 7, 15)
    ubah = client.post(_ubah(sendiri), _isian(sendiri.provinsi_id, ditutup="2024-07-31"))
    assert ubah.status_code == 302
    sendiri.refresh_from_db()
    assert sendiri.ditutup == datetime.date(2024, 7, 31)


def test_laporan_hanya_dibaca_dan_dalam_jangkauan(client, pk_terbit):
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    reviewer = akun_satker(pk_terbit.satker.induk, Peran.REVIEWER_PROVINSI)
    ubah = reverse("admin:pengukuran_laporantriwulan_change", args=[laporan.pk])

    client.force_login(reviewer)
    assert list(client.get(LAPORAN, {"status__exact": "DRAF"}).context["cl"].result_list) == [
        laporan
    ]
    assert client.get(LAPORAN, {"status__exact": "DIAJUKAN"}).context["cl"].result_count == 0
    assert client.get(ubah).status_code == 200
    assert client.post(ubah, {}).status_code == 403
    client.force_login(ReviewerFactory())
    assert client.get(LAPORAN).context["cl"].result_count == 0


def test_aksi_buka_kembali_dengan_alasan(monkeypatch, client, pk_terbit, admin_ri):
    jendela(admin_ri, tw=1, dibuka=(2024, 4, 1), ditutup=(2024, 4, 15))
    atur_waktu(monkeypatch, 2024, 4, 10, 9, 0)
    laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=1)
    atur_waktu(monkeypatch, 2024, 4, 20, 9, 0)
    reviewer = akun_satker(pk_terbit.satker.induk, Peran.REVIEWER_PROVINSI)
    client.force_login(reviewer)
    pilih = {"action": "buka_kembali", ACTION_CHECKBOX_NAME: [laporan.pk]}

    tanya = client.post(LAPORAN, pilih)
    tanpa_alasan = client.post(LAPORAN, pilih | {"post": "ya", "sampai": "2024-04-25"})
    assert "Buka kembali masa pelaporan" in tanya.content.decode()
    assert "Tulis alasan masa pelaporan dibuka kembali." in tanpa_alasan.content.decode()
    assert not PembukaanKembali.objects.exists()

    response = client.post(
        LAPORAN, pilih | {"post": "ya", "alasan": "Server satker mati", "sampai": "2024-04-25"}
    )

    assert response.status_code == 302
    pembukaan = PembukaanKembali.objects.get()
    assert (pembukaan.satker, pembukaan.oleh, pembukaan.alasan) == (
        pk_terbit.satker,
        reviewer,
        "Server satker mati",
    )
    assert RiwayatLaporan.objects.get(laporan=laporan).aksi == "BUKA_KEMBALI"


def test_kpu_provinsi_tidak_menghapus_massal(client, reviewer_banten, admin_ri):
    nasional = jendela(admin_ri)
    client.force_login(reviewer_banten)

    client.post(DAFTAR, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [nasional.pk]})
    client.post(
        DAFTAR,
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [nasional.pk], "post": "yes"},
    )

    assert JendelaPelaporan.objects.filter(pk=nasional.pk).exists()


def test_layanan_menolak_masa_provinsi_lain(reviewer_banten, admin_ri):
    from django.core.exceptions import PermissionDenied

    from pengukuran.services import jendela_simpan

    lain = JendelaPelaporan(
        tahun=2024,
        tw=2,
        provinsi=ProvinsiFactory(),
        dibuka=datetime.date(2024, 7, 1),
        ditutup=datetime.date(2024, 7, 15),
    )
    nasional = jendela(admin_ri)
    nasional.ditutup = datetime.date(2024, 7, 31)

    for bukan_miliknya in (lain, nasional):
        with pytest.raises(PermissionDenied):
            jendela_simpan(jendela=bukan_miliknya, oleh=reviewer_banten)

    nasional.refresh_from_db()
    assert nasional.ditutup == datetime.date(2024, 7, 15)
    assert not JendelaPelaporan.objects.filter(provinsi=lain.provinsi).exists()
