import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.services import dokumen_buat
from indikator.services import baris_iku_ganti
from rencana_aksi.models import BarisRak, IndikatorRkt
from rencana_aksi.services import rak_ganti, rkt_ganti
from satker.models import Satker
from tests.conftest import dokumen_seed

# Session, the user with profile and satker (one join), the document, two for the rows on a
# first view (IKU: rows + the satker's tupoksi; RKT/RAK: sasaran + their rows; later views take
# the table from the cache), the workflow history, the check for a newer published version and
# the review notes. The savepoint pair of ATOMIC_REQUESTS (PostgreSQL only) is not counted.
QUERIES_PER_DOCUMENT_PAGE = 8


def _kueri(captured) -> int:
    return sum(
        1
        for q in captured.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    )


def _url(dokumen) -> str:
    return reverse("dokumen:detail", args=[dokumen.pk])


@pytest.mark.django_db
class TestAccess:
    def test_it_asks_a_visitor_to_log_in(self, client, rak_lebak):
        response = client.get(_url(rak_lebak))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_it_shows_the_document_to_its_satker(self, client, operator_lebak, rak_lebak):
        client.force_login(operator_lebak)
        assert client.get(_url(rak_lebak)).status_code == 200

    def test_it_hides_another_satkers_document(self, client, operator_serang, rak_lebak):
        client.force_login(operator_serang)
        assert client.get(_url(rak_lebak)).status_code == 404

    def test_it_shows_the_provinsi_reviewer_its_satker(self, client, reviewer_banten, rak_lebak):
        client.force_login(reviewer_banten)
        assert client.get(_url(rak_lebak)).status_code == 200

    def test_it_hides_another_provinsi_from_a_reviewer(self, client, reviewer_kaltim, rak_lebak):
        client.force_login(reviewer_kaltim)
        assert client.get(_url(rak_lebak)).status_code == 404

    def test_it_shows_everything_to_the_admin_ri(self, client, admin_ri):
        client.force_login(admin_ri)
        dokumen = dokumen_seed("kab-kutai-barat", "IKU")
        assert client.get(_url(dokumen)).status_code == 200


@pytest.mark.django_db
class TestContent:
    def test_the_rak_page_shows_every_row_with_rupiah_and_ticks(self, client, admin_ri):
        client.force_login(admin_ri)
        dokumen = dokumen_seed("kab-lebak", "RAK")
        html = client.get(_url(dokumen)).content.decode()
        rows = BarisRak.objects.filter(sasaran__dokumen=dokumen)
        assert rows.count() == 24
        for baris in rows:
            assert baris.kegiatan in html
        assert html.count('<td class="centang">✓</td>') == sum(sum(b.triwulan) for b in rows)
        assert "Rp8.170.412.000" in html
        assert "RAHMAT SETIAWAN TONIDAYA" in html
        assert "NIP. 198301282009021004" in html
        assert "Rangkasbitung, 26 Januari 2024" in html

    def test_the_rkt_page_shows_every_indicator_and_kegiatan_aksi(self, client, admin_ri):
        client.force_login(admin_ri)
        dokumen = dokumen_seed("kab-lebak", "RKT")
        html = client.get(_url(dokumen)).content.decode()
        for indikator in IndikatorRkt.objects.filter(sasaran__dokumen=dokumen):
            assert indikator.indikator in html
            assert indikator.kegiatan_aksi in html

    def test_the_iku_page_shows_program_groups_and_identity(self, client, admin_ri):
        client.force_login(admin_ri)
        dokumen = dokumen_seed("kota-banjarbaru", "IKU")
        html = client.get(_url(dokumen)).content.decode()
        assert "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]" in html
        assert "LAMPIRAN 1" in html
        assert "Kewajiban" in html
        for baris in dokumen.baris_iku.all():
            assert baris.indikator in html

    def test_a_document_without_signer_or_day_shows_what_is_missing(self, client, admin_ri):
        client.force_login(admin_ri)
        html = client.get(_url(dokumen_seed("kab-barito-selatan", "IKU"))).content.decode()
        assert "Buntok, Januari 2024" in html
        assert "Penandatangan belum ditetapkan." in html
        assert "Tahun Anggaran" in html
        assert "2023" in html

    def test_text_is_escaped(self, client, admin_ri, iku_serang):
        baris_iku_ganti(
            dokumen=iku_serang, baris=[{"nomor": "1", "indikator": "<script>x</script>"}]
        )
        client.force_login(admin_ri)
        html = client.get(_url(iku_serang)).content.decode()
        assert "<script>x</script>" not in html
        assert "&lt;script&gt;x&lt;/script&gt;" in html


def _rak_dengan(jumlah: int, tahun: int):
    satker = Satker.objects.get(kode="kab-lebak")
    dokumen = dokumen_buat(satker=satker, jenis="RAK", tahun=tahun)
    baris = [
        {"indikator": f"Indikator {i}", "target": "90%", "kegiatan": f"Kegiatan {i}"}
        for i in range(jumlah)
    ]
    rak_ganti(dokumen=dokumen, sasaran=[{"nomor": "1", "sasaran": "S", "baris": baris}])
    return dokumen


def _rkt_dengan(jumlah: int, tahun: int):
    satker = Satker.objects.get(kode="kab-lebak")
    dokumen = dokumen_buat(satker=satker, jenis="RKT", tahun=tahun)
    sasaran = [
        {"nomor": str(i), "sasaran": f"S{i}", "indikator": [{"indikator": "I", "target": "1"}]}
        for i in range(jumlah)
    ]
    rkt_ganti(dokumen=dokumen, sasaran=sasaran)
    return dokumen


def _iku_dengan(jumlah: int, tahun: int):
    satker = Satker.objects.get(kode="kab-lebak")
    dokumen = dokumen_buat(satker=satker, jenis="IKU", tahun=tahun)
    baris_iku_ganti(dokumen=dokumen, baris=[{"indikator": f"I{i}"} for i in range(jumlah)])
    return dokumen


@pytest.mark.django_db
@pytest.mark.parametrize("buat", [_rak_dengan, _rkt_dengan, _iku_dengan])
def test_the_document_page_runs_a_constant_number_of_queries(client, operator_lebak, buat):
    client.force_login(operator_lebak)
    counts = []
    for jumlah, tahun in [(5, 2030), (100, 2031)]:
        dokumen = buat(jumlah, tahun)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(dokumen)).status_code == 200
        counts.append(_kueri(captured))
    assert counts == [QUERIES_PER_DOCUMENT_PAGE, QUERIES_PER_DOCUMENT_PAGE]
