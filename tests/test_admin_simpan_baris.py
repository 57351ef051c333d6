"""The admin's row edits save through the editor's save (dokumen.admin_baris): rows keep their
keys, so what points at a row (a review note) still finds it; added rows get new keys, deleted
rows are left out, places follow `urutan`; targets are read, the audit has before and after."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dokumen.admin_baris import simpan_dari_admin
from dokumen.baris import data_baris
from dokumen.models import JejakPerubahan
from dokumen.reviu import catatan_dokumen, catatan_tambah
from dokumen.services import KOLOM_KEPALA, DokumenTidakBisaDiubah, dokumen_simpan_admin
from rencana_aksi.models import BarisRak, SasaranRak
from tests.factories import (
    AdminRiFactory,
    IkuFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
    ajukan,
)
from tests.test_jejak_admin import _isian


@pytest.fixture
def admin_ri(db):
    return AdminRiFactory()


def _kunci(data: list[dict], anak: str | None = None) -> list[str]:
    if anak is None:
        return [b["kunci"] for b in data]
    return [b["kunci"] for s in data for b in s[anak]]


@pytest.mark.django_db
def test_an_admin_row_edit_keeps_the_rows_key_and_the_review_note_on_it(client, admin_ri):
    rak = RakFactory()
    baris = BarisRak.objects.get(sasaran__dokumen=rak, kegiatan="Kegiatan uji 1.2")
    reviewer = ReviewerFactory(satker=rak.satker.induk)
    kunci = str(baris.kunci)
    catatan = catatan_tambah(dokumen=rak, user=reviewer, isi="Perjelas", kunci_bagian=kunci)
    client.force_login(admin_ri)
    url = reverse("admin:rencana_aksi_barisrak_change", args=[baris.pk])

    response = client.post(url, _isian(client, url) | {"kegiatan": "Kegiatan diperjelas"})

    assert response.status_code == 302, response.content.decode()[:2000]
    diubah = BarisRak.objects.get(pk=baris.pk)
    assert (str(diubah.kunci), diubah.kegiatan) == (kunci, "Kegiatan diperjelas")
    catatan.refresh_from_db()
    assert str(catatan.kunci_bagian) == kunci
    [tampil] = catatan_dokumen(rak)
    assert (tampil.bagian_tampil, tampil.bagian_terhapus) == (
        "Sasaran 1, baris 2: Kegiatan diperjelas",
        False,
    )


@pytest.mark.django_db
def test_the_document_page_saves_header_and_rows_by_key_with_targets_read(client, admin_ri):
    iku = IkuFactory()
    sebelum = data_baris(iku)
    client.force_login(admin_ri)
    url = reverse("admin:dokumen_dokumen_change", args=[iku.pk])
    data = _isian(client, url) | {"baris_iku-1-target": "12 Laporan"}

    assert client.post(url, data).status_code == 302

    sesudah = data_baris(iku)
    assert _kunci(sesudah) == _kunci(sebelum)
    baris = iku.baris_iku.get(kunci=sesudah[1]["kunci"])
    assert (baris.target, baris.target_nilai, baris.target_satuan) == ("12 Laporan", 12, "Laporan")
    jejak = JejakPerubahan.objects.get(dokumen=iku, oleh=admin_ri)
    assert jejak.ringkasan == "Melalui halaman admin. baris: 1 diubah"
    assert jejak.sebelum["baris"][1]["target"] == "82%"
    assert jejak.sesudah["baris"][1]["target"] == "12 Laporan"


@pytest.mark.django_db
def test_a_row_added_on_a_sasaran_page_gets_a_new_key_and_a_moved_row_its_place(client, admin_ri):
    rak = RakFactory()
    sasaran = SasaranRak.objects.filter(dokumen=rak).order_by("urutan").first()
    sebelum = data_baris(rak)
    client.force_login(admin_ri)
    url = reverse("admin:rencana_aksi_sasaranrak_change", args=[sasaran.pk])
    data = _isian(client, url)
    assert data["baris-TOTAL_FORMS"] == "2"
    data |= {
        # The two rows swap places: ganti_baris writes them without meeting the unique
        # (sasaran, urutan) constraint on the way, as for the editor.
        "baris-0-urutan": "2",
        "baris-1-urutan": "1",
        "baris-TOTAL_FORMS": "3",
        "baris-2-urutan": "9",
        "baris-2-kegiatan": "Kegiatan baru dari admin",
        "baris-2-target": "3 Laporan",
        "baris-2-tw3": "on",
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    sesudah = data_baris(rak)
    lama = _kunci(sebelum[:1], "baris")
    pertama = sesudah[0]["baris"]
    assert [b["kunci"] for b in pertama[:2]] == [lama[1], lama[0]]
    baru = pertama[2]
    assert baru["kunci"] not in _kunci(sebelum, "baris")
    assert (baru["kegiatan"], baru["triwulan"]) == ("Kegiatan baru dari admin", [3])
    assert BarisRak.objects.get(kunci=baru["kunci"]).target_nilai == 3
    assert sesudah[1] == sebelum[1]  # the other sasaran untouched
    jejak = JejakPerubahan.objects.get(dokumen=rak, oleh=admin_ri)
    assert "1 ditambah" in jejak.ringkasan


@pytest.mark.django_db
def test_a_sasaran_deleted_on_the_document_page_takes_its_rows(client, admin_ri):
    rkt = RktFactory()
    sebelum = data_baris(rkt)
    client.force_login(admin_ri)
    url = reverse("admin:dokumen_dokumen_change", args=[rkt.pk])
    data = _isian(client, url) | {"sasaran_rkt-0-DELETE": "on"}

    assert client.post(url, data).status_code == 302

    assert data_baris(rkt) == sebelum[1:]
    jejak = JejakPerubahan.objects.get(dokumen=rkt, oleh=admin_ri)
    assert jejak.ringkasan == "Melalui halaman admin. sasaran: 1 dihapus; baris: 2 dihapus"


@pytest.mark.django_db
def test_the_admin_save_refuses_a_document_no_longer_a_draft(admin_ri):
    iku = ajukan(IkuFactory())
    jejak = JejakPerubahan.objects.filter(dokumen=iku).count()
    kepala = {kolom: getattr(iku, kolom) for kolom in KOLOM_KEPALA}

    with pytest.raises(DokumenTidakBisaDiubah):
        dokumen_simpan_admin(
            dokumen=iku,
            kepala=kepala,
            baris=data_baris(iku),
            suntingan=iku.suntingan,
            oleh=admin_ri,
        )

    assert JejakPerubahan.objects.filter(dokumen=iku).count() == jejak


@pytest.mark.django_db
def test_a_document_submitted_after_the_page_checked_is_refused_as_a_403_not_a_500(admin_ri, rf):
    rak = RakFactory()
    baris = BarisRak.objects.filter(sasaran__dokumen=rak).first()
    request = rf.post("/admin/")
    request.user = admin_ri
    ajukan(rak)  # after the row page's permission check, before its save locks the document

    with pytest.raises(PermissionDenied):
        simpan_dari_admin(request, rak, ubah=lambda isian: isian.hapus(baris))

    assert BarisRak.objects.filter(pk=baris.pk).exists()
    assert not JejakPerubahan.objects.filter(dokumen=rak, ringkasan__startswith="Melalui")


@pytest.mark.django_db
def test_a_reviewer_cannot_change_a_row_in_the_admin(client):
    rak = RakFactory()
    baris = BarisRak.objects.filter(sasaran__dokumen=rak).first()
    client.force_login(ReviewerFactory(satker=rak.satker.induk))
    url = reverse("admin:rencana_aksi_barisrak_change", args=[baris.pk])

    response = client.post(url, {"kegiatan": "Diubah reviewer"})

    assert response.status_code == 403
    assert BarisRak.objects.get(pk=baris.pk).kegiatan == baris.kegiatan
    assert not JejakPerubahan.objects.filter(dokumen=rak, ringkasan__startswith="Melalui")


@pytest.mark.django_db
def test_a_row_given_a_taken_place_on_its_own_page_goes_there(client, admin_ri):
    iku = IkuFactory()
    sebelum = _kunci(data_baris(iku))
    ketiga = iku.baris_iku.get(kunci=sebelum[2])
    client.force_login(admin_ri)
    url = reverse("admin:indikator_barisiku_change", args=[ketiga.pk])

    assert client.post(url, _isian(client, url) | {"urutan": "1"}).status_code == 302

    assert _kunci(data_baris(iku)) == [sebelum[2], sebelum[0], sebelum[1]]
    assert list(iku.baris_iku.order_by("urutan").values_list("urutan", flat=True)) == [1, 2, 3]


@pytest.mark.django_db
def test_a_sasaran_added_on_the_document_page_gets_a_new_key_and_no_rows(client, admin_ri):
    rkt = RktFactory()
    sebelum = data_baris(rkt)
    client.force_login(admin_ri)
    url = reverse("admin:dokumen_dokumen_change", args=[rkt.pk])
    data = _isian(client, url)
    data |= {
        "sasaran_rkt-TOTAL_FORMS": str(int(data["sasaran_rkt-TOTAL_FORMS"]) + 1),
        "sasaran_rkt-2-urutan": "3",
        "sasaran_rkt-2-nomor": "3",
        "sasaran_rkt-2-sasaran": "Sasaran baru dari admin",
    }

    assert client.post(url, data).status_code == 302

    sesudah = data_baris(rkt)
    assert sesudah[:2] == sebelum
    baru = sesudah[2]
    assert (baru["sasaran"], baru["indikator"]) == ("Sasaran baru dari admin", [])
    assert baru["kunci"] not in {s["kunci"] for s in sebelum}
    jejak = JejakPerubahan.objects.get(dokumen=rkt, oleh=admin_ri)
    assert jejak.ringkasan == "Melalui halaman admin. sasaran: 1 ditambah"
