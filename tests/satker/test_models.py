import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from satker.models import Jabatan, Pejabat, Satker, Tingkat, Tupoksi


def _kabkota(**kwargs) -> Satker:
    data = {
        "kode": "kab-contoh",
        "nama": "KPU Kabupaten Contoh",
        "nama_lengkap": "Komisi Pemilihan Umum Kabupaten Contoh",
        "tingkat": Tingkat.KABKOTA,
        "induk": Satker.objects.get(kode="prov-banten"),
        "kota_ttd": "Contoh",
    }
    data.update(kwargs)
    return Satker(**data)


def _db_refuses(obj) -> None:
    # PostgreSQL reports an over-long value as DataError before any check constraint.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        obj.save()


@pytest.mark.django_db
class TestSatker:
    def test_it_requires_a_parent_below_kpu_ri(self):
        satker = _kabkota(induk=None)
        with pytest.raises(ValidationError, match="Hanya KPU RI"):
            satker.full_clean()
        _db_refuses(satker)

    def test_it_refuses_a_parent_for_kpu_ri(self):
        ri = Satker(kode="ri-2", nama="x", nama_lengkap="x", tingkat=Tingkat.RI, kota_ttd="x")
        ri.induk = Satker.objects.get(kode="ri")
        _db_refuses(ri)

    def test_it_keeps_kode_unique(self):
        _db_refuses(_kabkota(kode="kab-lebak"))

    def test_it_keeps_tupoksi_order_unique(self):
        lebak = Satker.objects.get(kode="kab-lebak")
        _db_refuses(Tupoksi(satker=lebak, jenis="FUNGSI", urutan=1, teks="lagi"))

    def test_it_refuses_an_empty_tupoksi(self):
        lebak = Satker.objects.get(kode="kab-lebak")
        _db_refuses(Tupoksi(satker=lebak, jenis="WEWENANG", urutan=1, teks=""))


@pytest.mark.django_db
class TestPejabat:
    def _pejabat(self, **kwargs) -> Pejabat:
        data = {
            "satker": Satker.objects.get(kode="kab-lebak"),
            "nama": "Contoh",
            "jabatan": Jabatan.KASUBBAG,
            "sebutan_jabatan": "Kepala Subbagian",
        }
        data.update(kwargs)
        return Pejabat(**data)

    @pytest.mark.parametrize("nip", ["12345", "19830128200902100X", "1983012820090210041"])
    def test_it_refuses_a_nip_that_is_not_18_digits(self, nip):
        pejabat = self._pejabat(nip=nip)
        with pytest.raises(ValidationError, match="18 digit"):
            pejabat.full_clean()
        _db_refuses(pejabat)

    def test_it_accepts_no_nip_for_commissioners(self):
        pejabat = self._pejabat(nip="", jabatan=Jabatan.ANGGOTA)
        pejabat.full_clean()
        pejabat.save()
        assert Pejabat.objects.filter(pk=pejabat.pk, nip="").exists()

    def test_it_refuses_a_term_that_ends_before_it_starts(self):
        import datetime

        pejabat = self._pejabat(
            mulai_menjabat=datetime.date(2024, 1, 1), selesai_menjabat=datetime.date(2023, 1, 1)
        )
        with pytest.raises(ValidationError, match="Akhir masa jabatan"):
            pejabat.full_clean()
        _db_refuses(pejabat)

    def test_it_prefixes_acting_officials(self):
        assert self._pejabat(status="PLT").awalan_status == "Plt. "
        assert self._pejabat(status="PLH").awalan_status == "Plh. "
        assert self._pejabat(status="DEFINITIF").awalan_status == ""
