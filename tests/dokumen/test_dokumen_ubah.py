import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.baris import data_baris
from dokumen.editor import formset_baris
from dokumen.konflik import tanda_dasar
from dokumen.models import Dokumen
from rencana_aksi.models import BarisRak
from tests.factories import (
    AdminRiFactory,
    IkuFactory,
    KabKotaFactory,
    KetuaPenggunaFactory,
    OperatorFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
    sasaran_rak,
    tanpa_kunci,
)

PREFIX = "baris"


def _url(dokumen) -> str:
    return reverse("dokumen:ubah", args=[dokumen.pk])


def formset_editor(editor) -> list:
    """The formsets of an editor: its blocks' headers (sasaran, program groups) and rows."""
    return [editor.sasaran, editor.baris]


def form_data(dokumen: Dokumen, **perubahan_kepala) -> dict[str, str]:
    """The POST an unchanged edit page would send: header, the page's signed state (`dasar`),
    management forms and every sasaran and row."""
    data = {
        "suntingan": str(dokumen.suntingan),
        "dasar": tanda_dasar(dokumen, data_baris(dokumen)),
        "tahun": str(dokumen.tahun),
        "label_lampiran": dokumen.label_lampiran,
        "tahun_anggaran": str(dokumen.tahun_anggaran or ""),
        "tempat_ttd": dokumen.tempat_ttd,
        "tanggal_ttd": dokumen.tanggal_ttd.isoformat() if dokumen.tanggal_ttd else "",
        "tanggal_ttd_presisi": dokumen.tanggal_ttd_presisi,
        "penandatangan": str(dokumen.penandatangan_id or ""),
    }
    for formset in formset_editor(formset_baris(dokumen)):
        awal = formset.prefix
        data |= {
            f"{awal}-TOTAL_FORMS": str(len(formset.forms)),
            f"{awal}-INITIAL_FORMS": str(len(formset.forms)),
            f"{awal}-MIN_NUM_FORMS": "0",
            f"{awal}-MAX_NUM_FORMS": "500",
        }
        for i, form in enumerate(formset.forms):
            for name, field in form.fields.items():
                nilai = form.initial.get(name, "")
                if name == "anggaran" and nilai is not None and nilai != "":
                    nilai = field.prepare_value(nilai)
                if isinstance(nilai, bool):
                    if nilai:
                        data[f"{awal}-{i}-{name}"] = "on"
                    continue
                data[f"{awal}-{i}-{name}"] = "" if nilai is None else str(nilai)
    data.update({k: str(v) for k, v in perubahan_kepala.items()})
    return data


def tambah_baris_rak(data: dict[str, str], **isi) -> dict[str, str]:
    """A new row at the end, in the last sasaran unless `induk` names another."""
    i = int(data[f"{PREFIX}-TOTAL_FORMS"])
    data[f"{PREFIX}-TOTAL_FORMS"] = str(i + 1)
    data[f"{PREFIX}-{i}-ORDER"] = str(i + 1)
    data[f"{PREFIX}-{i}-induk"] = str(int(data["sasaran-TOTAL_FORMS"]) - 1)
    for name, value in isi.items():
        data[f"{PREFIX}-{i}-{name}"] = value
    return data


def _rows(dokumen) -> list[tuple]:
    return list(
        BarisRak.objects.filter(sasaran__dokumen=dokumen)
        .order_by("sasaran__urutan", "urutan")
        .values_list("kegiatan", "anggaran", "tw1", "tw2", "tw3", "tw4", "pelaksana")
    )


@pytest.fixture
def rak(db) -> Dokumen:
    """A RAK 2024 draft: 3 sasaran of 2 rows each."""
    return RakFactory(tahun=2024, baris=sasaran_rak(3, baris=2))


@pytest.fixture
def operator(rak):
    return OperatorFactory(satker=rak.satker)


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            (lambda rak: OperatorFactory(satker=rak.satker), 200),
            (lambda rak: AdminRiFactory(), 200),
            (lambda rak: KetuaPenggunaFactory(satker=rak.satker), 403),
            (lambda rak: ReviewerFactory(satker=rak.satker.induk), 403),
            (lambda rak: OperatorFactory(satker=KabKotaFactory(induk=rak.satker.induk)), 404),
            (lambda rak: ReviewerFactory(), 404),  # of another provinsi
        ],
        ids=["operator", "admin-ri", "ketua", "reviewer", "operator-lain", "reviewer-lain"],
    )
    def test_get_and_post_by_role(self, client, rak, persona, status):
        client.force_login(persona(rak))
        assert client.get(_url(rak)).status_code == status
        response = client.post(_url(rak), form_data(rak, tempat_ttd="X"))
        assert response.status_code == (302 if status == 200 else status)
        rak.refresh_from_db()
        assert (rak.tempat_ttd == "X") == (status == 200)

    def test_a_visitor_is_sent_to_login(self, client, rak):
        assert client.get(_url(rak))["Location"].startswith(reverse("login"))


@pytest.mark.django_db
class TestSave:
    def test_an_unchanged_save_keeps_every_row_and_bumps_the_revision(self, client, operator, rak):
        before, suntingan = _rows(rak), rak.suntingan
        client.force_login(operator)
        response = client.post(_url(rak), form_data(rak))
        assert response.status_code == 302
        rak.refresh_from_db()
        assert rak.suntingan == suntingan + 1
        assert _rows(rak) == before
        assert len(before) == 6

    @pytest.mark.parametrize("ketikan", ["1.500.000", "1500000", "Rp 1.500.000", "Rp1.500.000,00"])
    def test_a_new_row_accepts_rupiah_as_people_type_it(self, client, operator, rak, ketikan):
        client.force_login(operator)
        data = tambah_baris_rak(
            form_data(rak), kegiatan="Kegiatan baru", anggaran=ketikan, tw2="on", tw3="on"
        )
        client.post(_url(rak), data)
        baris = BarisRak.objects.get(sasaran__dokumen=rak, kegiatan="Kegiatan baru")
        assert (baris.anggaran, baris.triwulan) == (1500000, [False, True, True, False])
        html = client.get(reverse("dokumen:detail", args=[rak.pk])).content.decode()
        assert "Rp1.500.000" in html

    def test_rows_can_be_deleted_and_reordered(self, client, operator):
        def sasaran(nomor: str, *kegiatan: str) -> dict:
            baris = [{"kegiatan": k, "triwulan": [1], "anggaran": 1000} for k in kegiatan]
            return {"nomor": nomor, "sasaran": f"Sasaran {nomor}", "baris": baris}

        rak = RakFactory(
            satker=operator.profil.satker,
            tahun=2025,
            baris=[
                sasaran("A", "Kegiatan A1"),
                sasaran("B", "Kegiatan B1"),
                sasaran("C", "Kegiatan C1", "Kegiatan C2"),
                sasaran("D", "Kegiatan D1"),
            ],
        )
        client.force_login(operator)
        data = form_data(rak)
        data["sasaran-1-DELETE"] = "on"  # sasaran B, with its row
        data["sasaran-3-ORDER"] = "0"  # sasaran D moves to the top, with its row
        assert client.post(_url(rak), data).status_code == 302
        assert [row[0] for row in _rows(rak)] == [
            "Kegiatan D1",
            "Kegiatan A1",
            "Kegiatan C1",
            "Kegiatan C2",
        ]
        tersimpan = data_baris(rak)
        assert [s["sasaran"] for s in tersimpan] == ["Sasaran D", "Sasaran A", "Sasaran C"]
        assert [len(s["baris"]) for s in tersimpan] == [1, 1, 2]

    def test_html_is_stored_as_typed_and_shown_escaped(self, client, operator, rak):
        client.force_login(operator)
        data = form_data(rak)
        data[f"{PREFIX}-0-kegiatan"] = '<script>alert("x")</script><b>tebal</b>'
        client.post(_url(rak), data)
        assert _rows(rak)[0][0] == '<script>alert("x")</script><b>tebal</b>'
        html = client.get(reverse("dokumen:detail", args=[rak.pk])).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;tebal&lt;/b&gt;" in html


@pytest.mark.django_db
class TestBadInput:
    def _post(self, client, user, dokumen, data):
        client.force_login(user)
        before = (_rows(dokumen), dokumen.suntingan)
        response = client.post(_url(dokumen), data)
        dokumen.refresh_from_db()
        assert response.status_code == 200
        assert (_rows(dokumen), dokumen.suntingan) == before, "nothing may be written"
        return response.content.decode()

    @pytest.mark.parametrize(
        ("anggaran", "pesan"),
        [
            ("abc", "Tulis anggaran sebagai angka rupiah"),
            ("-5", "Anggaran tidak boleh negatif."),
            ("1.000.000.000.000.000", "Anggaran terlalu besar"),
            ("1,5", "Tulis anggaran sebagai angka rupiah"),
        ],
    )
    def test_a_bad_budget_is_explained_beside_the_field(
        self, client, operator, rak, anggaran, pesan
    ):
        data = form_data(rak)
        data[f"{PREFIX}-0-anggaran"] = anggaran
        data[f"{PREFIX}-1-kegiatan"] = "Suntingan lain yang tidak boleh hilang"
        html = self._post(client, operator, rak, data)
        assert pesan in html
        assert f'value="{anggaran}"' in html
        assert "Suntingan lain yang tidak boleh hilang" in html

    def test_a_ticked_quarter_needs_a_kegiatan(self, client, operator, rak):
        data = tambah_baris_rak(form_data(rak), tw1="on")
        data[f"{PREFIX}-{int(data[f'{PREFIX}-TOTAL_FORMS']) - 1}-kegiatan"] = ""
        html = self._post(client, operator, rak, data)
        assert "Isi kegiatan untuk triwulan yang dicentang." in html

    def test_required_fields_are_named(self, client, operator, rak):
        data = form_data(rak, tahun="")
        data["sasaran-0-sasaran"] = ""
        html = self._post(client, operator, rak, data)
        assert "Sasaran wajib diisi." in html
        assert "Bidang ini harus diisi." in html

    def test_a_100_kb_text_is_refused_with_a_message(self, client, operator, rak):
        data = form_data(rak)
        data[f"{PREFIX}-0-kegiatan"] = "x" * 100_000
        html = self._post(client, operator, rak, data)
        assert "paling banyak 5000 karakter" in html

    def test_a_duplicate_year_is_refused(self, client, operator, rak):
        client.force_login(operator)
        client.post(reverse("dokumen:salin", args=[rak.pk]))
        html = self._post(client, operator, rak, form_data(rak, tahun="2025"))
        assert "RAK tahun 2025 sudah ada untuk satker ini." in html

    def test_a_garbage_management_form_is_a_form_error_not_a_crash(self, client, operator, rak):
        data = form_data(rak)
        data[f"{PREFIX}-TOTAL_FORMS"] = "abc"
        html = self._post(client, operator, rak, data)
        assert "Dokumen belum disimpan" in html


@pytest.mark.django_db
def test_the_second_of_two_concurrent_edits_is_refused_and_keeps_its_input(client, operator, rak):
    client.force_login(operator)
    pertama = form_data(rak)
    kedua = form_data(rak)  # opened at the same revision
    pertama[f"{PREFIX}-0-pelaksana"] = "Suntingan pertama"
    kedua[f"{PREFIX}-0-pelaksana"] = "Suntingan kedua"
    assert client.post(_url(rak), pertama).status_code == 302
    response = client.post(_url(rak), kedua)
    html = response.content.decode()
    assert response.status_code == 200
    assert "baru saja diubah dan disimpan dari halaman lain" in html
    assert "Suntingan kedua" in html
    assert _rows(rak)[0][-1] == "Suntingan pertama"


@pytest.mark.django_db
def test_the_edit_page_runs_a_constant_number_of_queries(client, operator):
    from tests.dokumen.test_dokumen_detail import _rak_dengan

    client.force_login(operator)
    counts = []
    for jumlah, tahun in [(5, 2030), (100, 2031)]:
        dokumen = _rak_dengan(operator.profil.satker, jumlah, tahun)
        with CaptureQueriesContext(connection) as get:
            assert client.get(_url(dokumen)).status_code == 200
        # Every row changed, so every row is written.
        data = {
            k: f"{v} (diubah)" if k.endswith("-kegiatan") and v else v
            for k, v in form_data(dokumen).items()
        }
        with CaptureQueriesContext(connection) as post:
            assert client.post(_url(dokumen), data).status_code == 302
        # The rows are written in place by key, in one bulk UPDATE (SQLite caps variables per
        # statement, so it may split one into batches): those statements are not counted.
        tulis = ('UPDATE "rencana_aksi_barisrak"', 'INSERT INTO "rencana_aksi_barisrak"')
        sisipan = [q for q in post if q["sql"].startswith(tulis)]
        assert 1 <= len(sisipan) <= (1 if connection.vendor == "postgresql" else 2)
        counts.append((len(get), len(post) - len(sisipan)))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_an_unchanged_save_writes_no_row(client, operator):
    from tests.dokumen.test_dokumen_detail import _rak_dengan

    client.force_login(operator)
    dokumen = _rak_dengan(operator.profil.satker, 20, 2032)
    with CaptureQueriesContext(connection) as post:
        assert client.post(_url(dokumen), form_data(dokumen)).status_code == 302
    baris = ("rencana_aksi_barisrak", "rencana_aksi_sasaranrak")
    assert [
        q["sql"][:60]
        for q in post
        if q["sql"].startswith(("UPDATE", "INSERT", "DELETE"))
        and any(t in q["sql"][:40] for t in baris)
    ] == []


@pytest.mark.django_db
def test_a_rkt_and_an_iku_save_unchanged(client, operator):
    satker = operator.profil.satker
    client.force_login(operator)
    for dokumen in (RktFactory(satker=satker), IkuFactory(satker=satker)):
        before = data_baris(dokumen)
        assert before
        assert client.post(_url(dokumen), form_data(dokumen)).status_code == 302
        assert tanpa_kunci(data_baris(dokumen)) == tanpa_kunci(before)
