"""Each workflow step notifies the right people, and nobody else: submitted → the Ketua;
approved → the signatory; a party signed → the next party; returned → the satker's staff with
the note; published → the staff and the provinsi's reviewers; review notes and answers; the TW
report's submission and return. A step rolled back notifies nobody."""

import pytest
from django.db import transaction
from django.urls import reverse

from dokumen.alur import dokumen_transisi
from dokumen.models import AksiDokumen, StatusDokumen
from dokumen.reviu import catatan_jawab, catatan_tambah
from notifikasi.models import JenisNotifikasi, Notifikasi
from satker.models import Peran
from tests.factories import (
    AdminRiFactory,
    KabKotaFactory,
    KetuaPenggunaFactory,
    OperatorFactory,
    PkFactory,
    RakFactory,
    ReviewerFactory,
    ajukan,
    akun_penandatangan,
    akun_satker,
    ke_status,
    kembalikan,
    setujui,
    tandatangani,
)

pytestmark = pytest.mark.django_db


def _diterima(jenis=None) -> dict[str, list[str]]:
    """{username: [titles]} of every notification (of `jenis`)."""
    semua = Notifikasi.objects.select_related("penerima").order_by("pk")
    if jenis is not None:
        semua = semua.filter(jenis=jenis)
    hasil: dict[str, list[str]] = {}
    for n in semua:
        hasil.setdefault(n.penerima.username, []).append(n.judul)
    return hasil


@pytest.fixture
def rak(db):
    """A RAK draft of a Kab/Kota with its staff, a neighbour Kab/Kota with its own, and the
    reviewers of its provinsi and of another."""
    dokumen = RakFactory()
    satker = dokumen.satker
    for peran in (Peran.OPERATOR, Peran.SEKRETARIS, Peran.KETUA):
        akun_satker(satker, peran)
    akun_satker(satker.induk, Peran.REVIEWER_PROVINSI)
    tetangga = KabKotaFactory(induk=satker.induk)
    KetuaPenggunaFactory(satker=tetangga)
    OperatorFactory(satker=tetangga)
    ReviewerFactory()
    return dokumen


def _akun(dokumen, peran):
    return akun_satker(dokumen.satker, peran).username


def test_submitting_tells_the_ketua_only(rak, jalankan):
    with jalankan():
        ajukan(rak)

    ketua = _akun(rak, Peran.KETUA)
    assert _diterima() == {ketua: [f"{rak} menunggu persetujuan Anda"]}
    n = Notifikasi.objects.get()
    assert n.jenis == JenisNotifikasi.MENUNGGU_PERSETUJUAN
    assert n.tautan == reverse("dokumen:detail", args=[rak.pk])
    assert n.dibaca_pada is None


def test_approving_tells_the_signatory(rak, jalankan):
    rak = ajukan(rak)
    with jalankan():
        setujui(rak)

    # A RAK is signed by the Sekretaris: their account, not the Ketua who approved.
    penanda = akun_penandatangan(rak).username
    assert _diterima() == {penanda: [f"{rak} menunggu tanda tangan Anda"]}
    assert penanda == _akun(rak, Peran.SEKRETARIS)


def test_returning_tells_the_satkers_staff_with_the_note(rak, jalankan):
    rak = ajukan(rak)
    reviewer = akun_satker(rak.satker.induk, Peran.REVIEWER_PROVINSI)
    with jalankan():
        kembalikan(rak, oleh=reviewer, catatan="Target TW II belum diisi.")

    diterima = _diterima(JenisNotifikasi.DIKEMBALIKAN)
    staf = {_akun(rak, p) for p in (Peran.OPERATOR, Peran.SEKRETARIS, Peran.KETUA)}
    assert set(diterima) == staf
    teks = Notifikasi.objects.filter(jenis=JenisNotifikasi.DIKEMBALIKAN).first().teks
    assert "Target TW II belum diisi." in teks
    assert reviewer.username in teks


def test_publishing_tells_staff_and_the_provinsis_reviewers(rak, pki_aktif, jalankan):
    rak = ke_status(rak, StatusDokumen.DISETUJUI)
    penanda = akun_penandatangan(rak)
    with jalankan():
        tandatangani(rak, oleh=penanda)

    diterima = _diterima(JenisNotifikasi.TERBIT)
    harapan = {_akun(rak, p) for p in (Peran.OPERATOR, Peran.KETUA)}
    harapan.add(akun_satker(rak.satker.induk, Peran.REVIEWER_PROVINSI).username)
    # Not the signatory who published it, nor the neighbour's staff, nor another provinsi.
    assert set(diterima) == harapan
    assert diterima[_akun(rak, Peran.OPERATOR)] == [f"{rak} diterbitkan"]


def test_each_party_of_a_pk_is_told_when_its_turn_comes(pki_aktif, jalankan):
    pk = ke_status(PkFactory(), StatusDokumen.DISETUJUI)
    with jalankan():
        pk = tandatangani(pk)  # the first party, the Sekretaris

    assert pk.status == StatusDokumen.DISETUJUI
    ketua = akun_satker(pk.satker, Peran.KETUA)
    assert _diterima(JenisNotifikasi.MENUNGGU_TANDA_TANGAN) == {
        ketua.username: [f"{pk} menunggu tanda tangan Anda"]
    }


def test_review_note_tells_the_writers_and_its_answer_tells_the_reviewer(rak, jalankan):
    reviewer = akun_satker(rak.satker.induk, Peran.REVIEWER_PROVINSI)
    operator = akun_satker(rak.satker, Peran.OPERATOR)
    with jalankan():
        catatan = catatan_tambah(dokumen=rak, user=reviewer, isi="Anggaran baris 2 terlalu besar.")
    writers = {_akun(rak, Peran.OPERATOR), _akun(rak, Peran.SEKRETARIS)}
    assert set(_diterima(JenisNotifikasi.CATATAN_REVIU)) == writers

    with jalankan():
        catatan_jawab(catatan=catatan, user=operator, jawaban="Sudah dikoreksi.", selesai=False)
    jawaban = Notifikasi.objects.get(jenis=JenisNotifikasi.JAWABAN_REVIU)
    assert jawaban.penerima == reviewer
    assert "Sudah dikoreksi." in jawaban.teks
    assert jawaban.tautan.endswith("#catatan-reviu")


def test_marking_a_note_resolved_without_an_answer_tells_nobody(rak, jalankan):
    reviewer = akun_satker(rak.satker.induk, Peran.REVIEWER_PROVINSI)
    catatan = catatan_tambah(dokumen=rak, user=reviewer, isi="Periksa lagi.")
    with jalankan():
        catatan_jawab(
            catatan=catatan, user=akun_satker(rak.satker, Peran.OPERATOR), jawaban="", selesai=True
        )
    assert not Notifikasi.objects.filter(jenis=JenisNotifikasi.JAWABAN_REVIU).exists()


def test_a_reviewer_moved_elsewhere_is_not_told_of_the_answer(rak, jalankan):
    reviewer = akun_satker(rak.satker.induk, Peran.REVIEWER_PROVINSI)
    catatan = catatan_tambah(dokumen=rak, user=reviewer, isi="Periksa lagi.")
    reviewer.profil.satker = ReviewerFactory().profil.satker  # now another provinsi's
    reviewer.profil.save()
    with jalankan():
        catatan_jawab(
            catatan=catatan,
            user=akun_satker(rak.satker, Peran.OPERATOR),
            jawaban="Ya.",
            selesai=False,
        )
    assert not Notifikasi.objects.filter(jenis=JenisNotifikasi.JAWABAN_REVIU).exists()


def test_admin_ri_submitting_is_not_told_but_the_ketua_is(rak, jalankan):
    admin = AdminRiFactory()
    with jalankan():
        dokumen_transisi(dokumen=rak, user=admin, aksi=AksiDokumen.AJUKAN)
    assert set(_diterima()) == {_akun(rak, Peran.KETUA)}


def _ajukan_lalu_gagal(rak) -> None:
    with transaction.atomic():
        ajukan(rak)
        raise RuntimeError("gagal setelah langkah")


def test_a_rolled_back_step_notifies_nobody(rak, jalankan):
    with jalankan() as dijalankan, pytest.raises(RuntimeError):
        _ajukan_lalu_gagal(rak)
    rak.refresh_from_db()
    assert rak.status == StatusDokumen.DRAF
    assert dijalankan == []
    assert not Notifikasi.objects.exists()


def test_an_inactive_account_is_not_told(rak, jalankan):
    ketua = akun_satker(rak.satker, Peran.KETUA)
    ketua.is_active = False
    ketua.save()
    with jalankan():
        ajukan(rak)
    assert not Notifikasi.objects.exists()
