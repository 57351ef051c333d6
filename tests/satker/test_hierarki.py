"""RI → Provinsi → Kabupaten/Kota, in validation and in the database; an account's official is
of its own satker (issue 10, findings 9 and 10)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from dokumen.alur import _penandatangan
from satker.akses import profil_pengguna
from satker.models import Jabatan, Pejabat, ProfilPengguna, Satker, Tingkat
from satker.services import satker_buat
from tests.conftest import dokumen_seed


def _satker(kode: str) -> Satker:
    return Satker.objects.get(kode=kode)


def _kab(induk: Satker, kode: str = "kab-uji", tingkat: str = Tingkat.KABKOTA):
    return satker_buat(
        kode=kode,
        nama="KPU Kabupaten Uji",
        nama_lengkap="Komisi Pemilihan Umum Kabupaten Uji",
        tingkat=tingkat,
        kota_ttd="Uji",
        induk=induk,
    )


@pytest.mark.django_db
class TestHierarki:
    def test_a_kabupaten_under_a_provinsi_is_accepted(self):
        banten = _satker("kab-lebak").induk
        assert _kab(banten).induk == banten

    @pytest.mark.parametrize(
        ("tingkat", "induk_dari"),
        [
            (Tingkat.KABKOTA, "kab-lebak"),  # Kabupaten/Kota under a Kabupaten/Kota
            (Tingkat.PROVINSI, "kab-lebak"),  # Provinsi under a Kabupaten/Kota
            (Tingkat.KABKOTA, "ri"),  # Kabupaten/Kota straight under KPU RI
        ],
    )
    def test_a_misplaced_satker_is_a_message_beside_induk(self, tingkat, induk_dari):
        lebak = _satker("kab-lebak")
        induk = lebak.induk.induk if induk_dari == "ri" else lebak

        with pytest.raises(ValidationError) as galat:
            _kab(induk, tingkat=tingkat)

        assert "induk" in galat.value.message_dict
        assert "harus" in galat.value.message_dict["induk"][0]
        assert not Satker.objects.filter(kode="kab-uji").exists()

    def test_the_database_refuses_a_kabupaten_under_a_kabupaten(self):
        lebak = _satker("kab-lebak")
        serang = _satker("kota-serang")

        with pytest.raises(IntegrityError), transaction.atomic():
            Satker.objects.filter(pk=serang.pk).update(induk=lebak)

    def test_the_database_refuses_a_provinsi_with_kabupaten_turned_kabupaten(self):
        banten = _satker("kab-lebak").induk

        with pytest.raises(IntegrityError), transaction.atomic():
            Satker.objects.filter(pk=banten.pk).update(tingkat=Tingkat.KABKOTA)

    def test_the_admin_shows_the_message_instead_of_saving(self, client, admin_ri):
        from tests.test_jejak_admin import _isian

        serang = _satker("kota-serang")
        client.force_login(admin_ri)
        url = reverse("admin:satker_satker_change", args=[serang.pk])
        data = _isian(client, url) | {"induk": str(_satker("kab-lebak").pk)}

        response = client.post(url, data)

        assert response.status_code == 200
        assert "Satker induk KPU Kabupaten/Kota harus KPU Provinsi" in response.content.decode()
        serang.refresh_from_db()
        assert serang.induk.tingkat == Tingkat.PROVINSI


@pytest.mark.django_db
class TestPejabatAkun:
    def test_an_account_cannot_be_linked_to_another_satkers_official(self):
        profil = ProfilPengguna.objects.get(user__username="operator.kota-serang")
        ketua_lebak = Pejabat.objects.get(satker__kode="kab-lebak", jabatan=Jabatan.KETUA)
        profil.pejabat = ketua_lebak

        with pytest.raises(ValidationError) as galat:
            profil.full_clean()

        assert galat.value.message_dict["pejabat"] == ["Pejabat harus pejabat satker pengguna ini."]

    def test_a_wrongly_linked_account_still_cannot_sign_for_another_satker(self):
        # Linked behind validation's back (e.g. an old row): signing checks the satker too.
        profil = ProfilPengguna.objects.get(user__username="sekretaris.kota-serang")
        rak = dokumen_seed("kab-lebak", "RAK")
        ProfilPengguna.objects.filter(pk=profil.pk).update(pejabat=rak.penandatangan)
        user = get_user_model().objects.get(pk=profil.user_id)
        assert profil_pengguna(user).pejabat_id == rak.penandatangan_id

        assert not _penandatangan(user, rak)
