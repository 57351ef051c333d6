import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.models import Dokumen
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from satker.models import Satker, Tingkat
from tests.conftest import dokumen_seed

APPS = ("satker", "dokumen", "indikator", "rencana_aksi")


def test_every_model_is_registered_in_the_admin():
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            assert admin.site.is_registered(model), model


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", [m for app in APPS for m in apps.get_app_config(app).get_models()], ids=str
)
def test_every_changelist_renders_with_search(client, admin_ri, model):
    client.force_login(admin_ri)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url, {"q": "Lebak"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK"])
def test_a_document_shows_its_rows_as_inlines(client, admin_ri, jenis):
    client.force_login(admin_ri)
    dokumen = dokumen_seed("kab-lebak", jenis)
    html = client.get(reverse("admin:dokumen_dokumen_change", args=[dokumen.pk])).content.decode()
    pertama = {
        "IKU": lambda: dokumen.baris_iku.first().indikator,
        "RKT": lambda: dokumen.sasaran_rkt.first().sasaran,
        "RAK": lambda: dokumen.sasaran_rak.first().sasaran,
    }[jenis]()
    assert pertama in html


@pytest.mark.django_db
def test_searching_documents_finds_kegiatan_text(client, admin_ri):
    client.force_login(admin_ri)
    url = reverse("admin:dokumen_dokumen_changelist")
    response = client.get(url, {"q": "Palikasi"})
    assert list(response.context["cl"].result_list) == [dokumen_seed("kab-lebak", "RAK")]


def _tambah_satker_dengan_dokumen(jumlah: int) -> None:
    """`jumlah` more satker under KPU Provinsi Banten, each with an IKU, RKT and RAK with rows."""
    banten = Satker.objects.get(kode="prov-banten")
    Satker.objects.bulk_create(
        Satker(
            kode=f"kab-uji-{i}",
            nama=f"KPU Kabupaten Uji {i:02d}",
            nama_lengkap=f"Komisi Pemilihan Umum Kabupaten Uji {i:02d}",
            tingkat=Tingkat.KABKOTA,
            induk=banten,
            kota_ttd="Uji",
        )
        for i in range(jumlah)
    )
    baru = list(Satker.objects.filter(kode__startswith="kab-uji-"))
    Dokumen.objects.bulk_create(
        Dokumen(satker=s, jenis=jenis, tahun=2024) for s in baru for jenis in ("IKU", "RKT", "RAK")
    )
    dokumen = list(Dokumen.objects.filter(satker__in=baru))
    BarisIku.objects.bulk_create(
        BarisIku(dokumen=d, urutan=u, nomor=str(u), sasaran="S", indikator=f"Indikator {u}")
        for d in dokumen
        if d.jenis == "IKU"
        for u in (1, 2)
    )
    SasaranRkt.objects.bulk_create(
        SasaranRkt(dokumen=d, urutan=1, sasaran="S") for d in dokumen if d.jenis == "RKT"
    )
    IndikatorRkt.objects.bulk_create(
        IndikatorRkt(sasaran=s, urutan=u, indikator=f"Indikator {u}", kegiatan_aksi="K")
        for s in SasaranRkt.objects.filter(dokumen__in=dokumen)
        for u in (1, 2)
    )
    SasaranRak.objects.bulk_create(
        SasaranRak(dokumen=d, urutan=1, sasaran="S") for d in dokumen if d.jenis == "RAK"
    )
    BarisRak.objects.bulk_create(
        BarisRak(sasaran=s, urutan=u, kegiatan=f"Kegiatan {u}", anggaran=1000, tw1=True)
        for s in SasaranRak.objects.filter(dokumen__in=dokumen)
        for u in (1, 2)
    )


def _jumlah_kueri(client, url: str) -> int:
    client.get(url)  # warm up per-process caches
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(url).status_code == 200
    return len(kueri)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["reviewer.banten", "admin.ri"])
@pytest.mark.parametrize(
    "model", [Dokumen, Satker, BarisIku, SasaranRkt, IndikatorRkt, SasaranRak, BarisRak], ids=str
)
def test_changelists_run_a_constant_number_of_queries(client, username, model):
    client.force_login(get_user_model().objects.get(username=username))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    sebelum_jumlah = model.objects.count()
    sebelum = _jumlah_kueri(client, url)
    _tambah_satker_dengan_dokumen(30)
    assert model.objects.count() >= sebelum_jumlah + 30
    assert _jumlah_kueri(client, url) == sebelum


@pytest.mark.django_db
def test_a_document_page_runs_a_constant_number_of_queries_whatever_its_rows(client, admin_ri):
    client.force_login(admin_ri)
    rak = dokumen_seed("kab-lebak", "RAK")
    url = reverse("admin:dokumen_dokumen_change", args=[rak.pk])
    sebelum = _jumlah_kueri(client, url)
    sasaran = rak.sasaran_rak.first()
    akhir = sasaran.baris.order_by("-urutan").first().urutan
    BarisRak.objects.bulk_create(
        BarisRak(sasaran=sasaran, urutan=akhir + u, kegiatan=f"Kegiatan {u}") for u in range(1, 21)
    )
    assert _jumlah_kueri(client, url) == sebelum
