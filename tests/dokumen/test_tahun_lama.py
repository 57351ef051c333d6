"""After a copy to the next year, texts that still name an earlier year are listed for review
on the draft's page, the year marked."""

import datetime

import pytest
from django.urls import reverse

from dokumen.baris import data_baris
from dokumen.services import dokumen_salin
from dokumen.tahun_lama import sebutan_tahun_lama
from satker.models import Peran
from tests.factories import IkuFactory, RakFactory, akun_satker, baris_iku, ke_status, sasaran_rak


def _iku_2024():
    baris = baris_iku(2)
    baris[0]["sumber_data"] = "Laporan Kegiatan Tahun 2024"
    baris[1]["indikator"] = "Persentase tahapan Pemilu 2024 dan Pemilihan 2024 yang tepat waktu"
    return IkuFactory(tahun=2024, baris=baris)


@pytest.mark.django_db
def test_a_copied_draft_lists_each_text_naming_an_earlier_year():
    salinan = dokumen_salin(sumber=_iku_2024(), tahun=2025)

    daftar = sebutan_tahun_lama(salinan, data_baris(salinan))

    assert [s.letak for s in daftar] == [
        "Baris 1 · sumber data",
        "Baris 2 · indikator kinerja / uraian",
    ]
    assert daftar[0].bagian == (("Laporan Kegiatan Tahun ", False), ("2024", True))
    assert [t for t, tahun in daftar[1].bagian if tahun] == ["2024", "2024"]


@pytest.mark.django_db
def test_a_grouped_copy_names_sasaran_and_rows_and_ignores_the_documents_own_year():
    data = sasaran_rak(1, baris=2)
    data[0]["sasaran"] = "Terlaksananya Pemilu 2024"
    data[0]["baris"][1]["kegiatan"] = "Rapat evaluasi 2025"
    salinan = dokumen_salin(sumber=RakFactory(tahun=2024, baris=data), tahun=2025)

    daftar = sebutan_tahun_lama(salinan, data_baris(salinan))

    assert [s.letak for s in daftar] == ["Sasaran 1 · sasaran program/kegiatan"]


@pytest.mark.django_db
def test_a_document_not_copied_lists_nothing():
    iku = _iku_2024()
    iku.tahun = 2030
    assert sebutan_tahun_lama(iku, data_baris(iku)) == []


@pytest.mark.django_db
def test_the_draft_page_shows_the_list_with_the_year_marked(client):
    salinan = dokumen_salin(sumber=_iku_2024(), tahun=2025)
    client.force_login(akun_satker(salinan.satker, Peran.OPERATOR))

    html = client.get(reverse("dokumen:detail", args=[salinan.pk])).content.decode()

    assert 'id="tahun-lama"' in html
    assert "Laporan Kegiatan Tahun <mark>2024</mark>" in html


@pytest.mark.django_db
def test_a_published_copy_no_longer_shows_it(client, pki_aktif):
    salinan = dokumen_salin(sumber=_iku_2024(), tahun=2025)
    salinan.tanggal_ttd = datetime.date(2025, 1, 10)
    salinan.save()
    salinan = ke_status(salinan, "TERBIT")
    client.force_login(akun_satker(salinan.satker, Peran.OPERATOR))
    html = client.get(reverse("dokumen:detail", args=[salinan.pk])).content.decode()
    assert 'id="tahun-lama"' not in html
