"""A satker's officials are listed by rank (Ketua, Anggota, Sekretaris, Kepala Subbagian), not
by the alphabet of their codes (which put Anggota and Kepala Subbagian before the Ketua)."""

import pytest
from django.urls import reverse

from dokumen.forms import DokumenKepalaForm
from satker.models import Jabatan, Pejabat, Peran
from tests.factories import IkuFactory, KabKotaFactory, PejabatFactory, akun_satker

PANGKAT = [Jabatan.KETUA, Jabatan.ANGGOTA, Jabatan.ANGGOTA, Jabatan.SEKRETARIS, Jabatan.KASUBBAG]


@pytest.fixture
def satker(db):
    satker = KabKotaFactory()
    # Created out of order, names against the rank, so neither pk nor name gives the answer.
    for jabatan, nama in [
        (Jabatan.KASUBBAG, "A KASUBBAG"),
        (Jabatan.SEKRETARIS, "B SEKRETARIS"),
        (Jabatan.ANGGOTA, "D ANGGOTA"),
        (Jabatan.KETUA, "Z KETUA"),
        (Jabatan.ANGGOTA, "C ANGGOTA"),
    ]:
        PejabatFactory(satker=satker, jabatan=jabatan, nama=nama)
    return satker


def test_the_queryset_orders_by_rank_then_name(satker):
    daftar = list(Pejabat.objects.filter(satker=satker).menurut_jabatan())
    assert [p.jabatan for p in daftar] == PANGKAT
    assert [p.nama for p in daftar][1:3] == ["C ANGGOTA", "D ANGGOTA"]


def test_the_signatory_choice_lists_them_by_rank(satker):
    iku = IkuFactory(satker=satker)
    pilihan = list(DokumenKepalaForm(instance=iku).fields["penandatangan"].queryset)
    assert [p.jabatan for p in pilihan] == PANGKAT


def test_the_profile_form_lists_them_by_rank(client, satker):
    client.force_login(akun_satker(satker, Peran.OPERATOR))
    response = client.get(reverse("satker-profil", args=[satker.kode]))
    jabatan = [f.instance.jabatan for f in response.context["formset"].forms if f.instance.pk]
    assert jabatan == PANGKAT
