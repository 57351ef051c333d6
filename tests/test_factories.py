"""The factories of tests/factories.py build valid objects that the application accepts."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dokumen.models import Dokumen, JenisDokumen, StatusDokumen
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak, IndikatorRkt
from satker.akses import boleh_menulis, satker_terlihat
from satker.models import Jabatan, Pejabat, Peran, Satker, Tingkat
from tests.factories import (
    PASSWORD,
    AdminRiFactory,
    AnggotaFactory,
    DokumenFactory,
    IkuFactory,
    KabKotaFactory,
    KetuaFactory,
    KetuaPenggunaFactory,
    OperatorFactory,
    ProvinsiFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
    SatkerRiFactory,
    SekretarisFactory,
    SekretarisPenggunaFactory,
    baris_iku,
    sasaran_rak,
    sasaran_rkt,
)

pytestmark = pytest.mark.django_db


class TestSatker:
    def test_it_hangs_a_kabkota_under_a_new_provinsi_under_the_one_kpu_ri(self):
        jumlah_ri = Satker.objects.filter(tingkat=Tingkat.RI).count()
        kabkota = KabKotaFactory()
        kabkota.full_clean()
        assert kabkota.tingkat == Tingkat.KABKOTA
        assert kabkota.induk.tingkat == Tingkat.PROVINSI
        assert kabkota.induk.induk.tingkat == Tingkat.RI
        assert Satker.objects.filter(tingkat=Tingkat.RI).count() == max(jumlah_ri, 1)

    def test_it_reuses_the_kpu_ri(self):
        assert SatkerRiFactory() == SatkerRiFactory() == ProvinsiFactory().induk

    def test_it_puts_several_kabkota_under_one_provinsi(self):
        provinsi = ProvinsiFactory()
        a, b = KabKotaFactory.create_batch(2, induk=provinsi)
        assert a.kode != b.kode
        assert set(provinsi.anak.all()) == {a, b}

    def test_the_hierarchy_is_enforced(self):
        with pytest.raises(ValidationError):
            KabKotaFactory(induk=KabKotaFactory())


class TestPejabat:
    def test_a_sekretaris_has_an_18_digit_nip(self):
        pejabat = SekretarisFactory()
        pejabat.full_clean()
        assert len(pejabat.nip) == 18
        assert pejabat.nip.isdigit()

    @pytest.mark.parametrize("factory_pejabat", [KetuaFactory, AnggotaFactory])
    def test_a_commissioner_has_no_nip(self, factory_pejabat):
        pejabat = factory_pejabat()
        pejabat.full_clean()
        assert pejabat.nip == ""
        assert pejabat.sebutan_jabatan.startswith(pejabat.get_jabatan_display())


class TestPengguna:
    def test_an_operator_writes_its_own_satker_only(self):
        user = OperatorFactory()
        user.profil.full_clean()
        assert user.profil.peran == Peran.OPERATOR
        assert list(satker_terlihat(user)) == [user.profil.satker]
        assert boleh_menulis(user, user.profil.satker)
        assert not boleh_menulis(user, KabKotaFactory())

    def test_it_logs_in_with_the_factory_password(self, client):
        user = OperatorFactory()
        data = {"username": user.username, "password": PASSWORD}
        assert client.post(reverse("login"), data).status_code == 302

    def test_the_ketua_is_linked_to_the_satkers_ketua_official(self):
        satker = KabKotaFactory()
        ketua = KetuaFactory(satker=satker)
        user = KetuaPenggunaFactory(satker=satker)
        user.profil.full_clean()
        assert (user.profil.peran, user.profil.pejabat) == (Peran.KETUA, ketua)

    def test_the_ketua_official_is_created_when_missing(self):
        user = KetuaPenggunaFactory()
        assert user.profil.pejabat.jabatan == Jabatan.KETUA
        assert user.profil.pejabat.satker == user.profil.satker

    def test_the_sekretaris_is_linked_to_the_sekretaris_official(self):
        user = SekretarisPenggunaFactory()
        user.profil.full_clean()
        assert user.profil.pejabat.jabatan == Jabatan.SEKRETARIS
        assert len(user.profil.pejabat.nip) == 18

    def test_a_reviewer_sees_its_provinsi_and_its_kabkota(self):
        user = ReviewerFactory()
        provinsi = user.profil.satker
        kabkota = KabKotaFactory(induk=provinsi)
        KabKotaFactory()  # another provinsi's
        user.profil.full_clean()
        assert provinsi.tingkat == Tingkat.PROVINSI
        assert set(satker_terlihat(user)) == {provinsi, kabkota}
        assert user.is_staff
        assert user.groups.filter(name="Reviewer Provinsi").exists()

    def test_the_admin_ri_sees_everything(self):
        user = AdminRiFactory()
        user.profil.full_clean()
        assert user.profil.satker.tingkat == Tingkat.RI
        assert satker_terlihat(user).count() == Satker.objects.count()


class TestDokumen:
    @pytest.mark.parametrize("factory_dokumen", [IkuFactory, RktFactory, RakFactory])
    def test_it_builds_a_valid_draft_shown_to_its_operator_and_hidden_from_others(
        self, client, factory_dokumen
    ):
        dokumen = factory_dokumen()
        dokumen.full_clean()
        assert dokumen.status == StatusDokumen.DRAF
        assert dokumen.penandatangan.satker == dokumen.satker
        url = reverse("dokumen:detail", args=[dokumen.pk])

        client.force_login(OperatorFactory(satker=dokumen.satker))
        assert client.get(url).status_code == 200

        client.force_login(OperatorFactory())  # of another satker
        assert client.get(url).status_code == 404

    def test_an_iku_has_its_rows_with_parsed_targets(self):
        dokumen = IkuFactory(baris=baris_iku(4))
        baris = list(BarisIku.objects.filter(dokumen=dokumen))
        assert len(baris) == 4
        for row in baris:
            row.full_clean()
        assert (baris[0].target, baris[0].target_nilai, baris[0].target_satuan) == (
            "81%",
            Decimal("81"),
            "%",
        )

    def test_an_rkt_has_sasaran_with_indicators(self):
        dokumen = RktFactory(baris=sasaran_rkt(3, indikator=2))
        assert dokumen.sasaran_rkt.count() == 3
        indikator = IndikatorRkt.objects.filter(sasaran__dokumen=dokumen)
        assert indikator.count() == 6
        assert all(i.target_nilai == Decimal(i.target.rstrip("%")) for i in indikator)

    def test_a_rak_has_sasaran_with_rows(self):
        dokumen = RakFactory(baris=sasaran_rak(2, baris=3))
        rows = BarisRak.objects.filter(sasaran__dokumen=dokumen)
        assert rows.count() == 6
        for row in rows:
            row.full_clean()
        assert rows.first().triwulan == [True, True, False, False]
        assert rows.first().target_nilai == Decimal("100")

    def test_the_rak_is_signed_by_the_sekretaris_the_others_by_the_ketua(self):
        satker = KabKotaFactory()
        iku, rkt, rak = (
            IkuFactory(satker=satker),
            RktFactory(satker=satker),
            RakFactory(satker=satker),
        )
        assert iku.penandatangan == rkt.penandatangan
        assert iku.penandatangan.jabatan == Jabatan.KETUA
        assert rak.penandatangan.jabatan == Jabatan.SEKRETARIS
        assert Pejabat.objects.filter(satker=satker).count() == 2

    def test_every_type_has_a_factory(self):
        jenis = {f._meta.declarations["jenis"] for f in (IkuFactory, RktFactory, RakFactory)}
        assert jenis == set(JenisDokumen.values)

    def test_it_records_the_audit_history_when_told_who(self):
        operator = OperatorFactory()
        dokumen = DokumenFactory(satker=operator.profil.satker, oleh=operator)
        assert dokumen.jejak.count() == 2  # created, saved

    def test_build_writes_nothing(self):
        jumlah = Dokumen.objects.count()
        dokumen = RakFactory.build(satker=KabKotaFactory())
        assert dokumen.pk is None
        assert Dokumen.objects.count() == jumlah
