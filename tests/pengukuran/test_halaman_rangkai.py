"""The quarter's page brings the report's parts together: the workflow panel, the reporting
window (read-only once closed), each realisasi's evidence files, and the PDF with its signing
form for the Sekretaris of an approved report; a signed report cannot go back to draft."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dokumen.penolakan import TransisiDitolak
from pengukuran.alur import PESAN_SUDAH_DITANDATANGANI, laporan_transisi
from pengukuran.bukti import bukti_unggah
from pengukuran.models import AksiLaporan, StatusLaporan
from pengukuran.ttd import laporan_tandatangani
from satker.models import Peran
from tests.factories import AdminRiFactory, akun_satker
from tests.pengukuran.bantu_alur import atur_waktu, jendela
from tests.pengukuran.berkas_contoh import PDF
from tests.pengukuran.data_laporan import laporan_tw2, pk_realistis

pytestmark = pytest.mark.django_db


@pytest.fixture
def pk(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "http://testserver"
    return pk_realistis()


@pytest.fixture
def operator(pk):
    return akun_satker(pk.satker, Peran.OPERATOR)


def _halaman(client, pk, tw=2) -> str:
    url = reverse("pengukuran:triwulan", args=[pk.satker.kode, pk.tahun, tw])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_workflow_panel_and_the_entry_form_show_while_the_window_is_open(
    client, pk, operator, monkeypatch
):
    jendela(AdminRiFactory(), tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    atur_waktu(monkeypatch, 2024, 7, 10, 9, 0)
    client.force_login(operator)

    html = _halaman(client, pk)

    assert 'id="alur-laporan-2"' in html
    assert 'id="sisa-hari-2">Sisa 5 hari' in html
    assert 'id="form-realisasi"' in html


def test_after_the_window_closes_the_quarter_is_read_only(client, pk, operator, monkeypatch):
    jendela(AdminRiFactory(), tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15))
    atur_waktu(monkeypatch, 2024, 7, 16, 9, 0)
    client.force_login(operator)

    html = _halaman(client, pk)

    assert 'id="form-realisasi"' not in html
    assert 'id="tabel-realisasi"' in html
    assert "Masa pelaporan TW II 2024 ditutup pada 15 Juli 2024." in html


def test_each_realisasi_lists_its_evidence_and_links_to_where_it_is_changed(client, pk, operator):
    laporan = laporan_tw2(pk, operator)
    realisasi = laporan.realisasi.order_by("pk").first()
    bukti_unggah(
        realisasi=realisasi,
        berkas=[SimpleUploadedFile("notulen.pdf", PDF, content_type="application/pdf")],
        oleh=operator,
    )
    client.force_login(operator)

    html = _halaman(client, pk)

    ringkas = html[html.index(f'id="bukti-ringkas-{realisasi.pk}"') :].split("</div>")[0]
    (bukti,) = realisasi.bukti.all()
    assert f'<a href="{reverse("pengukuran:bukti-unduh", args=[bukti.pk])}">notulen.pdf</a>' in (
        ringkas
    )
    assert reverse("pengukuran:bukti-daftar", args=[realisasi.pk]) in ringkas


def test_the_sekretaris_of_an_approved_report_gets_the_signing_form_others_the_pdf(client, pk):
    operator = akun_satker(pk.satker, Peran.OPERATOR)
    laporan = laporan_tw2(pk, operator, status=StatusLaporan.DISETUJUI)
    tanda = reverse("pengukuran:pdf-tandatangani", args=[laporan.pk])

    client.force_login(akun_satker(pk.satker, Peran.SEKRETARIS))
    assert f'action="{tanda}"' in _halaman(client, pk)

    client.force_login(akun_satker(pk.satker, Peran.KETUA))
    html = _halaman(client, pk)
    assert f'action="{tanda}"' not in html
    assert reverse("pengukuran:pdf-unduh", args=[laporan.pk]) in html


def test_a_signed_report_says_so_and_cannot_be_returned_to_draft(client, pk):
    operator = akun_satker(pk.satker, Peran.OPERATOR)
    laporan = laporan_tw2(pk, operator, status=StatusLaporan.DISETUJUI)
    berkas = laporan_tandatangani(laporan=laporan, oleh=akun_satker(pk.satker, Peran.SEKRETARIS))
    ketua = akun_satker(pk.satker, Peran.KETUA)

    client.force_login(ketua)
    html = _halaman(client, pk)
    assert reverse("verifikasi", args=[berkas.token_verifikasi]) in html
    assert "Kembalikan…</button>" not in html

    with pytest.raises(TransisiDitolak, match=PESAN_SUDAH_DITANDATANGANI):
        laporan_transisi(
            laporan=laporan, user=ketua, aksi=AksiLaporan.KEMBALIKAN, catatan="Perbaiki."
        )
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DISETUJUI
