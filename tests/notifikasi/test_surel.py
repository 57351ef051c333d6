"""Email of notifications: sent by the background queue's thread (no broker configured) to a
real SMTP server; switched off per user and kind; a failing server never fails the step."""

import logging

import pytest

from notifikasi.models import JenisNotifikasi, Notifikasi, Saluran
from notifikasi.services import pengaturan_simpan
from satker.models import Peran
from tests.factories import RakFactory, ajukan, akun_satker
from tests.notifikasi.conftest import tunggu_surel

pytestmark = pytest.mark.django_db

SEMUA = {(j, s) for j in JenisNotifikasi.values for s in Saluran.values}


@pytest.fixture
def rak(db):
    dokumen = RakFactory()
    ketua = akun_satker(dokumen.satker, Peran.KETUA)
    ketua.email, ketua.first_name, ketua.last_name = "ketua@kpu-lebak.go.id", "Ahmad", "Sahroni"
    ketua.save()
    akun_satker(dokumen.satker, Peran.OPERATOR)
    return dokumen


def test_the_ketua_receives_the_email_of_a_submitted_document(rak, smtp, jalankan, settings):
    settings.CELERY_BROKER_URL = ""
    with jalankan():
        ajukan(rak)

    [pesan] = smtp.tunggu(1)
    assert pesan["To"] == "ketua@kpu-lebak.go.id"
    assert pesan["From"] == "SAKIP KPU <noreply@kpu.go.id>"
    assert pesan["Subject"] == f"[SAKIP KPU] {rak} menunggu persetujuan Anda"
    isi = pesan.get_content()
    assert isi.startswith("Yth. Ahmad Sahroni,")
    assert "diajukan oleh" in isi
    assert "menunggu persetujuan Ketua" in isi
    assert f"https://kinerja.kpu.go.id/dokumen/{rak.pk}/" in isi
    assert "https://kinerja.kpu.go.id/notifikasi/pengaturan/" in isi
    smtp.tidak_ada_lagi(1, detik=0.3)  # the operator who submitted is not told


def test_email_switched_off_sends_none_but_the_bell_still_rings(rak, smtp, jalankan):
    ketua = akun_satker(rak.satker, Peran.KETUA)
    pengaturan_simpan(
        user=ketua, aktif=SEMUA - {(JenisNotifikasi.MENUNGGU_PERSETUJUAN, Saluran.SUREL)}
    )
    with jalankan():
        ajukan(rak)
    tunggu_surel()

    smtp.tidak_ada_lagi(0, detik=0.3)
    assert Notifikasi.objects.filter(penerima=ketua).count() == 1


def test_site_switched_off_leaves_the_bell_but_sends_the_email(rak, smtp, jalankan):
    ketua = akun_satker(rak.satker, Peran.KETUA)
    pengaturan_simpan(
        user=ketua, aktif=SEMUA - {(JenisNotifikasi.MENUNGGU_PERSETUJUAN, Saluran.SITUS)}
    )
    with jalankan():
        ajukan(rak)

    assert smtp.tunggu(1)[0]["To"] == "ketua@kpu-lebak.go.id"
    assert not Notifikasi.objects.exists()


def test_an_unreachable_mail_server_is_logged_and_the_step_stands(rak, jalankan, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with caplog.at_level(logging.ERROR, logger="notifikasi.antrean"), jalankan():
        rak = ajukan(rak)
    tunggu_surel()

    assert rak.status == "DIAJUKAN"
    assert Notifikasi.objects.count() == 1
    assert "tidak terkirim" in caplog.text
