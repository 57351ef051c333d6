"""An audit entry's admin page shows its change as a before/after a person reads (dokumen.beda
worded by dokumen.beda_tampil): header fields by name, statuses by label, dates in Indonesian,
rows by their label with each changed cell; never the snapshots' JSON."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.baris import data_baris
from dokumen.beda_tampil import beda_tampil
from dokumen.jejak import potret
from dokumen.models import JejakPerubahan, JenisPerubahan
from dokumen.services import KOLOM_KEPALA, dokumen_hapus, dokumen_simpan
from satker.models import Peran
from tests.factories import (
    IkuFactory,
    RakFactory,
    ReviewerFactory,
    ajukan,
    akun_satker,
    baris_iku,
)


def _simpan(dokumen, oleh, baris=None, **kepala):
    isi = {kolom: getattr(dokumen, kolom) for kolom in KOLOM_KEPALA} | kepala
    return dokumen_simpan(
        dokumen=dokumen,
        kepala=isi,
        baris=data_baris(dokumen) if baris is None else baris,
        suntingan=dokumen.suntingan,
        oleh=oleh,
    )


def _halaman(client, jejak: JejakPerubahan) -> str:
    url = reverse("admin:dokumen_jejakperubahan_change", args=[jejak.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_status_change_reads_as_its_labels_for_the_reviewer(client):
    iku = ajukan(IkuFactory())
    jejak = JejakPerubahan.objects.get(dokumen=iku, jenis=JenisPerubahan.TRANSISI)
    client.force_login(ReviewerFactory(satker=iku.satker.induk))

    html = _halaman(client, jejak)

    assert (
        '<th scope="row">Status</th><td class="lama">Draf</td><td class="baru">Diajukan</td>'
        in html
    )
    assert "&quot;DIAJUKAN&quot;" not in html
    assert '"DIAJUKAN"' not in html
    assert 'name="_save"' not in html  # read-only


@pytest.mark.django_db
def test_header_fields_show_their_names_and_dates_in_indonesian():
    iku = IkuFactory(tempat_ttd="Rangkasbitung")
    sebelum = potret(iku)
    iku.tempat_ttd, iku.tanggal_ttd = "Serang", datetime.date(2025, 2, 3)
    iku.save()

    beda = beda_tampil("IKU", sebelum, potret(iku))

    assert [(s.label, s.sebelum, s.sesudah) for s in beda.kepala] == [
        ("Tempat penandatanganan", "Rangkasbitung", "Serang"),
        ("Tanggal penandatanganan", "26 Januari 2024", "3 Februari 2025"),
    ]
    assert (beda.sasaran, beda.baris) == ([], [])


@pytest.mark.django_db
def test_rows_show_by_their_label_with_each_changed_cell(client, admin_ri):
    rak = RakFactory()
    operator = akun_satker(rak.satker, Peran.OPERATOR)
    data = data_baris(rak)
    data[0]["baris"][1]["kegiatan"] = "Kegiatan diperjelas"
    data[0]["baris"][1]["triwulan"] = [3]
    del data[1]["baris"][0]
    data[1]["baris"].append({"kegiatan": "Kegiatan tambahan", "anggaran": 5_000})
    _simpan(rak, operator, data)
    jejak = JejakPerubahan.objects.get(dokumen=rak, jenis=JenisPerubahan.SIMPAN)
    client.force_login(admin_ri)

    beda = beda_tampil("RAK", jejak.sebelum, jejak.sesudah)
    html = _halaman(client, jejak)

    diubah, dihapus, ditambah = beda.baris
    assert (diubah.jenis, diubah.label) == ("diubah", "Sasaran 1, baris 2: Kegiatan diperjelas")
    assert [(s.label, s.sebelum, s.sesudah) for s in diubah.sel] == [
        ("Kegiatan", "Kegiatan uji 1.2", "Kegiatan diperjelas"),
        ("Triwulan", "1, 2", "3"),
    ]
    assert (dihapus.jenis, dihapus.label) == ("dihapus", "Sasaran 2, baris 1: Kegiatan uji 2.1")
    assert ("Kegiatan", "Kegiatan uji 2.1", "") in [
        (s.label, s.sebelum, s.sesudah) for s in dihapus.sel
    ]
    assert (ditambah.jenis, ditambah.label) == ("ditambah", "Sasaran 2, baris 2: Kegiatan tambahan")
    assert ("Anggaran (Rp)", "", "5.000") in [(s.label, s.sebelum, s.sesudah) for s in ditambah.sel]
    assert beda.sasaran == []  # the second sasaran's row moved up: the sasaran did not change
    assert "Sasaran 1, baris 2: Kegiatan diperjelas" in html
    assert '<td class="lama">Kegiatan uji 1.2</td>' in html
    assert '<td class="baru">Kegiatan diperjelas</td>' in html
    assert "&quot;kunci&quot;" not in html


@pytest.mark.django_db
def test_the_entries_of_a_deleted_draft_still_read(client, admin_ri):
    iku = IkuFactory(oleh=admin_ri)
    dokumen_hapus(dokumen=iku, user=admin_ri)
    hapus = JejakPerubahan.objects.get(jenis=JenisPerubahan.HAPUS, nama_dokumen=str(iku))
    client.force_login(admin_ri)

    html = _halaman(client, hapus)

    assert hapus.dokumen_id is None
    assert html.count('<tr class="jenis-dihapus">') >= 3  # each of its rows, as deleted
    assert "Persentase capaian indikator uji 1" in html


@pytest.mark.django_db
def test_a_row_that_only_moved_reads_as_moved_without_cells(client, admin_ri):
    iku = IkuFactory()
    data = data_baris(iku)
    _simpan(iku, admin_ri, [data[2], data[0], data[1]])
    jejak = JejakPerubahan.objects.get(dokumen=iku, jenis=JenisPerubahan.SIMPAN)
    client.force_login(admin_ri)

    beda = beda_tampil("IKU", jejak.sebelum, jejak.sesudah)
    html = _halaman(client, jejak)

    [pindah] = beda.baris  # the fewest moved: the third row went to the top
    assert (pindah.label, pindah.keterangan, pindah.sel) == (
        "Baris 1: 3 Persentase capaian indikator uji 3",
        "Dipindah",
        [],
    )
    assert '<td colspan="3" class="quiet">Dipindah</td>' in html
    assert 'class="lama"' not in html


def _kueri_halaman(client, jejak: JejakPerubahan) -> int:
    url = reverse("admin:dokumen_jejakperubahan_change", args=[jejak.pk])
    client.get(url)  # warm up per-process caches (content types, templates)
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(url).status_code == 200
    return len(kueri)


@pytest.mark.django_db
def test_an_entrys_page_reads_the_same_queries_however_many_rows_changed(client, admin_ri):
    client.force_login(admin_ri)
    jumlah = []
    for n in (2, 40):
        iku = IkuFactory(baris=baris_iku(n))
        _simpan(iku, admin_ri, [b | {"target": "1 Laporan"} for b in data_baris(iku)])
        jejak = JejakPerubahan.objects.get(dokumen=iku, jenis=JenisPerubahan.SIMPAN)
        assert f"baris: {n} diubah" in jejak.ringkasan
        jumlah.append(_kueri_halaman(client, jejak))

    # The request's savepoint pair, session, user, and the entry with its document, satker
    # and author, the second factor's device: none per row.
    assert jumlah[0] == jumlah[1] == 6
