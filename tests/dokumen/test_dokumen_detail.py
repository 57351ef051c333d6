import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.jenis import semua_jenis
from rencana_aksi.models import BarisRak, IndikatorRkt
from tests.conftest import dokumen_seed
from tests.factories import (
    AdminRiFactory,
    IkuFactory,
    KabKotaFactory,
    OperatorFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
    baris_iku,
    sasaran_rak,
    sasaran_rkt,
)

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


@pytest.fixture
def rak(db):
    """A RAK draft of a Kab/Kota in a provinsi of its own."""
    return RakFactory()


@pytest.mark.django_db
class TestAccess:
    def test_it_asks_a_visitor_to_log_in(self, client, rak):
        response = client.get(_url(rak))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_it_shows_the_document_to_its_satker(self, client, rak):
        client.force_login(OperatorFactory(satker=rak.satker))
        assert client.get(_url(rak)).status_code == 200

    def test_it_hides_another_satkers_document(self, client, rak):
        client.force_login(OperatorFactory(satker=KabKotaFactory(induk=rak.satker.induk)))
        assert client.get(_url(rak)).status_code == 404

    def test_it_shows_the_provinsi_reviewer_its_satker(self, client, rak):
        client.force_login(ReviewerFactory(satker=rak.satker.induk))
        assert client.get(_url(rak)).status_code == 200

    def test_it_hides_another_provinsi_from_a_reviewer(self, client, rak):
        client.force_login(ReviewerFactory())
        assert client.get(_url(rak)).status_code == 404

    def test_it_shows_everything_to_the_admin_ri(self, client, rak):
        client.force_login(AdminRiFactory())
        assert client.get(_url(rak)).status_code == 200


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

    @pytest.mark.parametrize("jenis", ["RKT", "RAK"])
    def test_a_drafts_sasaran_without_rows_is_shown_marked(self, client, admin_ri, jenis):
        client.force_login(admin_ri)
        if jenis == "RKT":
            data, anak, kolom = sasaran_rkt(3, indikator=1), "indikator", 3
            dokumen = RktFactory(baris=data[:1] + [data[1] | {anak: []}] + data[2:])
        else:
            data, anak, kolom = sasaran_rak(3, baris=1), "baris", 10
            dokumen = RakFactory(baris=data[:1] + [data[1] | {anak: []}] + data[2:])
        html = client.get(_url(dokumen)).content.decode()
        assert (
            f'<tr><td>2</td><td class="sel-teks">{data[1]["sasaran"]}</td>'
            f'<td colspan="{kolom}" class="kosong-ditandai">[belum ada baris]</td></tr>'
        ) in html
        assert html.index(data[0]["sasaran"]) < html.index("[belum ada baris]")
        assert html.index("[belum ada baris]") < html.index(data[2]["sasaran"])

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

    def test_text_is_escaped(self, client):
        iku = IkuFactory(baris=[{"nomor": "1", "indikator": "<script>x</script>"}])
        client.force_login(OperatorFactory(satker=iku.satker))
        html = client.get(_url(iku)).content.decode()
        assert "<script>x</script>" not in html
        assert "&lt;script&gt;x&lt;/script&gt;" in html


def _rak_dengan(satker, jumlah: int, tahun: int):
    return RakFactory(satker=satker, tahun=tahun, baris=sasaran_rak(1, baris=jumlah))


def _rkt_dengan(satker, jumlah: int, tahun: int):
    return RktFactory(satker=satker, tahun=tahun, baris=sasaran_rkt(jumlah, indikator=1))


def _iku_dengan(satker, jumlah: int, tahun: int):
    return IkuFactory(satker=satker, tahun=tahun, baris=baris_iku(jumlah))


@pytest.mark.django_db
@pytest.mark.parametrize("buat", [_rak_dengan, _rkt_dengan, _iku_dengan])
def test_the_document_page_runs_a_constant_number_of_queries(client, buat):
    operator = OperatorFactory()
    client.force_login(operator)
    counts = []
    for jumlah, tahun in [(5, 2030), (100, 2031)]:
        dokumen = buat(operator.profil.satker, jumlah, tahun)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(dokumen)).status_code == 200
        counts.append(_kueri(captured))
    # A draft's page also reads its rows for the submission checklist: one query per level;
    # the page of a type others are made from (the RKT: "Buat PK dari RKT ini") one more.
    sumber = any(b.jenis == dokumen.jenis for j in semua_jenis() for b in j.buat_dari)
    draf = QUERIES_PER_DOCUMENT_PAGE + len(dokumen.jenis_terdaftar.tingkat) + sumber
    assert counts == [draf, draf]
