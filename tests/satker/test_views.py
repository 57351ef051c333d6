import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


@pytest.mark.django_db
class TestSatkerList:
    def test_it_requires_login(self, client):
        response = client.get(reverse("satker-list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_the_admin_ri_sees_every_satker_grouped_by_provinsi(self, client, admin_ri):
        client.force_login(admin_ri)
        # Whole provinsi groups, a few a page (tests/satker/test_daftar_satker.py).
        kelompok = [
            k
            for halaman in (1, 2)
            for k in client.get(reverse("satker-list"), {"halaman": halaman}).context["kelompok"]
        ]
        susunan = {
            (k.provinsi.kode if k.provinsi else None): [s.kode for s in k.satker] for k in kelompok
        }
        assert susunan == {
            None: ["ri"],
            "prov-banten": ["kab-lebak", "kota-serang"],
            "prov-kalimantan-selatan": ["kota-banjarbaru"],
            "prov-kalimantan-tengah": ["kab-barito-selatan"],
            "prov-kalimantan-timur": ["kab-kutai-barat"],
        }

    def test_a_reviewer_sees_only_their_provinsi(self, client, reviewer_banten):
        client.force_login(reviewer_banten)
        html = client.get(reverse("satker-list")).content.decode()
        assert "KPU Kabupaten Lebak" in html
        assert "KPU Kota Serang" in html
        assert "Kutai Barat" not in html

    def test_an_operator_sees_only_their_satker(self, client, operator_lebak):
        client.force_login(operator_lebak)
        kelompok = client.get(reverse("satker-list")).context["kelompok"]
        assert [s.kode for k in kelompok for s in k.satker] == ["kab-lebak"]


@pytest.mark.django_db
class TestSatkerDetail:
    def _url(self, kode: str) -> str:
        return reverse("satker-detail", args=[kode])

    def test_it_shows_duties_officials_and_documents(self, client, operator_lebak):
        client.force_login(operator_lebak)
        html = client.get(self._url("kab-lebak")).content.decode()
        assert "Sebagai Penyelenggara pada Pemilihan Bupati dan Wakil Bupati Lebak." in html
        assert "RAHMAT SETIAWAN TONIDAYA" in html
        assert "NIP. 198301282009021004" in html
        assert "Tahun 2024" in html
        for jenis in ("IKU", "RKT", "RAK"):
            assert f">{jenis}</span>" in html

    def test_another_satker_is_not_found(self, client, operator_serang):
        client.force_login(operator_serang)
        assert client.get(self._url("kab-lebak")).status_code == 404

    def test_an_unknown_satker_is_not_found(self, client, admin_ri):
        client.force_login(admin_ri)
        assert client.get(self._url("kab-tidak-ada")).status_code == 404

    def test_the_page_runs_a_constant_number_of_queries(self, client, admin_ri):
        client.force_login(admin_ri)
        counts = []
        for kode in ("kab-lebak", "kab-barito-selatan"):
            with CaptureQueriesContext(connection) as captured:
                client.get(self._url(kode))
            counts.append(len(captured))
        assert counts[0] == counts[1]


def test_healthz_answers_without_the_database(client):
    # No django_db mark: pytest-django raises on any database access.
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_the_login_page_speaks_indonesian(client):
    html = client.get(reverse("login")).content.decode()
    assert "Masuk" in html
    assert "Nama pengguna" in html
    assert "Sandi" in html


@pytest.mark.django_db
def test_a_missing_page_is_explained_in_indonesian(client, operator_lebak):
    client.force_login(operator_lebak)
    response = client.get("/dokumen/999999/")
    assert response.status_code == 404
    assert "Halaman atau dokumen tidak ditemukan" in response.content.decode()


@pytest.mark.django_db
def test_the_satker_page_marks_a_superseded_version(client):
    from dokumen.models import Dokumen
    from dokumen.selectors import dokumen_per_tahun
    from tests.factories import AdminRiFactory, IkuFactory

    lama = IkuFactory(tahun=2025)
    baru = IkuFactory(satker=lama.satker, tahun=2025, versi=2, alasan_revisi="Revisi DIPA")
    # Both published (the signing itself is tested elsewhere): v2 replaces v1.
    for urutan, dokumen in enumerate((lama, baru)):
        Dokumen.objects.filter(pk=dokumen.pk).update(
            status="TERBIT", sha256="a" * 64, token_verifikasi=f"token-{urutan}"
        )
    client.force_login(AdminRiFactory())

    html = client.get(reverse("satker-detail", args=[lama.satker.kode])).content.decode()

    assert html.count("· digantikan") == 1
    [(_, daftar)] = dokumen_per_tahun(lama.satker)
    assert [(d.versi, d.digantikan) for d in daftar] == [(2, False), (1, True)]
