"""The audit history: every change to a document and its rows is kept (who, when, what changed)
and shown, read-only, in the admin."""

import pytest
from django.urls import reverse

from dokumen.alur import dokumen_buat_revisi, dokumen_transisi
from dokumen.baris import data_baris
from dokumen.jejak import TANPA_PERUBAHAN, potret, ringkasan_perubahan
from dokumen.models import AksiDokumen, Dokumen, JejakPerubahan, JenisPerubahan, StatusDokumen
from dokumen.services import (
    KOLOM_KEPALA,
    KonflikSuntingan,
    dokumen_buat,
    dokumen_salin,
    dokumen_simpan,
)
from satker.models import Peran
from tests.dokumen.conftest import pki_aktif, pki_dir  # noqa: F401
from tests.factories import (
    AdminRiFactory,
    IkuFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
    akun_satker,
    ke_status,
    sasaran_rak,
    tanpa_kunci,
)


def _kepala(dokumen: Dokumen, **perubahan) -> dict:
    return {kolom: getattr(dokumen, kolom) for kolom in KOLOM_KEPALA} | perubahan


def _satu_jejak(dokumen: Dokumen) -> JejakPerubahan:
    return JejakPerubahan.objects.get(dokumen=dokumen)


@pytest.fixture
def _media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def rak(db) -> Dokumen:
    """A RAK 2024 draft of a Kab/Kota: 3 sasaran of 2 rows each (no history yet)."""
    return RakFactory(tahun=2024, baris=sasaran_rak(3, baris=2))


@pytest.fixture
def operator(rak):
    return akun_satker(rak.satker, Peran.OPERATOR)


@pytest.mark.django_db
class TestSimpan:
    def test_it_records_who_and_what_changed_in_the_header_and_rows(self, operator):
        iku = IkuFactory(satker=operator.profil.satker, tempat_ttd="Tempat Lama")
        tempat_lama = iku.tempat_ttd
        sebelum = data_baris(iku)
        baris = data_baris(iku)
        baris[0]["indikator"] = "Indikator yang diubah"
        baris[1]["keterangan"] = "Keterangan baru"
        baris.append(tanpa_kunci(baris[0]) | {"nomor": "99", "indikator": "Baris tambahan"})

        dokumen_simpan(
            dokumen=iku,
            kepala=_kepala(iku, tempat_ttd="Rangkasbitung Baru"),
            baris=baris,
            suntingan=iku.suntingan,
            oleh=operator,
        )

        jejak = _satu_jejak(iku)
        assert (jejak.jenis, jejak.oleh) == (JenisPerubahan.SIMPAN, operator)
        assert jejak.waktu is not None
        assert jejak.ringkasan == (
            "Kepala: tempat penandatanganan 'Tempat Lama' → 'Rangkasbitung Baru'; "
            "baris: 2 diubah, 1 ditambah"
        )
        assert jejak.sebelum["baris"] == sebelum
        assert jejak.sebelum["kepala"]["tempat_ttd"] == tempat_lama
        assert jejak.sesudah["baris"] == data_baris(iku)
        assert jejak.sesudah["kepala"]["tempat_ttd"] == "Rangkasbitung Baru"

    def test_it_counts_sasaran_and_rows_of_a_rak_separately(self, operator, rak):
        baris = data_baris(rak)
        baris[0]["sasaran"] = "Sasaran yang diubah"
        del baris[-1]["baris"][-1]

        dokumen_simpan(
            dokumen=rak,
            kepala=_kepala(rak),
            baris=baris,
            suntingan=rak.suntingan,
            oleh=operator,
        )

        assert _satu_jejak(rak).ringkasan == "sasaran: 1 diubah; baris: 1 dihapus"

    def test_a_save_that_changes_nothing_says_so(self, operator):
        rkt = RktFactory(satker=operator.profil.satker)
        dokumen_simpan(
            dokumen=rkt,
            kepala=_kepala(rkt),
            baris=data_baris(rkt),
            suntingan=rkt.suntingan,
            oleh=operator,
        )

        assert _satu_jejak(rkt).ringkasan == TANPA_PERUBAHAN

    def test_a_refused_save_records_nothing(self, operator, rak):
        with pytest.raises(KonflikSuntingan):
            dokumen_simpan(
                dokumen=rak,
                kepala=_kepala(rak, tempat_ttd="X"),
                baris=[],
                suntingan=rak.suntingan + 1,
                oleh=operator,
            )

        assert not JejakPerubahan.objects.exists()

    def test_without_a_user_nothing_is_recorded(self, rak):
        dokumen_simpan(dokumen=rak, kepala=_kepala(rak), baris=[], suntingan=rak.suntingan)

        assert not JejakPerubahan.objects.exists()


@pytest.mark.django_db
class TestAlur:
    def test_each_workflow_step_is_recorded_with_its_note(self, rak, operator):
        ketua = akun_satker(rak.satker, Peran.KETUA)
        rak = dokumen_transisi(dokumen=rak, user=operator, aksi=AksiDokumen.AJUKAN)
        dokumen_transisi(
            dokumen=rak, user=ketua, aksi=AksiDokumen.KEMBALIKAN, catatan="Lengkapi target"
        )

        jejak = list(JejakPerubahan.objects.filter(dokumen=rak).order_by("pk"))
        assert [(j.jenis, j.oleh, j.ringkasan) for j in jejak] == [
            (
                JenisPerubahan.TRANSISI,
                operator,
                "Diajukan. Kepala: status 'Draf' → 'Diajukan'",
            ),
            (
                JenisPerubahan.TRANSISI,
                ketua,
                "Dikembalikan (catatan: Lengkapi target). Kepala: status 'Diajukan' → 'Draf'",
            ),
        ]

    @pytest.mark.usefixtures("pki_aktif", "_media_sementara")
    def test_publishing_and_a_new_version_are_recorded(self, operator):
        iku = IkuFactory(satker=operator.profil.satker)
        iku = ke_status(iku, StatusDokumen.TERBIT)
        terbit = JejakPerubahan.objects.filter(dokumen=iku).order_by("pk").last()
        assert terbit.ringkasan.startswith(
            "Ditandatangani dan diterbitkan. Kepala: status 'Disetujui' → 'Terbit', "
            "SHA-256 PDF kosong"
        )
        assert terbit.sesudah["kepala"]["sha256"] == iku.sha256

        baru = dokumen_buat_revisi(dokumen=iku, user=operator, alasan="Target berubah")

        jejak = _satu_jejak(baru)
        assert (jejak.jenis, jejak.oleh) == (JenisPerubahan.REVISI, operator)
        assert jejak.ringkasan.startswith(
            "Versi 2 dibuat dari versi 1. Kepala: versi '1' → '2', status 'Terbit' → 'Draf', "
            "tanggal penandatanganan '26 Januari 2024' → kosong, "
            "alasan revisi kosong → 'Target berubah'"
        )
        assert jejak.sesudah["baris"] == data_baris(baru) == jejak.sebelum["baris"]


@pytest.mark.django_db
class TestBuat:
    def test_creating_and_copying_are_recorded_when_the_user_is_known(self, rak, operator):
        satker = operator.profil.satker
        kosong = dokumen_buat(satker=satker, jenis="RKT", tahun=2031, oleh=operator)
        salinan = dokumen_salin(sumber=rak, tahun=2025, oleh=operator)

        assert _satu_jejak(kosong).ringkasan == "Isi awal: 0 sasaran, 0 baris."
        jejak = _satu_jejak(salinan)
        assert (jejak.jenis, jejak.oleh) == (JenisPerubahan.BUAT, operator)
        assert jejak.sebelum is None
        assert jejak.ringkasan == "Disalin dari RAK 2024. Isi awal: 3 sasaran, 6 baris."


def test_a_long_value_is_cut_at_a_words_end():
    sebelum = {"kepala": {"tempat_ttd": ""}, "baris": []}
    sesudah = {"kepala": {"tempat_ttd": "RAHMAT SETIAWAN TONIDAYA (Penandatangan, sertifikat 1f)"}}
    assert ringkasan_perubahan("IKU", sebelum, sesudah | {"baris": []}) == (
        "Kepala: tempat penandatanganan kosong → 'RAHMAT SETIAWAN TONIDAYA…'"
    )


def test_the_summary_cuts_long_values_and_names_empty_ones():
    sebelum = {"kepala": {"label_lampiran": "", "tempat_ttd": "x" * 100}, "baris": []}
    sesudah = {"kepala": {"label_lampiran": "LAMPIRAN 1", "tempat_ttd": "y"}, "baris": []}

    assert ringkasan_perubahan("IKU", sebelum, sesudah) == (
        f"Kepala: label lampiran kosong → 'LAMPIRAN 1', tempat penandatanganan '{'x' * 39}…' → 'y'"
    )


# -- the admin -------------------------------------------------------------------------------


@pytest.fixture
def jejak_rak(rak, operator) -> JejakPerubahan:
    dokumen_simpan(
        dokumen=rak,
        kepala=_kepala(rak, tempat_ttd="Tempat Jejak"),
        baris=data_baris(rak),
        suntingan=rak.suntingan,
        oleh=operator,
    )
    return _satu_jejak(rak)


@pytest.mark.django_db
def test_the_admin_lists_the_history_and_shows_it_on_the_document(client, operator, jejak_rak):
    client.force_login(AdminRiFactory())

    daftar = client.get(reverse("admin:dokumen_jejakperubahan_changelist"), {"q": "Jejak"})
    dokumen = client.get(reverse("admin:dokumen_dokumen_change", args=[jejak_rak.dokumen_id]))

    assert list(daftar.context["cl"].result_list) == [jejak_rak]
    assert "Tempat Jejak" in dokumen.content.decode()
    assert operator.username in dokumen.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reviewer", "terlihat"),
    [
        (lambda rak: ReviewerFactory(satker=rak.satker.induk), True),
        (lambda rak: ReviewerFactory(), False),  # of another provinsi
    ],
    ids=["reviewer-provinsinya", "reviewer-lain"],
)
def test_reviewers_see_the_history_of_their_provinsi_only(
    client, rak, jejak_rak, reviewer, terlihat
):
    client.force_login(reviewer(rak))

    daftar = client.get(reverse("admin:dokumen_jejakperubahan_changelist"))
    entri = client.get(reverse("admin:dokumen_jejakperubahan_change", args=[jejak_rak.pk]))

    assert (jejak_rak in daftar.context["cl"].result_list) == terlihat
    assert entri.status_code == (200 if terlihat else 302)  # the admin's "no such object"


@pytest.mark.django_db
def test_nobody_adds_changes_or_deletes_history_in_the_admin(client, jejak_rak):
    client.force_login(AdminRiFactory())
    ubah = reverse("admin:dokumen_jejakperubahan_change", args=[jejak_rak.pk])

    assert client.get(reverse("admin:dokumen_jejakperubahan_add")).status_code == 403
    assert client.post(ubah, {"ringkasan": "dipalsukan"}).status_code == 403
    hapus = reverse("admin:dokumen_jejakperubahan_delete", args=[jejak_rak.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    jejak_rak.refresh_from_db()
    assert jejak_rak.ringkasan.startswith("Kepala: tempat penandatanganan")
    assert potret(jejak_rak.dokumen)["kepala"]["tempat_ttd"] == "Tempat Jejak"
