"""What was signed stays signed: the signer of a published document cannot be rewritten by
editing the satker's officials, and every profile change is in the profile's audit history
(issue 10, finding 2)."""

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.contrib.auth import get_user_model
from django.urls import reverse

from dokumen.alur import dokumen_terbitkan_langsung
from dokumen.models import TandaTangan
from dokumen.tte import periksa_tanda_tangan
from satker.models import Jabatan, JejakProfil, Pejabat, Satker, StatusJabatan
from tests.satker.test_profil import _indeks, _isian

NAMA_SEKRETARIS = "RAHMAT SETIAWAN TONIDAYA"
NIP_SEKRETARIS = "198301282009021004"


@pytest.fixture(autouse=True)
def _tte(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _baca(dokumen) -> bytes:
    with dokumen.berkas_pdf.open("rb") as berkas:
        return berkas.read()


def _ganti_identitas(client, satker, **ubah):
    """Post the Lebak profile form with the Sekretaris's fields changed."""
    data = _isian(satker)
    i = _indeks(data, NIP_SEKRETARIS)
    data |= {f"pejabat-{i}-{kolom}": nilai for kolom, nilai in ubah.items()}
    return client.post(reverse("satker-profil", args=["kab-lebak"]), data)


@pytest.mark.django_db
class TestPenandatanganTerbit:
    def test_it_keeps_who_signed_in_a_record(self, rak_lebak, pki_aktif):
        terbit = dokumen_terbitkan_langsung(dokumen=rak_lebak)
        sekretaris = Pejabat.objects.get(nip=NIP_SEKRETARIS)
        sertifikat = x509.load_pem_x509_certificate(
            (pki_aktif / f"pejabat-{sekretaris.pk}.crt").read_bytes()
        )

        record = TandaTangan.objects.get(dokumen=terbit)
        assert (record.nama, record.nip, record.jabatan) == (
            NAMA_SEKRETARIS,
            NIP_SEKRETARIS,
            Jabatan.SEKRETARIS,
        )
        assert record.nama_sertifikat == NAMA_SEKRETARIS
        assert record.waktu == terbit.ditandatangani_pada
        assert record.pihak == "PENANDATANGAN"
        assert record.nomor_seri_sertifikat == format(sertifikat.serial_number, "x")
        assert record.sidik_jari_sertifikat == sertifikat.fingerprint(hashes.SHA256()).hex()
        assert f"Nama: {NAMA_SEKRETARIS}" in record.subjek_sertifikat
        # The audit history of the step names the signer as the record froze them.
        jejak = terbit.jejak.filter(ringkasan__startswith="Ditandatangani").get()
        assert f"tanda tangan kosong → '{NAMA_SEKRETARIS}" in jejak.ringkasan
        assert jejak.sesudah["kepala"]["tanda_tangan"] == (
            f"{NAMA_SEKRETARIS} (Penandatangan, sertifikat {record.nomor_seri_sertifikat})"
        )

    def test_the_profile_page_refuses_to_rename_a_signer_and_says_why(self, client, rak_lebak):
        terbit = dokumen_terbitkan_langsung(dokumen=rak_lebak)
        client.force_login(_user("operator.kab-lebak"))

        response = _ganti_identitas(
            client, terbit.satker, nama="ORANG LAIN", jabatan="KETUA", status="PLH"
        )

        assert response.status_code == 200  # the form again, with the message
        pesan = "tercantum sebagai penanda tangan pada PDF bertanda tangan (RAK 2024)"
        assert pesan in response.content.decode()
        assert "tambahkan pejabat baru" in response.content.decode()
        sekretaris = Pejabat.objects.get(nip=NIP_SEKRETARIS)
        assert (sekretaris.nama, sekretaris.jabatan) == (NAMA_SEKRETARIS, Jabatan.SEKRETARIS)

    def test_a_signer_may_still_get_an_end_of_term(self, client, rak_lebak):
        terbit = dokumen_terbitkan_langsung(dokumen=rak_lebak)
        client.force_login(_user("operator.kab-lebak"))

        response = _ganti_identitas(client, terbit.satker, selesai_menjabat="2025-12-31")

        assert response.status_code == 302
        assert str(Pejabat.objects.get(nip=NIP_SEKRETARIS).selesai_menjabat) == "2025-12-31"

    def test_verification_names_the_signer_as_signed_even_if_the_official_changes(
        self, client, rak_lebak
    ):
        terbit = dokumen_terbitkan_langsung(dokumen=rak_lebak)
        # Whatever path writes the official table (a shell, a migration, a future bug).
        Pejabat.objects.filter(nip=NIP_SEKRETARIS).update(
            nama="ORANG LAIN", jabatan=Jabatan.KETUA, status=StatusJabatan.PLH
        )

        halaman = client.get(reverse("verifikasi", args=[terbit.token_verifikasi]))
        api = client.get(f"/api/v1/verifikasi/{terbit.token_verifikasi}/").json()

        assert NAMA_SEKRETARIS in halaman.content.decode()
        assert "ORANG LAIN" not in halaman.content.decode()
        assert api["penandatangan"] == f"{NAMA_SEKRETARIS}, Sekretaris"
        assert api["tanda_tangan"][0]["nama"] == NAMA_SEKRETARIS
        assert api["tanda_tangan"][0]["nip"] == NIP_SEKRETARIS
        halaman_dokumen = client.get(reverse("dokumen:detail", args=[terbit.pk]))
        assert halaman_dokumen.status_code == 302  # login first: then the page below
        client.force_login(_user("operator.kab-lebak"))
        isi = client.get(reverse("dokumen:detail", args=[terbit.pk])).content.decode()
        assert NAMA_SEKRETARIS in isi
        assert "ORANG LAIN" not in isi


@pytest.mark.django_db
def test_the_stamp_names_the_official_as_printed_after_a_rename_before_signing(rak_lebak):
    # Renamed (a typo fixed) after the development certificate was made: the stamp follows.
    sekretaris = Pejabat.objects.get(nip=NIP_SEKRETARIS)
    sekretaris.nama = "RAHMAT SETIAWAN TONIDAYA, S.H."
    sekretaris.save()

    terbit = dokumen_terbitkan_langsung(dokumen=rak_lebak)

    periksa = periksa_tanda_tangan(_baca(terbit))
    assert periksa.valid
    assert periksa.nama_penandatangan == "RAHMAT SETIAWAN TONIDAYA, S.H."
    assert terbit.tanda_tangan.get().nama == periksa.nama_penandatangan


@pytest.mark.django_db
class TestJejakProfil:
    def test_every_profile_change_is_recorded_with_who_and_what(self, client):
        client.force_login(_user("operator.kab-lebak"))
        satker = Satker.objects.get(kode="kab-lebak")
        data = _isian(satker)
        i = _indeks(data, NIP_SEKRETARIS)
        data |= {f"pejabat-{i}-status": "PLT", "tugas": "Satu-satunya tugas"}

        client.post(reverse("satker-profil", args=["kab-lebak"]), data)

        jejak = JejakProfil.objects.get(satker=satker)
        assert jejak.oleh.username == "operator.kab-lebak"
        assert "Tugas diubah" in jejak.ringkasan
        assert f"'{NAMA_SEKRETARIS}' diubah (status)" in jejak.ringkasan
        assert jejak.sesudah["tupoksi"]["TUGAS"] == ["Satu-satunya tugas"]
        assert jejak.sebelum["tupoksi"]["TUGAS"] != ["Satu-satunya tugas"]

    def test_an_unchanged_save_records_nothing(self, client):
        client.force_login(_user("operator.kab-lebak"))
        satker = Satker.objects.get(kode="kab-lebak")
        client.post(reverse("satker-profil", args=["kab-lebak"]), _isian(satker))

        assert not JejakProfil.objects.exists()


@pytest.mark.django_db
def test_a_missing_signing_key_shows_a_plain_message_and_logs_the_detail(
    client, rak_lebak, settings, tmp_path, caplog
):
    settings.PKI_DIR = tmp_path / "pki-kosong"
    for username, aksi in [("operator.kab-lebak", "AJUKAN"), ("ketua.kab-lebak", "SETUJUI")]:
        client.force_login(_user(username))
        client.post(reverse("dokumen:aksi", args=[rak_lebak.pk, aksi]), {"konfirmasi": "1"})
    client.force_login(_user("sekretaris.kab-lebak"))

    # The signing page already says so, with a code to quote, and offers no signing.
    response = client.get(reverse("dokumen:tandatangani", args=[rak_lebak.pk]))

    kode = response["X-Request-ID"]
    isi = response.content.decode()
    assert "Kunci tanda tangan elektronik untuk RAHMAT SETIAWAN TONIDAYA belum tersedia." in isi
    assert f"kode kejadian {kode}" in isi
    assert str(tmp_path) not in isi
    assert "init_pki" not in isi
    assert any(str(tmp_path) in r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    rak_lebak.refresh_from_db()
    assert rak_lebak.status == "DISETUJUI"
