"""The home page's to-do lists per role (dokumen.tugas, dokumen.gambaran) after real workflow
steps: submit, return, approve, review notes."""

import pytest

from dokumen.gambaran import gambaran_status
from dokumen.kemajuan import BELUM_ADA
from dokumen.models import StatusDokumen
from dokumen.reviu import catatan_jawab, catatan_tambah
from dokumen.tugas import (
    dokumen_belum_ada,
    menunggu_persetujuan,
    menunggu_reviu,
    menunggu_tanda_tangan,
    tugas_penulis,
)
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


@pytest.fixture
def satker():
    return KabKotaFactory()


def akun(satker, peran):
    return akun_satker(satker, peran)


class TestTugasPenulis:
    def test_it_lists_a_returned_draft_with_the_note_and_who_returned_it(self, satker):
        iku = ajukan(IkuFactory(satker=satker))
        ketua = akun(satker, Peran.KETUA)
        kembalikan(iku, oleh=ketua, catatan="Sumber data baris 2 belum diisi.")
        draf_lain = RktFactory(satker=satker)

        tugas = tugas_penulis(satker)

        assert [d.pk for d in tugas.dikembalikan] == [iku.pk]
        langkah = tugas.dikembalikan[0].langkah
        assert (langkah.catatan, langkah.oleh) == ("Sumber data baris 2 belum diisi.", ketua)
        assert [d.pk for d in tugas.draf] == [draf_lain.pk]

    def test_a_draft_returned_then_resubmitted_is_no_longer_returned(self, satker):
        iku = kembalikan(ajukan(IkuFactory(satker=satker)))
        ajukan(iku)

        tugas = tugas_penulis(satker)

        assert tugas.dikembalikan == []
        assert tugas.draf == []
        assert [d.pk for d in tugas.diproses] == [iku.pk]

    def test_a_reviewer_can_return_an_approved_document(self, satker):
        rak = setujui(ajukan(RakFactory(satker=satker)))
        reviewer = akun(satker.induk, Peran.REVIEWER_PROVINSI)
        kembalikan(rak, oleh=reviewer, catatan="Anggaran baris 3 tidak sesuai DIPA.")

        [dikembalikan] = tugas_penulis(satker).dikembalikan

        assert dikembalikan.langkah.oleh == reviewer
        assert dikembalikan.langkah.oleh.profil.peran == Peran.REVIEWER_PROVINSI

    def test_it_lists_unanswered_review_notes_only(self, satker):
        rak = ajukan(RakFactory(satker=satker))
        reviewer = akun(satker.induk, Peran.REVIEWER_PROVINSI)
        dijawab = catatan_tambah(dokumen=rak, user=reviewer, isi="Cek triwulan")
        terbuka = catatan_tambah(dokumen=rak, user=reviewer, isi="Pelaksana kosong")
        catatan_jawab(
            catatan=dijawab, user=akun(satker, Peran.OPERATOR), jawaban="Sudah", selesai=False
        )

        assert [c.pk for c in tugas_penulis(satker).catatan_terbuka] == [terbuka.pk]

    def test_another_satkers_documents_are_not_listed(self, satker):
        lain = KabKotaFactory()
        kembalikan(ajukan(IkuFactory(satker=lain)))
        RktFactory(satker=lain)

        tugas = tugas_penulis(satker)

        assert (tugas.dikembalikan, tugas.draf, tugas.catatan_terbuka) == ([], [], [])


class TestKetuaDanPenandatangan:
    def test_the_ketua_sees_submitted_documents_until_approved(self, satker):
        iku = ajukan(IkuFactory(satker=satker))
        ketua = akun(satker, Peran.KETUA)

        assert [d.pk for d in menunggu_persetujuan(ketua, satker)] == [iku.pk]
        assert menunggu_tanda_tangan(ketua, satker) == []

        setujui(iku, oleh=ketua)

        assert menunggu_persetujuan(ketua, satker) == []
        assert [d.pk for d in menunggu_tanda_tangan(ketua, satker)] == [iku.pk]

    def test_a_resubmitted_document_counts_its_submissions(self, satker):
        iku = ajukan(kembalikan(ajukan(IkuFactory(satker=satker))))
        operator = akun(satker, Peran.OPERATOR)

        [menunggu] = menunggu_persetujuan(akun(satker, Peran.KETUA), satker)

        assert menunggu.pk == iku.pk
        assert menunggu.jumlah_pengajuan == 2
        assert menunggu.langkah.oleh == operator

    def test_an_operator_approves_nothing(self, satker):
        ajukan(IkuFactory(satker=satker))

        assert menunggu_persetujuan(akun(satker, Peran.OPERATOR), satker) == []

    def test_the_sekretaris_signs_the_rak_and_the_ketua_does_not(self, satker):
        rak = setujui(ajukan(RakFactory(satker=satker)))
        iku = setujui(ajukan(IkuFactory(satker=satker)))

        sekretaris = akun(satker, Peran.SEKRETARIS)
        ketua = akun(satker, Peran.KETUA)

        assert [d.pk for d in menunggu_tanda_tangan(sekretaris, satker)] == [rak.pk]
        assert [d.pk for d in menunggu_tanda_tangan(ketua, satker)] == [iku.pk]

    def test_a_document_returned_after_approval_waits_for_no_signature(self, satker):
        iku = setujui(ajukan(IkuFactory(satker=satker)))
        kembalikan(iku)

        assert menunggu_tanda_tangan(akun(satker, Peran.KETUA), satker) == []


class TestReviewer:
    def test_it_queues_submitted_documents_without_notes_or_with_open_ones(self, satker):
        reviewer = akun(satker.induk, Peran.REVIEWER_PROVINSI)
        operator = akun(satker, Peran.OPERATOR)
        tanpa_catatan = ajukan(IkuFactory(satker=satker))
        terbuka = setujui(ajukan(RktFactory(satker=satker)))
        catatan_tambah(dokumen=terbuka, user=reviewer, isi="Target sasaran 2?")
        selesai = ajukan(RakFactory(satker=satker))
        catatan = catatan_tambah(dokumen=selesai, user=reviewer, isi="Cek TW")
        catatan_jawab(catatan=catatan, user=operator, jawaban="Sudah", selesai=True)
        RakFactory(satker=satker, tahun=2025)  # a draft: not for review yet
        ajukan(IkuFactory(satker=KabKotaFactory()))  # another provinsi

        antrean = {d.pk: d for d in menunggu_reviu(reviewer)}

        assert set(antrean) == {tanpa_catatan.pk, terbuka.pk}
        assert (antrean[terbuka.pk].catatan_terbuka, antrean[terbuka.pk].ada_catatan) == (1, True)
        assert antrean[tanpa_catatan.pk].ada_catatan is False

    def test_an_answered_note_stays_in_the_queue_until_closed(self, satker):
        reviewer = akun(satker.induk, Peran.REVIEWER_PROVINSI)
        iku = ajukan(IkuFactory(satker=satker))
        catatan = catatan_tambah(dokumen=iku, user=reviewer, isi="Cek")
        catatan_jawab(
            catatan=catatan, user=akun(satker, Peran.OPERATOR), jawaban="Ok", selesai=False
        )

        [item] = menunggu_reviu(reviewer)

        assert (item.catatan_terbuka, item.catatan_dijawab) == (0, 1)

    def test_counts_per_type_and_status_of_the_provinsi(self, satker):
        reviewer = akun(satker.induk, Peran.REVIEWER_PROVINSI)
        kedua = KabKotaFactory(induk=satker.induk)
        ajukan(IkuFactory(satker=satker))
        IkuFactory(satker=kedua)
        RakFactory(satker=satker)
        IkuFactory(satker=KabKotaFactory(), status=StatusDokumen.DIAJUKAN)  # another provinsi

        gambaran = gambaran_status(reviewer, 2024)

        per_jenis = {j.judul: j.per_status for j in gambaran.per_jenis}
        assert gambaran.jumlah_satker == 2
        assert per_jenis["IKU"] == {StatusDokumen.DIAJUKAN: 1, StatusDokumen.DRAF: 1, BELUM_ADA: 0}
        assert per_jenis["RKT"] == {BELUM_ADA: 2}
        assert per_jenis["RAK"] == {StatusDokumen.DRAF: 1, BELUM_ADA: 1}
        assert per_jenis["PK"] == {BELUM_ADA: 2}
        assert gambaran.semua.total == 8  # 2 satker × 4 types


def test_admin_ri_sees_the_provinsi_with_most_unpublished_first(admin_ri):
    banyak = KabKotaFactory()
    for _ in range(3):
        KabKotaFactory(induk=banyak.induk)
    IkuFactory(satker=banyak, status=StatusDokumen.DISETUJUI)  # not published: still counts

    gambaran = gambaran_status(admin_ri, 2024, per_provinsi=True)

    pertama = gambaran.provinsi_tertinggal[0]
    assert (pertama.provinsi_nama, pertama.jumlah_satker, pertama.belum_terbit) == (
        banyak.induk.nama,
        4,
        16,  # 4 satker × 4 types, none published
    )
    assert len(gambaran.provinsi_tertinggal) == 5
    assert gambaran.per_jenis[0].per_status[StatusDokumen.DISETUJUI] == 1


def test_the_types_still_missing_in_the_planning_year(satker):
    iku_lalu = IkuFactory(satker=satker, tahun=2026)
    RktFactory(satker=satker, tahun=2027)

    belum = dokumen_belum_ada(satker, 2027)

    assert [(b.jenis, b.tahun_lalu) for b in belum] == [
        ("IKU", iku_lalu),
        ("RAK", None),
        ("PK", None),
    ]
