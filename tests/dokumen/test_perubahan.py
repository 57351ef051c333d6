"""The "what changed since the previous submission" page (dokumen.perubahan), after a real
return and resubmission: header fields and rows changed, moved, added and removed, per sasaran."""

import datetime
import re

import pytest
from django.urls import reverse

from dokumen.alur import dokumen_buat_revisi
from dokumen.baris import data_baris
from dokumen.models import JejakPerubahan, JenisPerubahan, StatusDokumen
from dokumen.perubahan import perubahan_sejak_pengajuan
from dokumen.services import KOLOM_KEPALA, dokumen_simpan
from satker.models import Peran
from tests.factories import (
    IkuFactory,
    KabKotaFactory,
    RakFactory,
    ajukan,
    akun_satker,
    ke_status,
    kembalikan,
    setujui,
)

pytestmark = pytest.mark.django_db


def simpan(dokumen, ubah_baris, **kepala):
    """Save `dokumen` as its operator, rows changed by `ubah_baris(data)` and header by `kepala`."""
    data = data_baris(dokumen)
    ubah_baris(data)
    isian = {kolom: getattr(dokumen, kolom) for kolom in KOLOM_KEPALA} | kepala
    return dokumen_simpan(
        dokumen=dokumen,
        kepala=isian,
        baris=data,
        suntingan=dokumen.suntingan,
        oleh=akun_satker(dokumen.satker, Peran.OPERATOR),
    )


def ubah_rak(data):
    data[0]["baris"][0]["anggaran"] = 2_500_000  # "Kegiatan uji 1.1": changed
    pindah = data[0]["baris"].pop(1)  # "Kegiatan uji 1.2": moved to sasaran 2
    data[1]["baris"].insert(0, pindah)
    data[1]["baris"].pop()  # "Kegiatan uji 2.2": removed
    data[1]["sasaran"] = "Sasaran kegiatan uji 2 diperbaiki"
    data[1]["baris"].append(
        {
            "indikator": "",
            "target": "",
            "kegiatan": "Kegiatan baru uji",
            "target_kegiatan_aksi": "1 Dokumen",
            "triwulan": [4],
            "anggaran": 750_000,
            "pelaksana": "Subbagian PDI",
        }
    )


@pytest.fixture
def rak_diajukan_ulang():
    rak = kembalikan(ajukan(RakFactory()), catatan="Perbaiki anggaran.")
    rak = simpan(rak, ubah_rak, tempat_ttd="Rangkasbitung")
    return ajukan(rak)


def test_it_compares_the_previous_submission_with_now(rak_diajukan_ulang):
    perubahan = perubahan_sejak_pengajuan(rak_diajukan_ulang)

    assert perubahan.ke == 1
    assert [(k.label, k.sesudah) for k in perubahan.kepala] == [
        ("Tempat penandatanganan", "Rangkasbitung")
    ]
    assert perubahan.jumlah_baris == {"diubah": 1, "dipindah": 1, "dihapus": 1, "ditambah": 1}
    baris = {
        b.label.split(": ", 1)[1]: (judul.judul, b)
        for judul in perubahan.kelompok
        for b in judul.baris
    }
    judul, diubah = baris["Kegiatan uji 1.1"]
    assert judul == "Sasaran 1: Sasaran kegiatan uji 1"
    assert [(k.label, k.sebelum, k.sesudah) for k in diubah.kolom] == [
        ("Anggaran (Rp)", "1.000.000", "2.500.000")
    ]
    judul, dipindah = baris["Kegiatan uji 1.2"]
    assert (judul, dipindah.jenis, dipindah.beda.pindah) == (
        "Sasaran 2: Sasaran kegiatan uji 2 diperbaiki",
        "sama",
        True,
    )
    assert dipindah.pindah_dari == "Sasaran 1: Sasaran kegiatan uji 1"
    assert dipindah.kolom == []  # only moved: nothing to show as changed
    dihapus = baris["Kegiatan uji 2.2"][1]
    assert dihapus.jenis == "dihapus"
    # Columns in the type's order, though the snapshot's JSON came back in the database's.
    assert [k.label for k in dihapus.kolom] == [
        "Kegiatan",
        "Target kegiatan aksi",
        "Triwulan",
        "Anggaran (Rp)",
        "Pelaksana",
    ]
    assert [k.sebelum for k in dihapus.kolom][2:4] == ["1, 2", "2.000.000"]
    assert baris["Kegiatan baru uji"][1].jenis == "ditambah"
    assert perubahan.tidak_berubah == 1  # "Kegiatan uji 2.1"
    assert perubahan.jumlah_sasaran == {"diubah": 1}
    sasaran = perubahan.kelompok[1].sasaran
    assert [(k.label, k.sebelum, k.sesudah) for k in sasaran.kolom] == [
        ("Sasaran program/kegiatan", "Sasaran kegiatan uji 2", "Sasaran kegiatan uji 2 diperbaiki")
    ]


def test_a_document_approved_after_resubmission_still_compares_the_two(rak_diajukan_ulang):
    setujui(rak_diajukan_ulang)

    perubahan = perubahan_sejak_pengajuan(rak_diajukan_ulang)

    assert perubahan.ke == 1
    assert perubahan.kepala[0].label == "Tempat penandatanganan"  # the status is left out


def test_a_flat_document_shows_changed_and_reordered_rows():
    iku = kembalikan(ajukan(IkuFactory()))

    def ubah(data):
        data[0]["sumber_data"] = "Laporan baru"
        data.append(data.pop(0))  # the first row moves to the end

    iku = ajukan(simpan(iku, ubah))

    [kelompok] = perubahan_sejak_pengajuan(iku).kelompok

    assert kelompok.sasaran is None
    [baris] = kelompok.baris
    assert (baris.jenis, baris.beda.pindah, baris.pindah_dari) == ("diubah", True, "")
    assert [k.label for k in baris.kolom] == ["Sumber data"]


def test_nothing_to_compare_before_a_second_submission():
    iku = ajukan(IkuFactory())

    assert perubahan_sejak_pengajuan(iku) is None


def test_a_returned_draft_compares_its_last_submission_with_the_edits():
    iku = kembalikan(ajukan(IkuFactory()))
    iku = simpan(iku, lambda data: data.pop())

    perubahan = perubahan_sejak_pengajuan(iku)

    assert perubahan.ke == 1
    assert perubahan.jumlah_baris == {"dihapus": 1}


def test_years_in_the_header_read_as_years():
    iku = kembalikan(ajukan(IkuFactory()))
    iku = ajukan(simpan(iku, lambda data: None, tahun=2030, tahun_anggaran=2029))

    kepala = {k.label: (k.sebelum, k.sesudah) for k in perubahan_sejak_pengajuan(iku).kepala}

    assert kepala == {"Tahun": ("2024", "2030"), "Tahun anggaran": ("(kosong)", "2029")}


def test_a_submission_without_its_own_snapshot_uses_the_last_save_before_it():
    satker = KabKotaFactory()
    iku = kembalikan(ajukan(IkuFactory(satker=satker, oleh=akun_satker(satker, Peran.OPERATOR))))
    iku = ajukan(simpan(iku, lambda data: data.pop()))
    pertama = iku.jejak.filter(jenis=JenisPerubahan.TRANSISI).order_by("waktu", "pk").first()
    assert pertama.sesudah["kepala"]["status"] == StatusDokumen.DIAJUKAN
    pertama.delete()  # as for a step recorded before the audit history existed

    perubahan = perubahan_sejak_pengajuan(iku)

    assert (perubahan.tanpa_potret, perubahan.jumlah_baris) == (False, {"dihapus": 1})


def test_without_any_snapshot_the_page_says_it_cannot_compare(client):
    iku = ajukan(kembalikan(ajukan(IkuFactory())))
    JejakPerubahan.objects.filter(dokumen=iku).delete()
    client.force_login(akun_satker(iku.satker, Peran.KETUA))

    response = client.get(reverse("dokumen:perubahan", args=[iku.pk]))

    assert perubahan_sejak_pengajuan(iku).tanpa_potret
    assert "tidak tercatat" in response.content.decode()


class TestHalaman:
    def test_the_ketua_reads_the_changes_before_and_after(self, client, rak_diajukan_ulang):
        client.force_login(akun_satker(rak_diajukan_ulang.satker, Peran.KETUA))

        response = client.get(reverse("dokumen:perubahan", args=[rak_diajukan_ulang.pk]))

        assert response.status_code == 200
        html = re.sub(r"\s+", " ", response.content.decode())
        assert "Apa yang berubah sejak pengajuan sebelumnya" in html
        assert "pengajuan ke-1" in html
        assert '<del class="nilai-lama">1.000.000</del>' in html
        assert '<ins class="nilai-baru">2.500.000</ins>' in html
        assert "Dipindah dari Sasaran 1: Sasaran kegiatan uji 1" in html
        assert '<ins class="nilai-baru">Rangkasbitung</ins>' in html
        assert "Kegiatan baru uji" in html
        assert "Baris: 1 diubah, 1 dipindah, 1 dihapus, 1 ditambah; sasaran: 1 diubah" in html

    def test_the_document_page_links_to_it_only_after_a_resubmission(
        self, client, rak_diajukan_ulang
    ):
        client.force_login(akun_satker(rak_diajukan_ulang.satker, Peran.KETUA))
        sekali = ajukan(IkuFactory(satker=rak_diajukan_ulang.satker))

        ulang = client.get(reverse("dokumen:detail", args=[rak_diajukan_ulang.pk]))
        pertama = client.get(reverse("dokumen:detail", args=[sekali.pk]))

        tautan = reverse("dokumen:perubahan", args=[rak_diajukan_ulang.pk])
        assert f'href="{tautan}" id="tautan-perubahan"' in ulang.content.decode()
        assert 'id="tautan-perubahan"' not in pertama.content.decode()

    def test_a_document_submitted_once_says_there_is_nothing_to_compare(self, client):
        iku = ajukan(IkuFactory())
        client.force_login(akun_satker(iku.satker, Peran.KETUA))

        response = client.get(reverse("dokumen:perubahan", args=[iku.pk]))

        assert response.status_code == 200
        assert "baru diajukan sekali" in response.content.decode()

    def test_another_satkers_document_is_404(self, client, rak_diajukan_ulang):
        client.force_login(akun_satker(KabKotaFactory(), Peran.KETUA))

        response = client.get(reverse("dokumen:perubahan", args=[rak_diajukan_ulang.pk]))

        assert response.status_code == 404

    def test_the_provinsi_reviewer_may_read_it(self, client, rak_diajukan_ulang):
        client.force_login(akun_satker(rak_diajukan_ulang.satker.induk, Peran.REVIEWER_PROVINSI))

        response = client.get(reverse("dokumen:perubahan", args=[rak_diajukan_ulang.pk]))

        assert response.status_code == 200

    def test_anonymous_users_are_sent_to_log_in(self, client, rak_diajukan_ulang):
        response = client.get(reverse("dokumen:perubahan", args=[rak_diajukan_ulang.pk]))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.usefixtures("pki_aktif")
def test_a_revision_submitted_once_is_compared_with_the_published_version(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    terbit = ke_status(IkuFactory(), StatusDokumen.TERBIT)
    revisi = dokumen_buat_revisi(
        dokumen=terbit, user=akun_satker(terbit.satker, Peran.OPERATOR), alasan="Revisi DIPA"
    )
    revisi.tanggal_ttd = datetime.date(2024, 7, 1)  # a revision asks for its own signing date
    revisi.save(update_fields=["tanggal_ttd"])

    def ubah(data):
        data[0]["target"] = "95%"

    revisi = ajukan(simpan(revisi, ubah))

    perubahan = perubahan_sejak_pengajuan(revisi)
    assert perubahan.versi_dasar == terbit
    assert perubahan.jumlah_baris == {"diubah": 1}  # the versions share their rows' keys
    client.force_login(akun_satker(revisi.satker, Peran.KETUA))
    halaman = client.get(reverse("dokumen:detail", args=[revisi.pk])).content.decode()
    assert 'id="tautan-perubahan"' in halaman
    html = client.get(reverse("dokumen:perubahan", args=[revisi.pk])).content.decode()
    assert "Apa yang berubah sejak versi 1 yang terbit" in html
    assert "alasan revisi: Revisi DIPA" in html
    assert '<ins class="nilai-baru">95%</ins>' in html
