import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dokumen.models import Dokumen
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from satker.models import Satker
from tests.conftest import dokumen_seed


def _db_refuses(obj) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


@pytest.mark.django_db
class TestDokumen:
    def _dokumen(self, **kwargs) -> Dokumen:
        data = {"satker": Satker.objects.get(kode="kab-lebak"), "jenis": "RAK", "tahun": 2024}
        data.update(kwargs)
        return Dokumen(**data)

    def test_it_allows_one_document_per_satker_type_year_and_version(self):
        duplikat = self._dokumen()
        with pytest.raises(ValidationError, match="sudah ada"):
            duplikat.full_clean()
        _db_refuses(duplikat)

    def test_it_allows_a_new_version_of_the_same_document(self):
        self._dokumen(versi=2).save()
        assert Dokumen.objects.filter(satker__kode="kab-lebak", jenis="RAK").count() == 2

    @pytest.mark.parametrize("tahun", [1999, 2101])
    def test_it_refuses_an_unlikely_year(self, tahun):
        _db_refuses(self._dokumen(tahun=tahun))

    def test_it_refuses_version_zero(self):
        _db_refuses(self._dokumen(tahun=2025, versi=0))


@pytest.mark.django_db
class TestBaris:
    def test_an_iku_row_needs_some_content(self, iku_serang):
        baris = BarisIku(dokumen=iku_serang, urutan=99, nomor="99")
        with pytest.raises(ValidationError, match="Isi sasaran, indikator, atau keterangan"):
            baris.full_clean()
        _db_refuses(baris)

    def test_an_iku_row_order_is_unique_per_document(self, iku_serang):
        _db_refuses(BarisIku(dokumen=iku_serang, urutan=1, indikator="x"))

    def test_an_rkt_indicator_needs_text(self, rkt_lebak):
        sasaran = rkt_lebak.sasaran_rkt.first()
        _db_refuses(IndikatorRkt(sasaran=sasaran, urutan=99, indikator=""))

    def test_an_rkt_sasaran_needs_text(self, rkt_lebak):
        _db_refuses(SasaranRkt(dokumen=rkt_lebak, urutan=99, sasaran=""))

    def test_a_rak_sasaran_needs_text(self, rak_lebak):
        _db_refuses(SasaranRak(dokumen=rak_lebak, urutan=99, sasaran=""))

    @pytest.mark.parametrize("anggaran", [-1, 10**15])
    def test_a_rak_budget_is_non_negative_and_bounded(self, rak_lebak, anggaran):
        sasaran = rak_lebak.sasaran_rak.first()
        baris = BarisRak(sasaran=sasaran, urutan=99, kegiatan="Kegiatan", anggaran=anggaran)
        with pytest.raises(ValidationError, match="Anggaran tidak boleh negatif"):
            baris.full_clean()
        _db_refuses(baris)

    def test_a_rak_row_needs_a_kegiatan(self, rak_lebak):
        sasaran = rak_lebak.sasaran_rak.first()
        baris = BarisRak(sasaran=sasaran, urutan=99, kegiatan="", tw2=True)
        with pytest.raises(ValidationError):
            baris.full_clean()
        _db_refuses(baris)

    def test_deleting_a_document_deletes_its_rows(self):
        dokumen = dokumen_seed("kab-lebak", "RAK")
        dokumen.delete()
        assert not BarisRak.objects.filter(sasaran__dokumen__satker__kode="kab-lebak").exists()
