"""The Reviewer Provinsi in the admin: sees their provinsi only, reads, downloads a ZIP of PDFs."""

import io
import zipfile

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.filters import RelatedFieldListFilter
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from dokumen.models import Dokumen
from indikator.models import BarisIku
from satker.demo import GRUP_REVIEWER, PASSWORD_DEMO, buat_akun_demo
from satker.models import ProfilPengguna, Satker
from tests.conftest import dokumen_seed
from tests.dua_faktor_uji import kode_sekali

APPS = ("satker", "dokumen", "indikator", "rencana_aksi")
MODELS = [m for app in APPS for m in apps.get_app_config(app).get_models()]
CHANGELIST = reverse("admin:dokumen_dokumen_changelist")

BANTEN = {"kab-lebak", "kota-serang"}
SEMUA_KABKOTA = BANTEN | {"kab-kutai-barat", "kota-banjarbaru", "kab-barito-selatan"}


def _masuk(client, username: str) -> None:
    """A real login through the admin's form, then the second step the admin asks for."""
    kode = kode_sekali(get_user_model().objects.get(username=username))
    response = client.post(
        reverse("admin:login"),
        {"username": username, "password": PASSWORD_DEMO, "next": reverse("admin:index")},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert response.url == reverse("admin:index")
    verifikasi = client.post(
        reverse("dua_faktor:verifikasi"), {"kode": kode, "next": reverse("admin:index")}
    )
    assert verifikasi.url == reverse("admin:index")


def _satker_di_daftar(response) -> set[str]:
    return {d.satker.kode for d in response.context["cl"].result_list}


def _ubah(model, pk) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])


@pytest.fixture
def reviewer_masuk(client):
    buat_akun_demo()
    _masuk(client, "reviewer.banten")
    return client


@pytest.mark.django_db
class TestMasuk:
    def test_it_lets_the_reviewer_log_into_the_admin(self, reviewer_masuk):
        html = reviewer_masuk.get(reverse("admin:index")).content.decode()
        assert "Kemajuan dokumen kinerja per satker" in html
        assert reverse("admin:dokumen_dokumen_changelist") in html
        assert reverse("admin:auth_user_changelist") not in html
        assert reverse("admin:satker_profilpengguna_changelist") not in html

    def test_it_keeps_operators_out_of_the_admin(self, client, operator_lebak):
        client.force_login(operator_lebak)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))

    def test_it_refuses_the_operator_at_the_admin_login(self, client):
        response = client.post(
            reverse("admin:login"),
            {"username": "operator.kab-lebak", "password": PASSWORD_DEMO},
        )
        assert response.status_code == 200  # the form again, with an error
        assert "_auth_user_id" not in client.session

    def test_it_gives_reviewers_only_view_permissions(self, reviewer_banten):
        buat_akun_demo()
        buat_akun_demo()  # idempotent
        grup = Group.objects.get(name=GRUP_REVIEWER)
        kode = set(grup.permissions.values_list("codename", flat=True))
        assert kode
        assert all(k.startswith("view_") for k in kode)
        assert {"view_dokumen", "view_barisiku", "view_catatanreviu"} <= kode
        assert "view_profilpengguna" not in kode
        reviewer_banten.refresh_from_db()
        assert (reviewer_banten.is_staff, reviewer_banten.is_superuser) == (True, False)
        assert list(reviewer_banten.groups.all()) == [grup]

    @pytest.mark.parametrize(
        "username", ["operator.kab-lebak", "ketua.kab-lebak", "sekretaris.kota-serang"]
    )
    def test_it_keeps_satker_roles_off_the_staff(self, django_user_model, username):
        buat_akun_demo()
        user = django_user_model.objects.get(username=username)
        assert not user.is_staff
        assert not user.groups.exists()


@pytest.mark.django_db
class TestCakupan:
    def test_it_lists_only_the_documents_of_the_reviewers_provinsi(self, reviewer_masuk):
        response = reviewer_masuk.get(CHANGELIST)
        assert _satker_di_daftar(response) == BANTEN
        html = response.content.decode()
        assert "KPU Kota Serang" in html
        assert "KPU Kabupaten Lebak" in html
        assert "Kutai Barat" not in html

    def test_it_lists_every_document_for_the_admin_ri(self, client):
        _masuk(client, "admin.ri")
        response = client.get(CHANGELIST)
        assert _satker_di_daftar(response) == SEMUA_KABKOTA
        assert response.context["cl"].result_count == Dokumen.objects.count()

    def test_it_does_not_open_a_document_of_another_provinsi(self, reviewer_masuk):
        kutai_barat = dokumen_seed("kab-kutai-barat", "IKU")
        response = reviewer_masuk.get(_ubah(Dokumen, kutai_barat.pk))
        # As for a missing object: back to the admin index, nothing of the document shown.
        assert response.status_code == 302
        assert response.url == reverse("admin:index")
        assert reviewer_masuk.get(_ubah(Dokumen, kutai_barat.pk) + "history/").status_code == 302

    def test_it_does_not_open_rows_of_another_provinsi(self, reviewer_masuk):
        baris = BarisIku.objects.filter(dokumen__satker__kode="kab-kutai-barat").first()
        assert reviewer_masuk.get(_ubah(BarisIku, baris.pk)).status_code == 302
        satker = Satker.objects.get(kode="kab-kutai-barat")
        assert reviewer_masuk.get(_ubah(Satker, satker.pk)).status_code == 302

    def test_it_scopes_every_changelist(self, reviewer_masuk):
        terlihat = set(Satker.objects.filter(kode__in=[*BANTEN, "prov-banten"]))
        for model in MODELS:
            if model is ProfilPengguna:
                continue
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            response = reviewer_masuk.get(url)
            assert response.status_code == 200, model
            for obj in response.context["cl"].queryset:
                satker = _satker_dari(obj)
                assert satker in terlihat, (model, obj)

    def test_it_hides_user_profiles_from_reviewers(self, reviewer_masuk):
        url = reverse("admin:satker_profilpengguna_changelist")
        assert reviewer_masuk.get(url).status_code == 403

    def test_it_offers_only_visible_provinsi_and_satker_as_filters(self, reviewer_masuk):
        response = reviewer_masuk.get(CHANGELIST)
        pilihan = _pilihan_filter(response)
        assert pilihan["satker"] == {"KPU Kabupaten Lebak", "KPU Kota Serang"}
        # A single provinsi is no choice: Django leaves the filter out.
        assert pilihan.get("provinsi", {"KPU Provinsi Banten"}) == {"KPU Provinsi Banten"}
        assert "Kalimantan" not in response.content.decode()

    def test_it_offers_every_provinsi_to_the_admin_ri(self, client):
        _masuk(client, "admin.ri")
        pilihan = _pilihan_filter(client.get(CHANGELIST))
        assert pilihan["provinsi"] == set(
            Satker.objects.filter(tingkat="PROVINSI").values_list("nama", flat=True)
        )
        assert len(pilihan["satker"]) == len(SEMUA_KABKOTA)

    def test_it_searches_indicator_and_kegiatan_text_within_the_scope(self, reviewer_masuk):
        rkt = dokumen_seed("kab-lebak", "RKT")
        kegiatan = rkt.sasaran_rkt.first().indikator.exclude(kegiatan_aksi="").first()
        response = reviewer_masuk.get(CHANGELIST, {"q": kegiatan.kegiatan_aksi[:30]})
        assert rkt in response.context["cl"].result_list
        indikator = dokumen_seed("kota-banjarbaru", "IKU").baris_iku.exclude(indikator="").first()
        response = reviewer_masuk.get(CHANGELIST, {"q": indikator.indikator[:40]})
        assert _satker_di_daftar(response) <= BANTEN
        _masuk(reviewer_masuk, "admin.ri")
        response = reviewer_masuk.get(CHANGELIST, {"q": indikator.indikator[:40]})
        assert "kota-banjarbaru" in _satker_di_daftar(response)


def _pilihan_filter(response) -> dict[str, set[str]]:
    return {
        str(spec.title): {label for _, label in spec.lookup_choices}
        for spec in response.context["cl"].filter_specs
        if isinstance(spec, RelatedFieldListFilter)
    }


def _satker_dari(obj) -> Satker:
    if isinstance(obj, Satker):
        return obj
    for jalur in ("satker", "dokumen", "sasaran"):
        if hasattr(obj, jalur):
            return _satker_dari(getattr(obj, jalur))
    assert isinstance(obj, Satker), obj
    return obj


@pytest.mark.django_db
class TestHanyaBaca:
    def test_it_shows_the_document_and_its_rows_without_a_save_button(self, reviewer_masuk):
        rak = dokumen_seed("kab-lebak", "RAK")
        response = reviewer_masuk.get(_ubah(Dokumen, rak.pk))
        assert response.status_code == 200
        html = response.content.decode()
        assert rak.sasaran_rak.first().sasaran in html
        assert "Palikasi" in html  # a kegiatan of a RAK row, read in the sasaran inline
        assert 'name="_save"' not in html
        assert "Simpan" not in html
        assert response.context["has_change_permission"] is False
        assert 'name="sasaran_rak-0-sasaran"' not in html  # inline rows are not form fields

    def test_it_refuses_a_post_that_changes_a_document(self, reviewer_masuk):
        iku = dokumen_seed("kab-lebak", "IKU")
        response = reviewer_masuk.post(_ubah(Dokumen, iku.pk), {"tempat_ttd": "Diubah reviewer"})
        assert response.status_code == 403
        iku.refresh_from_db()
        assert iku.tempat_ttd != "Diubah reviewer"

    def test_it_refuses_a_post_that_changes_a_row(self, reviewer_masuk):
        baris = dokumen_seed("kab-lebak", "IKU").baris_iku.first()
        data = {"dokumen": baris.dokumen_id, "urutan": baris.urutan, "indikator": "Diubah"}
        response = reviewer_masuk.post(_ubah(BarisIku, baris.pk), data)
        assert response.status_code == 403
        baris.refresh_from_db()
        assert baris.indikator != "Diubah"

    def test_it_refuses_deleting_and_adding(self, reviewer_masuk):
        iku = dokumen_seed("kab-lebak", "IKU")
        response = reviewer_masuk.post(_ubah(Dokumen, iku.pk) + "delete/", {"post": "yes"})
        assert response.status_code == 403
        assert Dokumen.objects.filter(pk=iku.pk).exists()
        assert reviewer_masuk.get(reverse("admin:dokumen_dokumen_add")).status_code == 403

    @pytest.mark.parametrize("model", MODELS, ids=str)
    def test_it_gives_reviewers_no_add_change_or_delete_permission(self, reviewer_banten, model):
        buat_akun_demo()
        request = RequestFactory().get("/admin/")
        request.user = type(reviewer_banten).objects.get(pk=reviewer_banten.pk)
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
        assert model_admin.has_view_permission(request) == (model is not ProfilPengguna)
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_add_permission(request, None)
            assert not inline.has_change_permission(request)
            assert not inline.has_delete_permission(request)

    def test_it_keeps_documents_editable_for_the_admin_ri(self, client):
        _masuk(client, "admin.ri")
        iku = dokumen_seed("kab-lebak", "IKU")
        response = client.get(_ubah(Dokumen, iku.pk))
        assert response.context["has_change_permission"] is True


def _zip(client, dokumen: list[Dokumen]):
    return client.post(
        CHANGELIST,
        {"action": "unduh_pdf_zip", "index": 0, "_selected_action": [d.pk for d in dokumen]},
    )


@pytest.mark.django_db
class TestUnduhZip:
    def test_it_zips_one_pdf_per_selected_document(self, reviewer_masuk):
        dipilih = [dokumen_seed("kab-lebak", "IKU"), dokumen_seed("kota-serang", "IKU")]
        response = _zip(reviewer_masuk, dipilih)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert 'attachment; filename="dokumen-kinerja.zip"' in response["Content-Disposition"]
        with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as arsip:
            assert arsip.testzip() is None
            nama = sorted(arsip.namelist())
            assert nama == ["draf-kab-lebak-iku-2024-v1.pdf", "draf-kota-serang-iku-2024-v1.pdf"]
            for item in nama:
                assert arsip.read(item).startswith(b"%PDF")

    def test_it_leaves_out_documents_outside_the_scope(self, reviewer_masuk):
        dipilih = [dokumen_seed("kota-serang", "IKU"), dokumen_seed("kab-kutai-barat", "IKU")]
        response = _zip(reviewer_masuk, dipilih)
        with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as arsip:
            assert arsip.namelist() == ["draf-kota-serang-iku-2024-v1.pdf"]

    def test_it_refuses_a_selection_beyond_the_limit(self, reviewer_masuk, monkeypatch):
        monkeypatch.setattr("dokumen.admin.BATAS_ZIP", 1)
        dipilih = [dokumen_seed("kab-lebak", "IKU"), dokumen_seed("kota-serang", "IKU")]
        response = _zip(reviewer_masuk, dipilih)
        assert response.status_code == 302
        pesan = [str(m) for m in response.wsgi_request._messages]
        assert any("paling banyak 1 dokumen" in p for p in pesan)
