"""A satker's measurement rules in the admin: Admin RI sets them, the provinsi reads its
satker's, another provinsi's reviewer finds nothing."""

import pytest
from django.urls import reverse

from pengukuran.models import AturanPengukuran, BatasCapaian
from satker.models import Satker

pytestmark = pytest.mark.django_db

DAFTAR = reverse("admin:pengukuran_aturanpengukuran_changelist")
TAMBAH = reverse("admin:pengukuran_aturanpengukuran_add")


@pytest.fixture
def aturan_lebak():
    return AturanPengukuran.objects.create(
        satker=Satker.objects.get(kode="kab-lebak"), batas=BatasCapaian.SERATUS
    )


def _ubah(aturan):
    return reverse("admin:pengukuran_aturanpengukuran_change", args=[aturan.pk])


def test_admin_ri_sets_a_satkers_cap(client, admin_ri):
    lebak = Satker.objects.get(kode="kab-lebak")
    client.force_login(admin_ri)

    response = client.post(
        TAMBAH,
        {"satker": lebak.pk, "batas": BatasCapaian.SERATUS_DUA_PULUH, "skor_tidak_tercapai": "50"},
    )

    assert response.status_code == 302
    aturan = AturanPengukuran.objects.get(satker=lebak)
    assert (aturan.batas, aturan.skor_tidak_tercapai) == (BatasCapaian.SERATUS_DUA_PULUH, 50)


def test_a_score_of_100_or_more_is_refused_beside_its_field(client, admin_ri):
    client.force_login(admin_ri)
    lebak = Satker.objects.get(kode="kab-lebak")

    response = client.post(
        TAMBAH, {"satker": lebak.pk, "batas": BatasCapaian.TANPA, "skor_tidak_tercapai": "100"}
    )

    assert response.status_code == 200
    assert "harus antara 0 dan kurang dari 100" in response.content.decode()
    assert not AturanPengukuran.objects.exists()


def test_the_provinsi_reads_its_satkers_rules_without_changing_them(
    client, reviewer_banten, aturan_lebak
):
    client.force_login(reviewer_banten)

    daftar = client.get(DAFTAR)
    dilihat = client.get(_ubah(aturan_lebak))
    diubah = client.post(_ubah(aturan_lebak), {"satker": aturan_lebak.satker_id, "batas": "TANPA"})

    assert daftar.status_code == 200
    assert "Lebak" in daftar.content.decode()
    assert dilihat.status_code == 200
    assert 'name="batas"' not in dilihat.content.decode()  # read-only
    assert diubah.status_code == 403
    aturan_lebak.refresh_from_db()
    assert aturan_lebak.batas == BatasCapaian.SERATUS


def test_another_provinsis_reviewer_finds_nothing(client, reviewer_kaltim, aturan_lebak):
    client.force_login(reviewer_kaltim)

    assert "Lebak" not in client.get(DAFTAR).content.decode()
    assert client.get(_ubah(aturan_lebak)).status_code in (302, 404)
