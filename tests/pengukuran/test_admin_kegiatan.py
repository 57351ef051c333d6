"""RAK kegiatan realisasi in the admin: read-only for everyone (written only by the kegiatan
page and API), scoped by the one access rule (a reviewer sees the satker of their provinsi;
another provinsi's entry answers as a deleted object), inline on its TW report, and a change
list whose queries do not grow with its rows."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.models import StatusDokumen
from pengukuran.models_kegiatan import RealisasiKegiatan, StatusKegiatan
from pengukuran.services import laporan_buka
from pengukuran.services_kegiatan import kegiatan_simpan
from rencana_aksi.models import BarisRak
from satker.models import Peran
from tests.factories import PkFactory, RakFactory, akun_satker, sasaran_rak

pytestmark = pytest.mark.django_db
DAFTAR = reverse("admin:pengukuran_realisasikegiatan_changelist")
TAMBAH = reverse("admin:pengukuran_realisasikegiatan_add")


def _isi(satker, oleh, *, sasaran=2, baris=2) -> list[RealisasiKegiatan]:
    rak = RakFactory(
        satker=satker, baris=sasaran_rak(jumlah=sasaran, baris=baris), status=StatusDokumen.TERBIT
    )
    semua = BarisRak.objects.filter(sasaran__dokumen=rak)
    laporan = laporan_buka(satker=satker, tahun=2024, tw=1)
    kegiatan_simpan(
        laporan=laporan,
        isian={
            b.pk: {"status": StatusKegiatan.TERLAKSANA, "realisasi_anggaran": D(1000)}
            for b in semua
        },
        suntingan=0,
        oleh=oleh,
    )
    return list(RealisasiKegiatan.objects.filter(laporan=laporan))


@pytest.fixture
def entri(pk_terbit, operator):
    return _isi(pk_terbit.satker, operator)


def _ubah(entri):
    return reverse("admin:pengukuran_realisasikegiatan_change", args=[entri.pk])


def test_the_provinsis_reviewer_reads_the_entries_and_changes_nothing(client, entri):
    client.force_login(akun_satker(entri[0].laporan.satker.induk, Peran.REVIEWER_PROVINSI))

    daftar = client.get(DAFTAR)
    assert daftar.status_code == 200
    assert set(daftar.context["cl"].result_list) == set(entri)
    assert "Rp1.000" in daftar.content.decode()
    assert client.get(_ubah(entri[0])).status_code == 200
    assert client.post(_ubah(entri[0]), {"status": "TIDAK"}).status_code == 403
    assert client.get(TAMBAH).status_code == 403
    hapus = reverse("admin:pengukuran_realisasikegiatan_delete", args=[entri[0].pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    assert RealisasiKegiatan.objects.filter(status=StatusKegiatan.TERLAKSANA).count() == 4


def test_admin_ri_reads_too_but_changes_nothing_by_hand(client, entri, admin_ri):
    client.force_login(admin_ri)

    assert client.get(DAFTAR).context["cl"].result_count >= len(entri)
    assert client.get(_ubah(entri[0])).status_code == 200
    assert client.post(_ubah(entri[0]), {"status": "TIDAK"}).status_code == 403
    assert client.get(TAMBAH).status_code == 403
    entri[0].refresh_from_db()
    assert entri[0].status == StatusKegiatan.TERLAKSANA


def test_another_provinsis_reviewer_sees_nothing_and_the_entry_answers_as_deleted(
    client, entri, reviewer_kaltim
):
    client.force_login(reviewer_kaltim)

    assert client.get(DAFTAR).context["cl"].result_count == 0
    response = client.get(_ubah(entri[0]))
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_a_satkers_own_operator_has_no_admin(client, entri, operator):
    client.force_login(operator)

    response = client.get(DAFTAR)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_entries_are_inline_on_their_report(client, entri, admin_ri):
    client.force_login(admin_ri)
    laporan = entri[0].laporan

    response = client.get(reverse("admin:pengukuran_laporantriwulan_change", args=[laporan.pk]))

    assert response.status_code == 200
    assert "Realisasi kegiatan" in response.content.decode()
    assert entri[0].baris.kegiatan in response.content.decode()


def test_the_filters_narrow_by_pelaksanaan_and_quarter(client, entri, admin_ri):
    client.force_login(admin_ri)

    tidak = client.get(DAFTAR, {"status__exact": "TIDAK"}).context["cl"].result_count
    tw_satu = client.get(DAFTAR, {"laporan__tw__exact": 1}).context["cl"].result_list

    assert tidak == 0
    assert set(entri) <= set(tw_satu)


def test_the_change_list_costs_the_same_queries_for_4_and_12_entries(
    client, django_assert_num_queries, entri
):
    pk_besar = PkFactory(status=StatusDokumen.TERBIT)  # a satker of another provinsi
    _isi(pk_besar.satker, akun_satker(pk_besar.satker, Peran.OPERATOR), sasaran=3, baris=4)
    kecil = akun_satker(entri[0].laporan.satker.induk, Peran.REVIEWER_PROVINSI)
    besar = akun_satker(pk_besar.satker.induk, Peran.REVIEWER_PROVINSI)

    client.force_login(kecil)
    client.get(DAFTAR)  # the session and the caches warmed
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(DAFTAR).context["cl"].result_count == 4
    sedikit = len(kueri)  # before the next request resets the connection's log
    client.force_login(besar)
    client.get(DAFTAR)
    with django_assert_num_queries(sedikit):
        assert client.get(DAFTAR).context["cl"].result_count == 12
