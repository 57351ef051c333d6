"""The document services: their effect, and that nothing is written when they refuse."""

import copy

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from dokumen.baris import data_baris
from dokumen.models import Dokumen
from dokumen.services import (
    KOLOM_KEPALA,
    DokumenTidakBisaDiubah,
    KonflikSuntingan,
    dokumen_buat,
    dokumen_salin,
    dokumen_simpan,
)
from indikator.models import BarisIku
from rencana_aksi.baris import kelompokkan, ratakan
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from satker.models import Satker
from tests.conftest import dokumen_seed


def _kepala(dokumen: Dokumen, **perubahan) -> dict:
    return {kolom: getattr(dokumen, kolom) for kolom in KOLOM_KEPALA} | perubahan


def _tersimpan(dokumen: Dokumen) -> tuple:
    """The stored header and rows of `dokumen`, read afresh."""
    dokumen = Dokumen.objects.get(pk=dokumen.pk)
    return ({k: getattr(dokumen, k) for k in (*KOLOM_KEPALA, "suntingan")}, data_baris(dokumen))


def _jumlah_semua() -> tuple[int, ...]:
    models = (Dokumen, BarisIku, SasaranRkt, IndikatorRkt, SasaranRak, BarisRak)
    return tuple(model.objects.count() for model in models)


@pytest.mark.django_db
class TestDokumenSimpan:
    def test_it_saves_the_header_and_rows_together_and_bumps_the_revision(self, rak_lebak):
        baris = data_baris(rak_lebak)
        baris[0]["baris"][0]["kegiatan"] = "Kegiatan yang diubah"
        del baris[-1]["baris"][-1]

        hasil = dokumen_simpan(
            dokumen=rak_lebak,
            kepala=_kepala(rak_lebak, tempat_ttd="Rangkasbitung Baru"),
            baris=baris,
            suntingan=0,
        )

        assert hasil.suntingan == 1
        kepala, tersimpan = _tersimpan(rak_lebak)
        assert (kepala["tempat_ttd"], kepala["suntingan"]) == ("Rangkasbitung Baru", 1)
        assert tersimpan == baris

    def test_a_stale_revision_is_a_conflict_and_writes_nothing(self, rak_lebak):
        Dokumen.objects.filter(pk=rak_lebak.pk).update(suntingan=1)  # someone saved meanwhile
        sebelum = _tersimpan(rak_lebak)

        with pytest.raises(KonflikSuntingan):
            dokumen_simpan(
                dokumen=rak_lebak, kepala=_kepala(rak_lebak, tempat_ttd="X"), baris=[], suntingan=0
            )

        assert _tersimpan(rak_lebak) == sebelum

    def test_a_document_that_is_no_longer_a_draft_is_refused_and_nothing_written(self, rak_lebak):
        Dokumen.objects.filter(pk=rak_lebak.pk).update(status="DIAJUKAN")
        sebelum = _tersimpan(rak_lebak)

        with pytest.raises(DokumenTidakBisaDiubah):
            dokumen_simpan(
                dokumen=rak_lebak, kepala=_kepala(rak_lebak, tempat_ttd="X"), baris=[], suntingan=0
            )

        assert _tersimpan(rak_lebak) == sebelum

    @pytest.mark.parametrize(
        ("jenis", "rusak"),
        [
            ("RAK", lambda baris: baris[0]["baris"][0].update(anggaran=-1)),
            ("IKU", lambda baris: baris[0].update(sasaran="", indikator="", keterangan="")),
        ],
        ids=["rak-negative-anggaran", "iku-empty-row"],
    )
    def test_an_invalid_row_rolls_back_the_header_too(self, jenis, rusak):
        dokumen = dokumen_seed("kab-lebak", jenis)
        baris = data_baris(dokumen)
        rusak(baris)
        sebelum, jumlah = _tersimpan(dokumen), _jumlah_semua()

        with pytest.raises((IntegrityError, ValidationError)), transaction.atomic():
            dokumen_simpan(
                dokumen=dokumen,
                kepala=_kepala(dokumen, tempat_ttd="Tidak boleh tersimpan"),
                baris=baris,
                suntingan=0,
            )

        assert _tersimpan(dokumen) == sebelum
        assert _jumlah_semua() == jumlah


@pytest.mark.django_db
class TestDokumenSalin:
    @pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK"])
    def test_it_makes_a_draft_for_the_next_year_with_every_row(self, jenis):
        sumber = dokumen_seed("kab-lebak", jenis)
        sumber_sebelum = _tersimpan(sumber)

        baru = dokumen_salin(sumber=sumber, tahun=2025)

        baru.refresh_from_db()
        assert (baru.satker_id, baru.jenis, baru.tahun) == (sumber.satker_id, jenis, 2025)
        assert (baru.status, baru.versi, baru.suntingan) == ("DRAF", 1, 0)
        assert baru.tempat_ttd == sumber.tempat_ttd
        assert baru.penandatangan_id == sumber.penandatangan_id
        assert baru.label_lampiran == sumber.label_lampiran
        assert baru.tanggal_ttd is None
        assert data_baris(baru) == data_baris(sumber)
        assert data_baris(baru)  # the seed has rows, so the comparison means something
        assert _tersimpan(sumber) == sumber_sebelum

    def test_copying_onto_an_existing_year_is_refused_and_writes_nothing(self, rak_lebak):
        jumlah = _jumlah_semua()

        with pytest.raises(ValidationError), transaction.atomic():
            dokumen_salin(sumber=rak_lebak, tahun=2024)

        assert _jumlah_semua() == jumlah


@pytest.mark.django_db
class TestDokumenBuat:
    def test_it_makes_an_empty_draft(self):
        lebak = Satker.objects.get(kode="kab-lebak")
        penandatangan = lebak.pejabat.first()

        dokumen = dokumen_buat(satker=lebak, jenis="RKT", tahun=2030, penandatangan=penandatangan)

        dokumen.refresh_from_db()
        assert (dokumen.jenis, dokumen.tahun, dokumen.status) == ("RKT", 2030, "DRAF")
        assert dokumen.penandatangan == penandatangan
        assert data_baris(dokumen) == []

    def test_it_refuses_a_signatory_of_another_satker_and_writes_nothing(self):
        lebak = Satker.objects.get(kode="kab-lebak")
        pejabat_serang = Satker.objects.get(kode="kota-serang").pejabat.first()
        assert pejabat_serang is not None
        jumlah = _jumlah_semua()

        with pytest.raises((ValueError, ValidationError), match="Penandatangan"):
            dokumen_buat(satker=lebak, jenis="RKT", tahun=2030, penandatangan=pejabat_serang)

        assert _jumlah_semua() == jumlah


@pytest.mark.django_db
class TestRatakanKelompokkan:
    @pytest.mark.parametrize(("jenis", "anak"), [("RAK", "baris"), ("RKT", "indikator")])
    def test_the_lebak_rows_survive_a_round_trip(self, jenis, anak):
        bertingkat = data_baris(dokumen_seed("kab-lebak", jenis))
        asli = copy.deepcopy(bertingkat)

        datar = ratakan(bertingkat, anak)

        assert len(datar) == sum(len(s[anak]) for s in bertingkat)
        assert [b["sasaran"] != "" for b in datar].count(True) == len(bertingkat)
        assert kelompokkan(datar, anak) == bertingkat
        assert bertingkat == asli  # pure: the input is not changed

    def test_only_the_first_row_of_a_sasaran_carries_it(self):
        bertingkat = [
            {"nomor": "1", "sasaran": "S1", "baris": [{"kegiatan": "a"}, {"kegiatan": "b"}]},
            {"nomor": "2", "sasaran": "S2", "baris": [{"kegiatan": "c"}]},
        ]

        assert ratakan(bertingkat, "baris") == [
            {"nomor": "1", "sasaran": "S1", "kegiatan": "a"},
            {"nomor": "", "sasaran": "", "kegiatan": "b"},
            {"nomor": "2", "sasaran": "S2", "kegiatan": "c"},
        ]


@pytest.mark.django_db
def test_the_edit_page_of_a_non_draft_redirects_to_the_detail_with_a_message(
    client, operator_lebak, rak_lebak
):
    Dokumen.objects.filter(pk=rak_lebak.pk).update(status="DIAJUKAN")
    client.force_login(operator_lebak)

    response = client.get(reverse("dokumen:ubah", args=[rak_lebak.pk]), follow=True)

    assert response.redirect_chain == [(reverse("dokumen:detail", args=[rak_lebak.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Hanya draf yang dapat diubah; dokumen ini ditampilkan saja."
    ]
