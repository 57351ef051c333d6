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
from rencana_aksi.baris import rak_ke_form
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from tests.factories import (
    DokumenFactory,
    KabKotaFactory,
    KetuaFactory,
    OperatorFactory,
    RakFactory,
    SekretarisFactory,
    ajukan,
    sasaran_rak,
    tanpa_kunci,
)


def _kepala(dokumen: Dokumen, **perubahan) -> dict:
    return {kolom: getattr(dokumen, kolom) for kolom in KOLOM_KEPALA} | perubahan


def _tersimpan(dokumen: Dokumen) -> tuple:
    """The stored header and rows of `dokumen`, read afresh."""
    dokumen = Dokumen.objects.get(pk=dokumen.pk)
    return ({k: getattr(dokumen, k) for k in (*KOLOM_KEPALA, "suntingan")}, data_baris(dokumen))


def _jumlah_semua() -> tuple[int, ...]:
    models = (Dokumen, BarisIku, SasaranRkt, IndikatorRkt, SasaranRak, BarisRak)
    return tuple(model.objects.count() for model in models)


@pytest.fixture
def rak(db) -> Dokumen:
    """A RAK 2024 draft: 3 sasaran of 2 rows each, saved once."""
    return RakFactory(tahun=2024, baris=sasaran_rak(3, baris=2), label_lampiran="LAMPIRAN 1")


@pytest.mark.django_db
class TestDokumenSimpan:
    def test_it_saves_the_header_and_rows_together_and_bumps_the_revision(self, rak):
        suntingan = rak.suntingan
        baris = data_baris(rak)
        baris[0]["baris"][0]["kegiatan"] = "Kegiatan yang diubah"
        del baris[-1]["baris"][-1]

        hasil = dokumen_simpan(
            dokumen=rak,
            kepala=_kepala(rak, tempat_ttd="Rangkasbitung Baru"),
            baris=baris,
            suntingan=suntingan,
        )

        assert hasil.suntingan == suntingan + 1
        kepala, tersimpan = _tersimpan(rak)
        assert (kepala["tempat_ttd"], kepala["suntingan"]) == ("Rangkasbitung Baru", suntingan + 1)
        assert tanpa_kunci(tersimpan) == tanpa_kunci(baris)
        assert tersimpan[0]["baris"][0]["kegiatan"] == "Kegiatan yang diubah"
        assert [len(s["baris"]) for s in tersimpan] == [2, 2, 1]

    def test_a_stale_revision_is_a_conflict_and_writes_nothing(self, rak):
        dibaca = rak.suntingan
        Dokumen.objects.filter(pk=rak.pk).update(suntingan=dibaca + 1)  # someone saved meanwhile
        sebelum = _tersimpan(rak)

        with pytest.raises(KonflikSuntingan):
            dokumen_simpan(
                dokumen=rak, kepala=_kepala(rak, tempat_ttd="X"), baris=[], suntingan=dibaca
            )

        assert _tersimpan(rak) == sebelum

    def test_a_document_that_is_no_longer_a_draft_is_refused_and_nothing_written(self, rak):
        rak = ajukan(rak)
        sebelum = _tersimpan(rak)

        with pytest.raises(DokumenTidakBisaDiubah):
            dokumen_simpan(
                dokumen=rak,
                kepala=_kepala(rak, tempat_ttd="X"),
                baris=[],
                suntingan=rak.suntingan,
            )

        assert _tersimpan(rak) == sebelum

    @pytest.mark.parametrize(
        ("jenis", "rusak"),
        [
            ("RAK", lambda baris: baris[0]["baris"][0].update(anggaran=-1)),
            ("IKU", lambda baris: baris[0].update(sasaran="", indikator="", keterangan="")),
        ],
        ids=["rak-negative-anggaran", "iku-empty-row"],
    )
    def test_an_invalid_row_rolls_back_the_header_too(self, jenis, rusak):
        dokumen = DokumenFactory(jenis=jenis)
        baris = data_baris(dokumen)
        rusak(baris)
        sebelum, jumlah = _tersimpan(dokumen), _jumlah_semua()

        with pytest.raises((IntegrityError, ValidationError)), transaction.atomic():
            dokumen_simpan(
                dokumen=dokumen,
                kepala=_kepala(dokumen, tempat_ttd="Tidak boleh tersimpan"),
                baris=baris,
                suntingan=dokumen.suntingan,
            )

        assert _tersimpan(dokumen) == sebelum
        assert _jumlah_semua() == jumlah


@pytest.mark.django_db
class TestDokumenSalin:
    @pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK"])
    def test_it_makes_a_draft_for_the_next_year_with_every_row(self, jenis):
        sumber = DokumenFactory(jenis=jenis, tahun=2024, label_lampiran="LAMPIRAN 2")
        assert sumber.tanggal_ttd is not None  # so that its not being copied means something
        sumber_sebelum = _tersimpan(sumber)

        baru = dokumen_salin(sumber=sumber, tahun=2025)

        baru.refresh_from_db()
        assert (baru.satker_id, baru.jenis, baru.tahun) == (sumber.satker_id, jenis, 2025)
        assert (baru.status, baru.versi, baru.suntingan) == ("DRAF", 1, 0)
        assert baru.tempat_ttd == sumber.tempat_ttd
        assert baru.penandatangan_id == sumber.penandatangan_id
        assert baru.label_lampiran == sumber.label_lampiran
        assert baru.tanggal_ttd is None
        assert tanpa_kunci(data_baris(baru)) == tanpa_kunci(data_baris(sumber))
        assert data_baris(baru)  # the source has rows, so the comparison means something
        assert _tersimpan(sumber) == sumber_sebelum

    def test_copying_onto_an_existing_year_is_refused_and_writes_nothing(self, rak):
        jumlah = _jumlah_semua()

        with pytest.raises(ValidationError), transaction.atomic():
            dokumen_salin(sumber=rak, tahun=2024)

        assert _jumlah_semua() == jumlah


@pytest.mark.django_db
class TestDokumenBuat:
    def test_it_makes_an_empty_draft(self):
        satker = KabKotaFactory()
        penandatangan = KetuaFactory(satker=satker)

        dokumen = dokumen_buat(satker=satker, jenis="RKT", tahun=2030, penandatangan=penandatangan)

        dokumen.refresh_from_db()
        assert (dokumen.jenis, dokumen.tahun, dokumen.status) == ("RKT", 2030, "DRAF")
        assert dokumen.penandatangan == penandatangan
        assert data_baris(dokumen) == []

    def test_it_refuses_a_signatory_of_another_satker_and_writes_nothing(self):
        satker = KabKotaFactory()
        pejabat_lain = SekretarisFactory(satker=KabKotaFactory(induk=satker.induk))
        jumlah = _jumlah_semua()

        with pytest.raises((ValueError, ValidationError), match="Penandatangan"):
            dokumen_buat(satker=satker, jenis="RKT", tahun=2030, penandatangan=pejabat_lain)

        assert _jumlah_semua() == jumlah


@pytest.mark.django_db
def test_the_rak_editor_sees_quarters_as_ticks_and_the_stored_rows_stay_as_they_were():
    bertingkat = data_baris(DokumenFactory(jenis="RAK", baris=sasaran_rak(2, baris=2)))
    asli = copy.deepcopy(bertingkat)

    form = rak_ke_form(bertingkat)

    ticks = [[tuple(b[f"tw{n}"] for n in range(1, 5)) for b in s["baris"]] for s in form]
    assert ticks == [[(True, True, False, False)] * 2] * 2
    assert "triwulan" not in form[0]["baris"][0]
    assert [s["kunci"] for s in form] == [s["kunci"] for s in bertingkat]
    assert bertingkat == asli  # pure: the input is not changed


@pytest.mark.django_db
def test_the_edit_page_of_a_non_draft_redirects_to_the_detail_with_a_message(client, rak):
    operator = OperatorFactory(satker=rak.satker)
    ajukan(rak, oleh=operator)
    client.force_login(operator)

    response = client.get(reverse("dokumen:ubah", args=[rak.pk]), follow=True)

    assert response.redirect_chain == [(reverse("dokumen:detail", args=[rak.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Hanya draf yang dapat diubah; dokumen ini ditampilkan saja."
    ]
