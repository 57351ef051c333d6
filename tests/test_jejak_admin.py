"""Edits made in the Django admin (Admin RI) are audited and obey the edit-conflict rule."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from dokumen.baris import data_baris
from dokumen.models import Dokumen, JejakPerubahan, JenisPerubahan
from dokumen.services import KOLOM_KEPALA, dokumen_simpan
from satker.models import Peran
from tests.factories import AdminRiFactory, IkuFactory, RakFactory, ajukan, akun_satker


class _IsianForm(HTMLParser):
    """Every field of the page's forms as a browser would submit it unchanged."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        nama = a.get("name")
        if tag == "input" and nama and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") != "checkbox" or "checked" in a:
                self.data[nama] = a.get("value") or ("on" if a.get("type") == "checkbox" else "")
        elif tag == "select" and nama:
            self._select = nama
            self.data.setdefault(nama, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")
        elif tag == "textarea" and nama:
            self._textarea = nama
            self.data[nama] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += (
                data.removeprefix("\n") if not self.data[self._textarea] else data
            )


def _isian(client, url: str) -> dict[str, str]:
    parser = _IsianForm()
    parser.feed(client.get(url).content.decode())
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


@pytest.fixture
def admin_ri(db):
    return AdminRiFactory()


@pytest.fixture
def rak(db) -> Dokumen:
    """A RAK draft of a Kab/Kota, with rows and no history."""
    return RakFactory()


def _baris_pertama(rak: Dokumen):
    return rak.sasaran_rak.order_by("urutan").first().baris.order_by("urutan").first()


@pytest.mark.django_db
def test_an_admin_edit_of_a_row_is_recorded_and_moves_the_revision(client, admin_ri):
    iku = IkuFactory(tempat_ttd="Tempat IKU")
    suntingan = iku.suntingan
    client.force_login(admin_ri)
    url = reverse("admin:dokumen_dokumen_change", args=[iku.pk])
    data = _isian(client, url)
    data["tempat_ttd"] = "Rangkasbitung (admin)"
    data["baris_iku-0-indikator"] = "Indikator diubah di admin"

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    iku.refresh_from_db()
    assert iku.suntingan == suntingan + 1
    assert iku.tempat_ttd == "Rangkasbitung (admin)"
    assert data_baris(iku)[0]["indikator"] == "Indikator diubah di admin"
    jejak = JejakPerubahan.objects.get(dokumen=iku)
    assert (jejak.oleh, jejak.jenis) == (admin_ri, JenisPerubahan.SIMPAN)
    assert jejak.ringkasan.startswith(
        "Melalui halaman admin. Kepala: tempat penandatanganan 'Tempat IKU' → "
        "'Rangkasbitung (admin)'"
    )
    assert "baris: 1 diubah" in jejak.ringkasan
    assert jejak.sesudah["baris"][0]["indikator"] == "Indikator diubah di admin"


@pytest.mark.django_db
def test_an_admin_edit_over_a_newer_save_is_refused(client, admin_ri):
    iku = IkuFactory()
    operator = akun_satker(iku.satker, Peran.OPERATOR)
    client.force_login(admin_ri)
    url = reverse("admin:dokumen_dokumen_change", args=[iku.pk])
    data = _isian(client, url)  # opened at the current suntingan
    kepala = {kolom: getattr(iku, kolom) for kolom in KOLOM_KEPALA}
    kepala["tempat_ttd"] = "Disimpan operator"
    dokumen_simpan(
        dokumen=iku, kepala=kepala, baris=data_baris(iku), suntingan=iku.suntingan, oleh=operator
    )
    data["tempat_ttd"] = "Ditimpa admin"

    response = client.post(url, data)

    assert response.status_code == 200
    assert "baru saja diubah dan disimpan dari halaman lain" in response.content.decode()
    assert Dokumen.objects.get(pk=iku.pk).tempat_ttd == "Disimpan operator"


@pytest.mark.django_db
def test_a_rak_row_changed_on_its_own_admin_page_is_a_change_of_the_document(client, admin_ri, rak):
    operator = akun_satker(rak.satker, Peran.OPERATOR)
    suntingan = rak.suntingan
    halaman = reverse("dokumen:detail", args=[rak.pk])
    client.force_login(operator)
    assert "Kegiatan diubah di admin" not in client.get(halaman).content.decode()  # now cached
    baris = _baris_pertama(rak)
    client.force_login(admin_ri)
    url = reverse("admin:rencana_aksi_barisrak_change", args=[baris.pk])
    data = _isian(client, url)
    data["kegiatan"] = "Kegiatan diubah di admin"

    assert client.post(url, data).status_code == 302

    rak.refresh_from_db()
    # An editor still open on the previous suntingan is told of the conflict.
    assert rak.suntingan == suntingan + 1
    jejak = JejakPerubahan.objects.get(dokumen=rak)
    assert (jejak.oleh, jejak.ringkasan) == (admin_ri, "Melalui halaman admin. baris: 1 diubah")
    client.force_login(operator)
    assert "Kegiatan diubah di admin" in client.get(halaman).content.decode()


@pytest.mark.django_db
def test_deleting_a_row_on_its_admin_page_is_recorded(client, admin_ri, rak):
    suntingan = rak.suntingan
    baris = _baris_pertama(rak)
    client.force_login(admin_ri)
    url = reverse("admin:rencana_aksi_barisrak_delete", args=[baris.pk])

    assert client.post(url, {"post": "yes"}).status_code == 302

    jejak = JejakPerubahan.objects.get(dokumen=rak)
    # Rows compare by key: the rows after it moved up, but they are the same rows.
    assert jejak.ringkasan == "Melalui halaman admin. baris: 1 dihapus"
    assert len(jejak.sesudah["baris"][0]["baris"]) == len(jejak.sebelum["baris"][0]["baris"]) - 1
    assert Dokumen.objects.get(pk=rak.pk).suntingan == suntingan + 1


@pytest.mark.django_db
def test_rows_are_not_added_on_their_own_admin_pages(client, admin_ri):
    client.force_login(admin_ri)
    for model in ("indikator_barisiku", "rencana_aksi_barisrak", "rencana_aksi_sasaranrkt"):
        assert client.get(reverse(f"admin:{model}_add")).status_code == 403, model


@pytest.mark.django_db
def test_a_document_that_is_not_a_draft_is_read_only_in_the_admin(client, admin_ri, rak):
    rak = ajukan(rak)
    jejak = list(JejakPerubahan.objects.filter(dokumen=rak).order_by("pk"))
    baris = _baris_pertama(rak)
    client.force_login(admin_ri)
    dokumen_url = reverse("admin:dokumen_dokumen_change", args=[rak.pk])
    baris_url = reverse("admin:rencana_aksi_barisrak_change", args=[baris.pk])

    assert 'name="_save"' not in client.get(dokumen_url).content.decode()
    assert 'name="_save"' not in client.get(baris_url).content.decode()
    data = _isian(client, baris_url) | {"kegiatan": "Tidak boleh"}
    assert client.post(baris_url, data).status_code == 403
    hapus = reverse("admin:rencana_aksi_barisrak_delete", args=[baris.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    assert list(JejakPerubahan.objects.filter(dokumen=rak).order_by("pk")) == jejak
    baris.refresh_from_db()
    assert baris.kegiatan != "Tidak boleh"
    daftar = client.get(reverse("admin:dokumen_dokumen_changelist")).content.decode()
    assert "delete_selected" not in daftar
