import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dokumen.models import Dokumen
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt
from tests.factories import IkuFactory, RakFactory, RktFactory


def _db_refuses(obj) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


@pytest.fixture
def rak(db) -> Dokumen:
    """A RAK 2024 draft of a Kab/Kota, with rows."""
    return RakFactory(tahun=2024)


@pytest.mark.django_db
class TestDokumen:
    @pytest.fixture(autouse=True)
    def _ada(self, rak):
        self.rak = rak

    def _dokumen(self, **kwargs) -> Dokumen:
        data = {"satker": self.rak.satker, "jenis": "RAK", "tahun": 2024}
        data.update(kwargs)
        return Dokumen(**data)

    def test_it_allows_one_document_per_satker_type_year_and_version(self):
        duplikat = self._dokumen()
        with pytest.raises(ValidationError, match="sudah ada"):
            duplikat.full_clean()
        _db_refuses(duplikat)

    def test_it_allows_a_new_version_of_the_same_document(self):
        self._dokumen(versi=2).save()
        assert Dokumen.objects.filter(satker=self.rak.satker, jenis="RAK").count() == 2

    @pytest.mark.parametrize("tahun", [1999, 2101])
    def test_it_refuses_an_unlikely_year(self, tahun):
        _db_refuses(self._dokumen(tahun=tahun))

    def test_it_refuses_version_zero(self):
        _db_refuses(self._dokumen(tahun=2025, versi=0))


@pytest.mark.django_db
class TestBaris:
    def test_an_iku_row_needs_some_content(self):
        baris = BarisIku(dokumen=IkuFactory(), urutan=99, nomor="99")
        with pytest.raises(ValidationError, match="Isi sasaran, indikator, atau keterangan"):
            baris.full_clean()
        _db_refuses(baris)

    def test_an_iku_row_order_is_unique_per_document(self):
        iku = IkuFactory()
        dipakai = iku.baris_iku.order_by("urutan").first().urutan
        _db_refuses(BarisIku(dokumen=iku, urutan=dipakai, indikator="x"))

    def test_an_rkt_indicator_needs_text(self):
        sasaran = RktFactory().sasaran_rkt.first()
        _db_refuses(IndikatorRkt(sasaran=sasaran, urutan=99, indikator=""))

    def test_an_rkt_sasaran_needs_text(self):
        _db_refuses(SasaranRkt(dokumen=RktFactory(), urutan=99, sasaran=""))

    def test_a_rak_sasaran_needs_text(self, rak):
        _db_refuses(SasaranRak(dokumen=rak, urutan=99, sasaran=""))

    @pytest.mark.parametrize("anggaran", [-1, 10**15])
    def test_a_rak_budget_is_non_negative_and_bounded(self, rak, anggaran):
        sasaran = rak.sasaran_rak.first()
        baris = BarisRak(sasaran=sasaran, urutan=99, kegiatan="Kegiatan", anggaran=anggaran)
        with pytest.raises(ValidationError, match="Anggaran tidak boleh negatif"):
            baris.full_clean()
        _db_refuses(baris)

    def test_a_rak_row_needs_a_kegiatan(self, rak):
        sasaran = rak.sasaran_rak.first()
        baris = BarisRak(sasaran=sasaran, urutan=99, kegiatan="", tw2=True)
        with pytest.raises(ValidationError):
            baris.full_clean()
        _db_refuses(baris)

    def test_deleting_a_document_deletes_its_rows(self, rak):
        lain = RakFactory(satker=rak.satker, tahun=2025)
        pk = rak.pk
        assert BarisRak.objects.filter(sasaran__dokumen_id=pk).exists()

        rak.delete()

        assert not BarisRak.objects.filter(sasaran__dokumen_id=pk).exists()
        assert not SasaranRak.objects.filter(dokumen_id=pk).exists()
        assert BarisRak.objects.filter(sasaran__dokumen=lain).exists()  # only its own rows
