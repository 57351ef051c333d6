"""Signing an approved TW report: only approved, only through the Sekretaris's own account,
a PAdES signature pyHanko validates, verification by token and by upload, and the report
frozen after."""

import re
import subprocess
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dokumen.tte import periksa_tanda_tangan
from pengukuran.models import BerkasLaporan, Realisasi, StatusLaporan, TandaTanganLaporan
from pengukuran.pdf import pdf_laporan, render_pdf
from pengukuran.ttd import (
    LaporanDitolak,
    laporan_tandatangani,
    laporan_terkunci,
    penandatangan_laporan,
)
from satker.models import Jabatan, Peran
from tests.dua_faktor_uji import kode_sekali
from tests.factories import PASSWORD, PkFactory, akun_satker
from tests.pengukuran.data_laporan import laporan_tw2, pk_realistis

pytestmark = [pytest.mark.django_db]

ALAMAT = "http://testserver"


@pytest.fixture
def pk(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = ALAMAT
    return pk_realistis()


@pytest.fixture
def laporan(pk):
    return laporan_tw2(pk, akun_satker(pk.satker, Peran.OPERATOR), status=StatusLaporan.DISETUJUI)


@pytest.fixture
def sekretaris(pk):
    return akun_satker(pk.satker, Peran.SEKRETARIS)


def _teks(pdf: bytes) -> str:
    hasil = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(hasil.stdout.decode().split())


def _baca(berkas: BerkasLaporan) -> bytes:
    with berkas.berkas_pdf.open("rb") as isi:
        return isi.read()


def _tidak_tersimpan():
    assert not BerkasLaporan.objects.exists()
    assert not TandaTanganLaporan.objects.exists()


@pytest.mark.parametrize("status", [StatusLaporan.DRAF, StatusLaporan.DIAJUKAN])
def test_it_signs_only_an_approved_report(pk, sekretaris, status):
    laporan = laporan_tw2(pk, akun_satker(pk.satker, Peran.OPERATOR), status=status)

    with pytest.raises(LaporanDitolak, match="setelah disetujui"):
        laporan_tandatangani(laporan=laporan, oleh=sekretaris)

    _tidak_tersimpan()
    assert not laporan_terkunci(laporan)


@pytest.mark.parametrize("peran", [Peran.KETUA, Peran.OPERATOR])
def test_it_refuses_every_account_but_the_sekretaris(laporan, peran):
    with pytest.raises(PermissionDenied, match="melalui akunnya sendiri"):
        laporan_tandatangani(laporan=laporan, oleh=akun_satker(laporan.satker, peran))

    _tidak_tersimpan()


def test_it_refuses_the_sekretaris_of_another_satker(laporan):
    lain = PkFactory()  # another satker, with its own Sekretaris

    with pytest.raises(PermissionDenied):
        laporan_tandatangani(laporan=laporan, oleh=akun_satker(lain.satker, Peran.SEKRETARIS))

    _tidak_tersimpan()


def test_it_signs_a_pades_signature_that_validates(laporan, sekretaris):
    pejabat = penandatangan_laporan(laporan)
    assert pejabat.jabatan == Jabatan.SEKRETARIS

    berkas = laporan_tandatangani(laporan=laporan, oleh=sekretaris)

    pdf = _baca(berkas)
    periksa = periksa_tanda_tangan(pdf)
    assert periksa.valid
    assert periksa.mencakup_seluruh
    assert len(periksa.tanda_tangan) == 1
    [tanda] = berkas.tanda_tangan.all()
    assert tanda.nama == pejabat.nama
    assert tanda.sudah
    assert tanda.sidik_jari_sertifikat == periksa.tanda_tangan[0].sidik_jari
    assert berkas.ditandatangani_oleh == sekretaris
    teks = _teks(pdf)
    assert "DRAF" not in teks
    assert f"{ALAMAT}/verifikasi/{berkas.token_verifikasi}/" in teks
    assert pejabat.nama in teks
    assert "LAPORAN PENGUKURAN KINERJA TRIWULAN II TAHUN 2024" in teks


def test_the_qr_code_holds_the_verification_url(laporan, sekretaris, tmp_path):
    berkas = laporan_tandatangani(laporan=laporan, oleh=sekretaris)
    halaman = berkas.tanda_tangan.get().kotak["halaman"] + 1
    (tmp_path / "lap.pdf").write_bytes(_baca(berkas))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", str(halaman), "-l", str(halaman), "-singlefile"]
        + [str(tmp_path / "lap.pdf"), str(tmp_path / "hal")],
        check=True,
    )

    hasil = subprocess.run(
        ["zbarimg", "--xml", "-q", str(tmp_path / "hal.png")],
        capture_output=True,
        text=True,
        check=True,
    )

    data = re.findall(r"<data><!\[CDATA\[(.*?)\]\]></data>", hasil.stdout, re.S)
    assert data == [f"{ALAMAT}/verifikasi/{berkas.token_verifikasi}/"]


def test_a_signed_report_is_frozen_and_served_as_stored(laporan, sekretaris):
    berkas = laporan_tandatangani(laporan=laporan, oleh=sekretaris)
    tersimpan = _baca(berkas)

    assert laporan_terkunci(laporan)
    # Whatever happens to the figures later, the PDF is the one signed.
    Realisasi.objects.filter(laporan=laporan, nilai__isnull=False).update(nilai=D(99))
    assert pdf_laporan(laporan) == tersimpan
    with pytest.raises(LaporanDitolak, match="sudah ditandatangani"):
        laporan_tandatangani(laporan=laporan, oleh=sekretaris)
    assert BerkasLaporan.objects.count() == 1


def test_the_verification_page_names_the_report_by_its_token(client, laporan, sekretaris):
    berkas = laporan_tandatangani(laporan=laporan, oleh=sekretaris)

    response = client.get(reverse("verifikasi", args=[berkas.token_verifikasi]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Laporan Pengukuran Kinerja Triwulan II Tahun 2024" in html
    assert penandatangan_laporan(laporan).nama in html
    assert berkas.sha256 in html


def _unggah(client, token: str, isi: bytes):
    unggahan = SimpleUploadedFile("laporan.pdf", isi, content_type="application/pdf")
    return client.post(reverse("verifikasi", args=[token]), {"berkas": unggahan})


def test_an_uploaded_signed_report_is_recognised(client, laporan, sekretaris):
    berkas = laporan_tandatangani(laporan=laporan, oleh=sekretaris)

    response = _unggah(client, berkas.token_verifikasi, _baca(berkas))

    assert response.status_code == 200
    assert response.context["hasil"].putusan == "asli"


def test_an_uploaded_other_file_is_not(client, laporan, sekretaris):
    berkas = laporan_tandatangani(laporan=laporan, oleh=sekretaris)
    draf = render_pdf(laporan, pejabat=penandatangan_laporan(laporan)).pdf

    response = _unggah(client, berkas.token_verifikasi, draf)

    assert response.context["hasil"].putusan == "tidak sesuai"


def test_an_unknown_token_is_404(client, laporan):
    assert client.get(reverse("verifikasi", args=["tidak-ada-kode-semacam-ini"])).status_code == 404


# -- views ---------------------------------------------------------------------------------


def test_it_downloads_the_draft_then_the_signed_file(client, laporan, sekretaris):
    client.force_login(akun_satker(laporan.satker, Peran.OPERATOR))
    url = reverse("pengukuran:pdf-unduh", args=[laporan.pk])

    draf = client.get(url)
    assert draf.status_code == 200
    assert draf["Content-Type"] == "application/pdf"
    assert "draf-" in draf["Content-Disposition"]
    assert "DRAF" in _teks(draf.content)

    berkas = laporan_tandatangani(laporan=laporan, oleh=sekretaris)
    assert client.get(url).content == _baca(berkas)


def test_another_satkers_report_is_404(client, laporan):
    lain = PkFactory()
    client.force_login(akun_satker(lain.satker, Peran.OPERATOR))

    assert client.get(reverse("pengukuran:pdf-unduh", args=[laporan.pk])).status_code == 404
    url = reverse("pengukuran:pdf-tandatangani", args=[laporan.pk])
    assert client.post(url, {"password": PASSWORD}).status_code == 404


def test_the_sekretaris_signs_by_post_with_the_password(client, laporan, sekretaris):
    client.force_login(sekretaris)
    url = reverse("pengukuran:pdf-tandatangani", args=[laporan.pk])

    salah = client.post(url, {"password": "bukan-sandinya"})
    assert salah.status_code == 302
    _tidak_tersimpan()

    response = client.post(
        url, {"password": PASSWORD, "kode": kode_sekali(sekretaris), "next": "/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert laporan_terkunci(laporan)


def test_the_ketua_cannot_sign_by_post(client, laporan):
    client.force_login(akun_satker(laporan.satker, Peran.KETUA))

    response = client.post(
        reverse("pengukuran:pdf-tandatangani", args=[laporan.pk]), {"password": PASSWORD}
    )

    assert response.status_code == 403
    _tidak_tersimpan()


def test_signing_is_post_only(client, laporan, sekretaris):
    client.force_login(sekretaris)

    response = client.get(reverse("pengukuran:pdf-tandatangani", args=[laporan.pk]))

    assert response.status_code == 405
