"""The home page of each role: what it lists after real workflow steps, its empty states, the
"Salin ke" confirmation, and a query count that does not grow with the documents."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.models import StatusDokumen
from dokumen.reviu import catatan_tambah
from satker.models import Peran
from tests.factories import (
    IkuFactory,
    KabKotaFactory,
    RakFactory,
    RktFactory,
    ajukan,
    akun_satker,
    kembalikan,
    setujui,
)

pytestmark = pytest.mark.django_db


def halaman(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("beranda"))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def bagian(html: str, id_: str) -> str:
    """The card with HTML id `id_`, up to the next card."""
    awal = html.index(f'id="{id_}"')
    akhir = html.find('class="card ', awal + 1)
    return html[awal : akhir if akhir != -1 else None]


@pytest.fixture
def satker():
    return KabKotaFactory()


class TestOperator:
    def test_it_shows_the_returned_draft_with_its_note_and_who(self, client, satker):
        iku = kembalikan(ajukan(IkuFactory(satker=satker)), catatan="Lengkapi sumber data.")
        ketua = akun_satker(satker, Peran.KETUA)

        html = halaman(client, akun_satker(satker, Peran.OPERATOR))

        kotak = bagian(html, "tugas-dikembalikan")
        assert f'href="/dokumen/{iku.pk}/"' in kotak
        assert "Lengkapi sumber data." in kotak
        assert f"<strong>{ketua.username}</strong> (Ketua, {satker.nama})" in kotak
        assert "Draf · dikembalikan" in kotak
        assert f'href="/dokumen/{iku.pk}/perubahan/"' in kotak

    def test_it_lists_open_review_notes_with_a_link(self, client, satker):
        rak = ajukan(RakFactory(satker=satker))
        reviewer = akun_satker(satker.induk, Peran.REVIEWER_PROVINSI)
        catatan_tambah(dokumen=rak, user=reviewer, isi="Pelaksana baris 2 kosong.")

        html = halaman(client, akun_satker(satker, Peran.OPERATOR))

        kotak = bagian(html, "tugas-catatan")
        assert "Pelaksana baris 2 kosong." in kotak
        assert f'href="/dokumen/{rak.pk}/#catatan-reviu"' in kotak
        assert f'href="/dokumen/{rak.pk}/"' in bagian(html, "tugas-draf")  # being processed

    def test_empty_lists_say_what_to_do_next(self, client, satker):
        html = halaman(client, akun_satker(satker, Peran.OPERATOR))

        assert "Tidak ada dokumen yang dikembalikan" in bagian(html, "tugas-dikembalikan")
        assert "Tidak ada catatan reviu yang menunggu jawaban Anda" in html
        assert "Buat dokumen baru, atau salin dokumen tahun lalu" in html
        assert "Tenggat belum dicatat di aplikasi" in html
        assert "Menunggu persetujuan Anda" not in html

    def test_salin_asks_before_it_copies(self, client, satker):
        rak = RakFactory(satker=satker)

        html = halaman(client, akun_satker(satker, Peran.OPERATOR))

        konfirmasi = re.search(r'<details class="konfirmasi-salin.*?</details>', html).group(0)
        assert (
            '<summary class="btn btn-sm btn-outline-primary" data-salin="RAK-2024">' in konfirmasi
        )
        assert f'action="/dokumen/{rak.pk}/salin/"' in konfirmasi
        assert "Buat draf RAK 2025 berisi semua baris RAK 2024?" in konfirmasi
        assert "Ya, buat draf 2025" in konfirmasi


class TestKetua:
    def test_it_lists_what_waits_for_approval_and_signature(self, client, satker):
        diajukan = ajukan(kembalikan(ajukan(IkuFactory(satker=satker))))
        disetujui = setujui(ajukan(RktFactory(satker=satker)))

        html = halaman(client, akun_satker(satker, Peran.KETUA))

        persetujuan = bagian(html, "tugas-persetujuan")
        assert f'href="/dokumen/{diajukan.pk}/"' in persetujuan
        assert "pengajuan ke-2" in persetujuan
        assert f'href="/dokumen/{diajukan.pk}/perubahan/"' in persetujuan
        assert "Apa yang berubah sejak pengajuan sebelumnya" in persetujuan
        tanda_tangan = bagian(html, "tugas-tanda-tangan")
        assert f'href="/dokumen/{disetujui.pk}/"' in tanda_tangan
        assert "perubahan/" not in tanda_tangan  # submitted once
        assert 'id="tugas-dikembalikan"' not in html  # the Ketua does not write

    def test_empty_states(self, client, satker):
        html = halaman(client, akun_satker(satker, Peran.KETUA))

        assert "Tidak ada dokumen yang menunggu persetujuan Anda" in html
        assert "Tidak ada dokumen yang menunggu tanda tangan Anda" in html


def test_the_sekretaris_sees_the_rak_to_sign_and_writes_too(client, satker):
    rak = setujui(ajukan(RakFactory(satker=satker)))
    IkuFactory(satker=satker, status=StatusDokumen.DISETUJUI)  # the Ketua's to sign

    html = halaman(client, akun_satker(satker, Peran.SEKRETARIS))

    tanda_tangan = bagian(html, "tugas-tanda-tangan")
    assert re.findall(r'href="/dokumen/(\d+)/"', tanda_tangan) == [str(rak.pk)]
    assert 'id="tugas-dikembalikan"' in html
    assert 'id="tugas-persetujuan"' not in html


def test_the_reviewer_sees_the_provinsi_counts_and_the_review_queue(client, satker):
    diajukan = ajukan(IkuFactory(satker=satker))
    RakFactory(satker=satker)
    ajukan(IkuFactory(satker=KabKotaFactory()))  # another provinsi

    html = halaman(client, akun_satker(satker.induk, Peran.REVIEWER_PROVINSI))

    antrean = bagian(html, "tugas-reviu")
    assert re.findall(r'href="/dokumen/(\d+)/"', antrean) == [str(diajukan.pk)]
    assert "belum ada catatan" in antrean
    jumlah = bagian(html, "jumlah-status")
    assert re.search(r'<tr data-jenis="IKU">.*?<td data-status="DIAJUKAN">1</td>', jumlah)
    assert re.search(r'<tr data-jenis="RAK">.*?<td data-status="DRAF">1</td>', jumlah)
    assert "/admin/dokumen/dokumen/kemajuan/?tahun=2024" in jumlah


def test_admin_ri_sees_the_national_picture(client, admin_ri):
    html = halaman(client, admin_ri)

    assert "Gambaran nasional" in html
    assert 'id="jumlah-status"' in html
    assert "KPU Provinsi Banten" in bagian(html, "provinsi-tertinggal")


# Query counts: the same for a satker with few and with many documents --------------------


def isi_satker(satker, n: int) -> None:
    """`n` documents per type and step: returned, submitted twice, approved, with notes."""
    reviewer = akun_satker(satker.induk, Peran.REVIEWER_PROVINSI)
    for i in range(n):
        tahun = 2010 + 3 * i
        kembalikan(ajukan(IkuFactory(satker=satker, tahun=tahun)))
        rak = ajukan(kembalikan(ajukan(RakFactory(satker=satker, tahun=tahun))))
        catatan_tambah(dokumen=rak, user=reviewer, isi=f"Catatan {i}")
        setujui(ajukan(IkuFactory(satker=satker, tahun=tahun + 1)))
        setujui(ajukan(RakFactory(satker=satker, tahun=tahun + 1)))
        RktFactory(satker=satker, tahun=tahun + 2)


def jumlah_kueri(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(reverse("beranda")).status_code == 200
    return len(kueri)


@pytest.mark.parametrize(
    ("peran", "di_induk", "diharapkan"),
    [
        (Peran.OPERATOR, False, 11),  # the writers' lists read the planning year (one query)
        # Those who sign or review: and their second factor's device (django-otp).
        (Peran.KETUA, False, 10),
        (Peran.SEKRETARIS, False, 14),
        (Peran.REVIEWER_PROVINSI, True, 9),
    ],
)
def test_the_query_count_does_not_grow_with_the_documents(client, peran, di_induk, diharapkan):
    hitungan = []
    for n in (1, 4):
        satker = KabKotaFactory()
        isi_satker(satker, n)
        user = akun_satker(satker.induk if di_induk else satker, peran)
        hitungan.append(jumlah_kueri(client, user))
    assert hitungan == [diharapkan, diharapkan]


def test_the_national_query_count_does_not_grow_with_the_satker(client, admin_ri):
    hitungan = []
    for n in (1, 4):
        for _ in range(n):
            isi_satker(KabKotaFactory(), 1)
        hitungan.append(jumlah_kueri(client, admin_ri))
    assert hitungan == [10, 10]  # with the second factor's device
