import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

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
