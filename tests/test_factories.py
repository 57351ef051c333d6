"""The factories of tests/factories.py build valid objects that the application accepts."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dokumen.baris import data_baris
from dokumen.jenis import kode_jenis
from dokumen.models import AksiDokumen, Dokumen, StatusDokumen
from dokumen.tte import periksa_tanda_tangan
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak, IndikatorRkt
from satker.akses import boleh_menulis, satker_terlihat
from satker.models import Jabatan, JenisTupoksi, Pejabat, Peran, Satker, Tingkat
from tests.dokumen.conftest import pki_aktif, pki_dir  # noqa: F401
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
    PkFactory,
    ProvinsiFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
    SatkerRiFactory,
    SekretarisFactory,
    SekretarisPenggunaFactory,
    TupoksiFactory,
    ajukan,
    akun_penandatangan,
    akun_satker,
    baris_iku,
    isi_tupoksi,
    ke_status,
    kembalikan,
    sasaran_rak,
    sasaran_rkt,
    tanpa_kunci,
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
        pabrik = (IkuFactory, RktFactory, RakFactory, PkFactory)
        jenis = {f._meta.declarations["jenis"] for f in pabrik}
        assert jenis == set(kode_jenis())

    def test_it_records_the_audit_history_when_told_who(self):
        operator = OperatorFactory()
        dokumen = DokumenFactory(satker=operator.profil.satker, oleh=operator)
        assert dokumen.jejak.count() == 2  # created, saved

    def test_build_writes_nothing(self):
        jumlah = Dokumen.objects.count()
        dokumen = RakFactory.build(satker=KabKotaFactory())
        assert dokumen.pk is None
        assert Dokumen.objects.count() == jumlah


class TestTupoksi:
    def test_it_fills_each_kind_in_order(self):
        satker = KabKotaFactory()
        daftar = isi_tupoksi(satker, tugas=1, fungsi=4, wewenang=0, kewajiban=2)
        for jenis in JenisTupoksi:
            teks = satker.tupoksi.filter(jenis=jenis).order_by("urutan")
            assert list(teks.values_list("teks", flat=True)) == daftar[jenis.value]
        assert [len(daftar[j]) for j in ("TUGAS", "FUNGSI", "WEWENANG", "KEWAJIBAN")] == [
            1,
            4,
            0,
            2,
        ]
        assert daftar["FUNGSI"][0] == f"Fungsi uji 1 {satker.nama}."

    def test_one_item_is_valid(self):
        butir = TupoksiFactory(jenis=JenisTupoksi.FUNGSI)
        butir.full_clean()
        assert butir.satker.tupoksi.get() == butir


class TestAlur:
    """Documents in another status come through the real workflow, step by step."""

    def test_a_submitted_document_was_submitted_by_its_operator(self):
        operator = OperatorFactory()
        rak = RakFactory(satker=operator.profil.satker, status=StatusDokumen.DIAJUKAN)
        assert rak.status == StatusDokumen.DIAJUKAN
        langkah = rak.riwayat.get()
        assert (langkah.aksi, langkah.oleh) == (AksiDokumen.AJUKAN, operator)

    def test_an_approved_document_was_approved_by_its_ketua(self):
        rkt = RktFactory(status=StatusDokumen.DISETUJUI)
        langkah = list(rkt.riwayat.order_by("pk"))
        assert [r.aksi for r in langkah] == [AksiDokumen.AJUKAN, AksiDokumen.SETUJUI]
        assert langkah[0].oleh.profil.peran == Peran.OPERATOR
        assert langkah[1].oleh.profil.peran == Peran.KETUA
        assert {r.oleh.profil.satker for r in langkah} == {rkt.satker}

    def test_the_accounts_are_reused(self):
        satker = KabKotaFactory()
        ketua = KetuaPenggunaFactory(satker=satker)
        assert akun_satker(satker, Peran.KETUA) == ketua
        iku = IkuFactory(satker=satker)
        assert akun_penandatangan(iku) == ketua  # the IKU is the Ketua's to sign
        assert akun_penandatangan(RakFactory(satker=satker)).profil.peran == Peran.SEKRETARIS

    def test_a_returned_document_is_a_draft_again_with_the_note(self):
        iku = ajukan(IkuFactory())
        iku = kembalikan(iku, catatan="Lengkapi target")
        assert iku.status == StatusDokumen.DRAF
        assert iku.riwayat.order_by("pk").last().catatan == "Lengkapi target"

    def test_it_never_goes_back(self):
        with pytest.raises(ValueError, match="already past"):
            ke_status(RakFactory(status=StatusDokumen.DIAJUKAN), StatusDokumen.DRAF)

    @pytest.mark.usefixtures("pki_aktif")
    @pytest.mark.parametrize("factory_dokumen", [IkuFactory, RktFactory, RakFactory])
    def test_a_published_document_is_signed_by_its_signatory(
        self, settings, tmp_path, factory_dokumen
    ):
        settings.MEDIA_ROOT = tmp_path / "media"
        dokumen = factory_dokumen(status=StatusDokumen.TERBIT)
        assert dokumen.status == StatusDokumen.TERBIT
        assert [r.aksi for r in dokumen.riwayat.order_by("pk")] == [
            AksiDokumen.AJUKAN,
            AksiDokumen.SETUJUI,
            AksiDokumen.TERBITKAN,
        ]
        assert dokumen.riwayat.order_by("pk").last().oleh.profil.pejabat == dokumen.penandatangan
        assert dokumen.tanda_tangan.get().pejabat == dokumen.penandatangan
        with dokumen.berkas_pdf.open("rb") as berkas:
            periksa = periksa_tanda_tangan(berkas.read())
        assert periksa.valid
        assert periksa.nama_penandatangan == dokumen.penandatangan.nama
        assert data_baris(dokumen)

    def test_publishing_refuses_the_projects_own_pki(self, settings):
        settings.PKI_DIR = settings.BASE_DIR / "var" / "pki"
        settings.TTE_PKCS12_PATH = ""
        with pytest.raises(RuntimeError, match="pki_aktif"):
            RakFactory(status=StatusDokumen.TERBIT)


class TestTanpaKunci:
    def test_it_drops_the_row_identity_and_keeps_the_content(self):
        rak = RakFactory(baris=sasaran_rak(2, baris=2))
        baris = data_baris(rak)
        isi = tanpa_kunci(baris)
        assert isi == sasaran_rak(2, baris=2)  # exactly what the factory wrote
        assert baris != isi  # the stored rows do carry their keys
        assert "kunci" in baris[0]["baris"][0]
        assert baris[0]["baris"][0]["kegiatan"] == isi[0]["baris"][0]["kegiatan"]
