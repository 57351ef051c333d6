"""A workflow step asks first: an unconfirmed post (a stray click, or a browser without JS)
gets the confirmation page and changes nothing; the confirmed post takes the step. The dialog
the page opens with JS is tested in Chromium (tests/browser/test_tandatangan_browser.py)."""

import re

import pytest
from django.urls import reverse

from dokumen.alur import PESAN_CATATAN_WAJIB
from dokumen.models import Dokumen, RiwayatDokumen, StatusDokumen
from satker.models import Peran
from tests.factories import RakFactory, akun_satker, ke_status


@pytest.fixture
def rak(db) -> Dokumen:
    return RakFactory(tahun=2024)


def _url(dokumen: Dokumen, aksi: str) -> str:
    return reverse("dokumen:aksi", args=[dokumen.pk, aksi])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("aksi", "status", "peran", "data", "pertanyaan", "tombol", "sesudah"),
    [
        (
            "AJUKAN",
            StatusDokumen.DRAF,
            Peran.OPERATOR,
            {},
            "Ajukan dokumen ini kepada Ketua?",
            "Ya, ajukan",
            StatusDokumen.DIAJUKAN,
        ),
        (
            "SETUJUI",
            StatusDokumen.DIAJUKAN,
            Peran.KETUA,
            {},
            "Setujui dokumen ini?",
            "Ya, setujui",
            StatusDokumen.DISETUJUI,
        ),
        (
            "KEMBALIKAN",
            StatusDokumen.DIAJUKAN,
            Peran.KETUA,
            {"catatan": "Target TW II kurang"},
            "Kembalikan dokumen ini menjadi draf?",
            "Ya, kembalikan",
            StatusDokumen.DRAF,
        ),
    ],
)
def test_it_asks_first_and_takes_the_step_only_once_confirmed(
    client, rak, aksi, status, peran, data, pertanyaan, tombol, sesudah
):
    dokumen = ke_status(rak, status)
    riwayat = RiwayatDokumen.objects.filter(dokumen=dokumen).count()
    client.force_login(akun_satker(dokumen.satker, peran))

    response = client.post(_url(dokumen, aksi), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert pertanyaan in html
    assert "Belum ada yang berubah." in html
    assert '<input type="hidden" name="konfirmasi" value="1">' in html
    assert f'action="{_url(dokumen, aksi)}"' in html
    if data:
        assert f'<input type="hidden" name="catatan" value="{data["catatan"]}">' in html
    dokumen.refresh_from_db()
    assert dokumen.status == status
    assert RiwayatDokumen.objects.filter(dokumen=dokumen).count() == riwayat

    response = client.post(_url(dokumen, aksi), {**data, "konfirmasi": "1"})

    assert response.status_code == 302
    dokumen.refresh_from_db()
    assert dokumen.status == sesudah
    langkah = RiwayatDokumen.objects.filter(dokumen=dokumen).latest("pk")
    assert (langkah.aksi, langkah.catatan) == (aksi, data.get("catatan", ""))
    assert tombol in html


@pytest.mark.django_db
def test_a_step_the_user_cannot_take_is_refused_without_asking(client, rak):
    client.force_login(akun_satker(rak.satker, Peran.KETUA))

    assert client.post(_url(rak, "AJUKAN")).status_code == 403
    rak.refresh_from_db()
    assert rak.status == StatusDokumen.DRAF


@pytest.mark.django_db
def test_the_buttons_ask_in_a_dialog_and_name_the_confirmation(client, rak):
    client.force_login(akun_satker(rak.satker, Peran.OPERATOR))

    html = client.get(reverse("dokumen:detail", args=[rak.pk])).content.decode()

    assert 'data-konfirmasi="Ajukan dokumen ini kepada Ketua?' in html
    assert '<input type="hidden" name="konfirmasi" value="">' in html
    assert '<dialog id="dialog-konfirmasi"' in html
    assert "js/konfirmasi.js" in html


@pytest.mark.django_db
def test_the_confirmation_page_queries_are_pinned(client, rak, django_assert_num_queries):
    client.force_login(akun_satker(rak.satker, Peran.OPERATOR))
    with django_assert_num_queries(5):
        client.post(_url(rak, "AJUKAN"))


@pytest.mark.django_db
@pytest.mark.parametrize("konfirmasi", ["", "1"])
def test_returning_without_a_note_is_said_next_to_the_field_before_any_question(
    client, rak, konfirmasi
):
    dokumen = ke_status(rak, StatusDokumen.DIAJUKAN)
    client.force_login(akun_satker(dokumen.satker, Peran.KETUA))

    response = client.post(_url(dokumen, "KEMBALIKAN"), {"catatan": "  ", "konfirmasi": konfirmasi})

    html = response.content.decode()
    assert response.status_code == 400
    assert PESAN_CATATAN_WAJIB in html
    assert re.search(r'class="form-control is-invalid" id="catatan-kembali"', html)
    dokumen.refresh_from_db()
    assert dokumen.status == StatusDokumen.DIAJUKAN
