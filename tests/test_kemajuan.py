"""The progress overview in the admin: visible Kabupaten/Kota satker × every type for a year."""

import itertools
import secrets
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.jenis import kode_jenis
from dokumen.kemajuan import BELUM_ADA, kemajuan_dokumen
from dokumen.models import Dokumen, StatusDokumen
from dokumen.tahun import tahun_kalender
from satker.models import Satker, Tingkat
from tests.factories import (
    IkuFactory,
    KabKotaFactory,
    OperatorFactory,
    ProvinsiFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
)

URL = reverse("admin:dokumen_dokumen_kemajuan")
JENIS = kode_jenis()
BELUM_TERBIT = [s for s in StatusDokumen.values if s != StatusDokumen.TERBIT]


def _terbitkan(dokumen: Dokumen) -> None:
    """Mark published without signing: the CheckConstraint wants a hash and a token."""
    Dokumen.objects.filter(pk=dokumen.pk).update(
        status=StatusDokumen.TERBIT, sha256="a" * 64, token_verifikasi=secrets.token_hex(8)
    )


def _harapan(kode_satker: set[str], tahun: int) -> dict[str, Counter]:
    """Per type, the statuses of the latest versions, computed straight from the data."""
    hasil = {jenis: Counter() for jenis in JENIS}
    for kode in kode_satker:
        for jenis in JENIS:
            terbaru = (
                Dokumen.objects.filter(satker__kode=kode, jenis=jenis, tahun=tahun)
                .order_by("-versi")
                .first()
            )
            hasil[jenis][terbaru.status if terbaru else BELUM_ADA] += 1
    return hasil


def _kemajuan(response):
    """What the page showed, read again through the selector for the year it showed."""
    return kemajuan_dokumen(response.wsgi_request.user, response.context["tahun"])


def _sel_html(html: str, status: str) -> int:
    """The matrix cells of `status` in the page."""
    return sum(html.count(f'class="sel" data-jenis="{j}" data-status="{status}"') for j in JENIS)


def _tambah_satker(jumlah: int, provinsi: Satker) -> None:
    """`jumlah` more Kabupaten/Kota under `provinsi`, each with a document of every type for 2024,
    none published (bulk-created: the query-count tests want many)."""
    Satker.objects.bulk_create(
        Satker(
            kode=f"kab-uji-{i}",
            nama=f"KPU Kabupaten Uji {i:02d}",
            nama_lengkap=f"Komisi Pemilihan Umum Kabupaten Uji {i:02d}",
            tingkat=Tingkat.KABKOTA,
            induk=provinsi,
            kota_ttd="Uji",
        )
        for i in range(jumlah)
    )
    baru = Satker.objects.filter(kode__startswith="kab-uji-")
    Dokumen.objects.bulk_create(
        Dokumen(satker=satker, jenis=jenis, tahun=2024, status=status)
        for satker in baru
        for jenis, status in zip(JENIS, itertools.cycle(BELUM_TERBIT), strict=False)
    )


@pytest.fixture
def provinsi(db) -> Satker:
    """A provinsi of three Kab/Kota: Alfa with an IKU, an RKT and a RAK draft for 2024, Beta and
    Gamma with an IKU draft only."""
    provinsi = ProvinsiFactory(nama="KPU Provinsi Uji")
    alfa, beta, gamma = (
        KabKotaFactory(induk=provinsi, nama=f"KPU Kabupaten {nama}")
        for nama in ("Alfa", "Beta", "Gamma")
    )
    for factory_dokumen in (IkuFactory, RktFactory, RakFactory):
        factory_dokumen(satker=alfa)
    IkuFactory(satker=beta)
    IkuFactory(satker=gamma)
    return provinsi


@pytest.fixture
def reviewer(provinsi):
    return ReviewerFactory(satker=provinsi)


def _dokumen(provinsi: Satker, nama: str, jenis: str) -> Dokumen:
    return Dokumen.objects.get(satker__induk=provinsi, satker__nama=nama, jenis=jenis, versi=1)


def _jumlah_kueri(client, url: str, data: dict | None = None) -> int:
    client.get(url, data)  # warm up per-process caches (content types, templates)
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(url, data).status_code == 200
    return len(kueri)


@pytest.mark.django_db
class TestHalaman:
    def test_it_counts_the_latest_status_per_type_as_in_the_data(self, client, provinsi, reviewer):
        client.force_login(reviewer)
        alfa = "KPU Kabupaten Alfa"
        Dokumen.objects.filter(pk=_dokumen(provinsi, alfa, "RKT").pk).update(
            status=StatusDokumen.DIAJUKAN
        )
        Dokumen.objects.filter(satker__nama="KPU Kabupaten Beta").update(
            status=StatusDokumen.DISETUJUI
        )
        _terbitkan(_dokumen(provinsi, alfa, "IKU"))
        gamma = _dokumen(provinsi, "KPU Kabupaten Gamma", "IKU")
        _terbitkan(gamma)
        # A newer draft version replaces Gamma's published IKU in the matrix.
        IkuFactory(satker=gamma.satker, versi=2, alasan_revisi="Uji")

        response = client.get(URL)
        assert response.status_code == 200
        kemajuan = _kemajuan(response)
        harapan = _harapan(set(provinsi.anak.values_list("kode", flat=True)), 2024)

        assert kemajuan.tahun == 2024
        assert {j.judul: Counter(j.per_status) for j in kemajuan.jumlah_per_jenis} == harapan
        assert Counter(kemajuan.jumlah_semua.per_status) == sum(harapan.values(), Counter())
        assert harapan["IKU"] == Counter({"DRAF": 1, "TERBIT": 1, "DISETUJUI": 1})
        assert harapan["RKT"] == Counter({BELUM_ADA: 2, "DIAJUKAN": 1})

        html = response.content.decode()
        for status in [*StatusDokumen.values, BELUM_ADA]:
            assert _sel_html(html, status) == sum(h[status] for h in harapan.values()), status

    def test_it_shows_only_the_reviewers_provinsi(self, client, provinsi, reviewer):
        IkuFactory(satker=KabKotaFactory(nama="KPU Kabupaten Lain"))  # another provinsi's
        client.force_login(reviewer)
        response = client.get(URL)
        kemajuan = _kemajuan(response)
        assert [k.provinsi for k in kemajuan.kelompok] == [provinsi]
        assert [b.satker.nama for b in kemajuan.kelompok[0].baris] == [
            "KPU Kabupaten Alfa",
            "KPU Kabupaten Beta",
            "KPU Kabupaten Gamma",
        ]
        assert {j.judul: Counter(j.per_status) for j in kemajuan.jumlah_per_jenis} == _harapan(
            set(provinsi.anak.values_list("kode", flat=True)), 2024
        )
        assert "Kabupaten Lain" not in response.content.decode()

    def test_it_links_each_document_to_its_admin_page(self, client, provinsi, reviewer):
        client.force_login(reviewer)
        html = client.get(URL).content.decode()
        rak = _dokumen(provinsi, "KPU Kabupaten Alfa", "RAK")
        assert reverse("admin:dokumen_dokumen_change", args=[rak.pk]) in html
        assert reverse("dokumen:detail", args=[rak.pk]) in html

    def test_it_defaults_to_the_year_under_way_and_lets_one_choose(
        self, client, provinsi, reviewer
    ):
        client.force_login(reviewer)
        # Next year's first copy does not hide this year's five unfinished documents.
        IkuFactory(satker=provinsi.anak.get(nama="KPU Kabupaten Alfa"), tahun=2025)
        response = client.get(URL)
        assert response.context["tahun"] == 2024
        assert response.context["pilihan_tahun"] == [2025, 2024]
        tahun_2025 = client.get(URL, {"tahun": 2025})
        assert tahun_2025.context["tahun"] == 2025
        assert _kemajuan(tahun_2025).jumlah_per_jenis[0].per_status == {"DRAF": 1, BELUM_ADA: 2}
        assert _sel_html(tahun_2025.content.decode(), "DRAF") == 1
        assert client.get(URL, {"tahun": "x"}).context["tahun"] == 2024

    def test_the_year_under_way_moves_on_once_its_documents_are_published(
        self, client, provinsi, reviewer
    ):
        client.force_login(reviewer)
        for dokumen in Dokumen.objects.filter(satker__induk=provinsi, tahun=2024):
            _terbitkan(dokumen)
        IkuFactory(satker=provinsi.anak.get(nama="KPU Kabupaten Alfa"), tahun=2025)
        assert client.get(URL).context["tahun"] == 2025
        Dokumen.objects.filter(satker__induk=provinsi, tahun=2025).delete()
        # Nothing in progress anywhere: the calendar's planning year.
        assert client.get(URL).context["tahun"] == tahun_kalender()

    def test_it_shows_each_status_as_a_percentage_and_a_bar(self, client, provinsi, reviewer):
        client.force_login(reviewer)
        _terbitkan(_dokumen(provinsi, "KPU Kabupaten Alfa", "IKU"))
        html = client.get(URL).content.decode()
        # IKU: 1 of 3 published, 2 drafts; RKT: 1 draft, 2 missing.
        iku = html[html.index('<tr data-jenis="IKU">') :]
        iku = iku[: iku.index("</tr>")]
        assert '<td class="angka" data-status="TERBIT">1 <span class="persen">(33%)</span>' in iku
        assert '<td class="angka" data-status="DRAF">2 <span class="persen">(67%)</span>' in iku
        assert 'style="width: 33.33%" title="Terbit: 1 (33%)"' in iku
        assert 'style="width: 66.67%" title="Draf: 2 (67%)"' in iku
        assert 'title="Diajukan' not in iku  # an empty status draws no segment
        assert "8% dokumen sudah terbit." in html  # 1 of 12 cells (3 satker × 4 types)
        assert "8% terbit · 7 dokumen belum ada" in html

    def test_it_is_linked_from_the_admin_index_and_the_document_list(self, client, reviewer):
        client.force_login(reviewer)
        assert URL in client.get(reverse("admin:index")).content.decode()
        assert URL in client.get(reverse("admin:dokumen_dokumen_changelist")).content.decode()

    def test_it_keeps_operators_out(self, client):
        client.force_login(OperatorFactory())
        response = client.get(URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))

    def test_it_runs_a_constant_number_of_queries(self, client, provinsi, reviewer):
        client.force_login(reviewer)
        sedikit = _jumlah_kueri(client, URL)
        # The matrix is cached: the request's savepoint pair, session, user, permissions (2),
        # the years offered with the year under way (one, dokumen.tahun), the matrix's version
        # (2), the second factor's device.
        assert sedikit == 10
        _tambah_satker(30, provinsi)
        assert len(_kemajuan(client.get(URL)).kelompok[0].baris) == 3 + 30
        assert _jumlah_kueri(client, URL) == sedikit


@pytest.mark.django_db
def test_the_selector_reads_three_queries_for_any_number_of_satker(
    admin_ri, django_assert_num_queries
):
    kabkota = Satker.objects.filter(tingkat=Tingkat.KABKOTA).count()
    _tambah_satker(30, ProvinsiFactory())
    # The user's profile (a superuser's is read to know it has no satker of its own), the year
    # under way, the satker, the documents.
    with django_assert_num_queries(4):
        kemajuan = kemajuan_dokumen(admin_ri)
    assert kemajuan.jumlah_satker == kabkota + 30
    assert kemajuan.jumlah_semua.total == (kabkota + 30) * len(JENIS)
