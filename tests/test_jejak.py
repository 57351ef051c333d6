"""The audit history: every change to a document and its rows is kept (who, when, what changed)
and shown, read-only, in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dokumen.alur import dokumen_buat_revisi, dokumen_terbitkan_langsung, dokumen_transisi
from dokumen.baris import data_baris
from dokumen.jejak import TANPA_PERUBAHAN, potret, ringkasan_perubahan
from dokumen.models import AksiDokumen, Dokumen, JejakPerubahan, JenisPerubahan
from dokumen.services import (
    KOLOM_KEPALA,
    KonflikSuntingan,
    dokumen_buat,
    dokumen_salin,
    dokumen_simpan,
)
from satker.models import Satker
from tests.conftest import dokumen_seed
from tests.dokumen.conftest import pki_aktif, pki_dir  # noqa: F401


def _kepala(dokumen: Dokumen, **perubahan) -> dict:
    return {kolom: getattr(dokumen, kolom) for kolom in KOLOM_KEPALA} | perubahan


def _satu_jejak(dokumen: Dokumen) -> JejakPerubahan:
    return JejakPerubahan.objects.get(dokumen=dokumen)


@pytest.fixture
def _media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
class TestSimpan:
    def test_it_records_who_and_what_changed_in_the_header_and_rows(self, operator_lebak):
        iku = dokumen_seed("kab-lebak", "IKU")
        tempat_lama = iku.tempat_ttd
        sebelum = data_baris(iku)
        baris = data_baris(iku)
        baris[0]["indikator"] = "Indikator yang diubah"
        baris[1]["keterangan"] = "Keterangan baru"
        baris.append(baris[0] | {"nomor": "99", "indikator": "Baris tambahan"})

        dokumen_simpan(
            dokumen=iku,
            kepala=_kepala(iku, tempat_ttd="Rangkasbitung Baru"),
            baris=baris,
            suntingan=iku.suntingan,
            oleh=operator_lebak,
        )

        jejak = _satu_jejak(iku)
        assert (jejak.jenis, jejak.oleh) == (JenisPerubahan.SIMPAN, operator_lebak)
        assert jejak.waktu is not None
        assert jejak.ringkasan == (
            f"Kepala: tempat_ttd '{tempat_lama}' → 'Rangkasbitung Baru'; "
            "baris: 2 diubah, 1 ditambah"
        )
        assert jejak.sebelum["baris"] == sebelum
        assert jejak.sebelum["kepala"]["tempat_ttd"] == tempat_lama
        assert jejak.sesudah["baris"] == data_baris(iku)
        assert jejak.sesudah["kepala"]["tempat_ttd"] == "Rangkasbitung Baru"

    def test_it_counts_sasaran_and_rows_of_a_rak_separately(self, operator_lebak, rak_lebak):
        baris = data_baris(rak_lebak)
        baris[0]["sasaran"] = "Sasaran yang diubah"
        del baris[-1]["baris"][-1]

        dokumen_simpan(
            dokumen=rak_lebak,
            kepala=_kepala(rak_lebak),
            baris=baris,
            suntingan=rak_lebak.suntingan,
            oleh=operator_lebak,
        )

        assert _satu_jejak(rak_lebak).ringkasan == "sasaran: 1 diubah; baris: 1 dihapus"

    def test_a_save_that_changes_nothing_says_so(self, operator_lebak, rkt_lebak):
        dokumen_simpan(
            dokumen=rkt_lebak,
            kepala=_kepala(rkt_lebak),
            baris=data_baris(rkt_lebak),
            suntingan=rkt_lebak.suntingan,
            oleh=operator_lebak,
        )

        assert _satu_jejak(rkt_lebak).ringkasan == TANPA_PERUBAHAN

    def test_a_refused_save_records_nothing(self, operator_lebak, rak_lebak):
        with pytest.raises(KonflikSuntingan):
            dokumen_simpan(
                dokumen=rak_lebak,
                kepala=_kepala(rak_lebak, tempat_ttd="X"),
                baris=[],
                suntingan=rak_lebak.suntingan + 1,
                oleh=operator_lebak,
            )

        assert not JejakPerubahan.objects.exists()

    def test_without_a_user_nothing_is_recorded(self, rak_lebak):
        dokumen_simpan(
            dokumen=rak_lebak, kepala=_kepala(rak_lebak), baris=[], suntingan=rak_lebak.suntingan
        )

        assert not JejakPerubahan.objects.exists()


@pytest.mark.django_db
class TestAlur:
    def test_each_workflow_step_is_recorded_with_its_note(self, operator_lebak, ketua_lebak):
        rak = dokumen_seed("kab-lebak", "RAK")
        rak = dokumen_transisi(dokumen=rak, user=operator_lebak, aksi=AksiDokumen.AJUKAN)
        dokumen_transisi(
            dokumen=rak, user=ketua_lebak, aksi=AksiDokumen.KEMBALIKAN, catatan="Lengkapi target"
        )

        jejak = list(JejakPerubahan.objects.filter(dokumen=rak).order_by("pk"))
        assert [(j.jenis, j.oleh, j.ringkasan) for j in jejak] == [
            (
                JenisPerubahan.TRANSISI,
                operator_lebak,
                "Diajukan. Kepala: status 'DRAF' → 'DIAJUKAN'",
            ),
            (
                JenisPerubahan.TRANSISI,
                ketua_lebak,
                "Dikembalikan (catatan: Lengkapi target). Kepala: status 'DIAJUKAN' → 'DRAF'",
            ),
        ]

    @pytest.mark.usefixtures("pki_aktif", "_media_sementara")
    def test_publishing_and_a_new_version_are_recorded(self, operator_lebak):
        iku = dokumen_terbitkan_langsung(dokumen=dokumen_seed("kab-lebak", "IKU"))
        terbit = JejakPerubahan.objects.filter(dokumen=iku).order_by("pk").last()
        assert terbit.ringkasan.startswith(
            "Ditandatangani dan diterbitkan. Kepala: status 'DISETUJUI' → 'TERBIT', sha256 kosong"
        )
        assert terbit.sesudah["kepala"]["sha256"] == iku.sha256

        baru = dokumen_buat_revisi(dokumen=iku, user=operator_lebak, alasan="Target berubah")

        jejak = _satu_jejak(baru)
        assert (jejak.jenis, jejak.oleh) == (JenisPerubahan.REVISI, operator_lebak)
        assert jejak.ringkasan.startswith(
            "Versi 2 dibuat dari versi 1. Kepala: versi '1' → '2', status 'TERBIT' → 'DRAF', "
            "alasan_revisi kosong → 'Target berubah'"
        )
        assert jejak.sesudah["baris"] == data_baris(baru) == jejak.sebelum["baris"]


@pytest.mark.django_db
class TestBuat:
    def test_creating_and_copying_are_recorded_when_the_user_is_known(self, operator_lebak):
        lebak = Satker.objects.get(kode="kab-lebak")
        kosong = dokumen_buat(satker=lebak, jenis="RKT", tahun=2031, oleh=operator_lebak)
        salinan = dokumen_salin(
            sumber=dokumen_seed("kab-lebak", "RAK"), tahun=2025, oleh=operator_lebak
        )

        assert _satu_jejak(kosong).ringkasan == "Isi awal: 0 sasaran, 0 baris."
        jejak = _satu_jejak(salinan)
        assert jejak.jenis == JenisPerubahan.BUAT
        assert jejak.sebelum is None
        jumlah = sum(len(s["baris"]) for s in data_baris(salinan))
        assert jejak.ringkasan == (
            f"Disalin dari RAK 2024. Isi awal: {len(data_baris(salinan))} sasaran, {jumlah} baris."
        )


def test_the_summary_cuts_long_values_and_names_empty_ones():
    sebelum = {"kepala": {"label_lampiran": "", "tempat_ttd": "x" * 100}, "baris": []}
    sesudah = {"kepala": {"label_lampiran": "LAMPIRAN 1", "tempat_ttd": "y"}, "baris": []}

    assert ringkasan_perubahan("IKU", sebelum, sesudah) == (
        f"Kepala: label_lampiran kosong → 'LAMPIRAN 1', tempat_ttd '{'x' * 39}…' → 'y'"
    )


# -- the admin -------------------------------------------------------------------------------


@pytest.fixture
def jejak_lebak(operator_lebak) -> JejakPerubahan:
    rak = dokumen_seed("kab-lebak", "RAK")
    dokumen_simpan(
        dokumen=rak,
        kepala=_kepala(rak, tempat_ttd="Tempat Jejak"),
        baris=data_baris(rak),
        suntingan=rak.suntingan,
        oleh=operator_lebak,
    )
    return _satu_jejak(rak)


@pytest.mark.django_db
def test_the_admin_lists_the_history_and_shows_it_on_the_document(client, admin_ri, jejak_lebak):
    client.force_login(admin_ri)

    daftar = client.get(reverse("admin:dokumen_jejakperubahan_changelist"), {"q": "Jejak"})
    dokumen = client.get(reverse("admin:dokumen_dokumen_change", args=[jejak_lebak.dokumen_id]))

    assert list(daftar.context["cl"].result_list) == [jejak_lebak]
    assert "Tempat Jejak" in dokumen.content.decode()
    assert "operator.kab-lebak" in dokumen.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "terlihat"), [("reviewer.banten", True), ("reviewer.kalimantan-timur", False)]
)
def test_reviewers_see_the_history_of_their_provinsi_only(client, jejak_lebak, username, terlihat):
    client.force_login(get_user_model().objects.get(username=username))

    daftar = client.get(reverse("admin:dokumen_jejakperubahan_changelist"))
    entri = client.get(reverse("admin:dokumen_jejakperubahan_change", args=[jejak_lebak.pk]))

    assert (jejak_lebak in daftar.context["cl"].result_list) == terlihat
    assert entri.status_code == (200 if terlihat else 302)  # the admin's "no such object"


@pytest.mark.django_db
def test_nobody_adds_changes_or_deletes_history_in_the_admin(client, admin_ri, jejak_lebak):
    client.force_login(admin_ri)
    ubah = reverse("admin:dokumen_jejakperubahan_change", args=[jejak_lebak.pk])

    assert client.get(reverse("admin:dokumen_jejakperubahan_add")).status_code == 403
    assert client.post(ubah, {"ringkasan": "dipalsukan"}).status_code == 403
    hapus = reverse("admin:dokumen_jejakperubahan_delete", args=[jejak_lebak.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    jejak_lebak.refresh_from_db()
    assert jejak_lebak.ringkasan.startswith("Kepala: tempat_ttd")
    assert potret(jejak_lebak.dokumen)["kepala"]["tempat_ttd"] == "Tempat Jejak"
