"""Issue 10, finding 13: review notes, answers and workflow notes are capped in the pages as in
the API (TEKS_MAKS), with the message beside the field and nothing stored."""

import pytest
from django.urls import reverse

from dokumen.form_baris import TEKS_MAKS
from dokumen.models import CatatanReviu, Dokumen, RiwayatDokumen, StatusDokumen
from dokumen.serializers import AlasanRevisiSerializer, CatatanSerializer
from satker.models import Peran
from tests.factories import RakFactory, ReviewerFactory, akun_satker, ke_status

PANJANG = "x" * (TEKS_MAKS + 1)
PESAN = f"paling banyak {TEKS_MAKS} karakter"


@pytest.fixture
def rak(db):
    """A RAK draft of a Kab/Kota."""
    return RakFactory()


@pytest.fixture
def reviewer(rak):
    """The reviewer of the RAK's provinsi."""
    return ReviewerFactory(satker=rak.satker.induk)


@pytest.fixture
def operator(rak):
    return akun_satker(rak.satker, Peran.OPERATOR)


def test_the_api_and_the_pages_share_one_limit():
    assert CatatanSerializer().fields["catatan"].max_length == TEKS_MAKS
    assert AlasanRevisiSerializer().fields["alasan"].max_length == TEKS_MAKS


@pytest.mark.django_db
def test_a_too_long_review_note_is_refused_beside_the_field(client, reviewer, rak):
    client.force_login(reviewer)

    response = client.post(reverse("dokumen:catatan-baru", args=[rak.pk]), {"isi": PANJANG})

    assert response.status_code == 400
    html = response.content.decode()
    assert PESAN in html
    assert 'id="galat-isi-catatan"' in html
    assert f'maxlength="{TEKS_MAKS}"' in html
    assert not CatatanReviu.objects.exists()


@pytest.mark.django_db
def test_a_note_of_exactly_the_limit_is_kept(client, reviewer, rak):
    client.force_login(reviewer)

    client.post(reverse("dokumen:catatan-baru", args=[rak.pk]), {"isi": "y" * TEKS_MAKS})

    assert CatatanReviu.objects.get().isi == "y" * TEKS_MAKS


@pytest.mark.django_db
def test_a_too_long_answer_is_refused_beside_its_note(client, reviewer, operator, rak):
    catatan = CatatanReviu.objects.create(dokumen=rak, isi="Cek TW", oleh=reviewer)
    client.force_login(operator)
    url = reverse("dokumen:catatan-jawab", args=[rak.pk, catatan.pk])

    response = client.post(url, {"jawaban": PANJANG, "selesai": "1"})

    assert response.status_code == 400
    assert PESAN in response.content.decode()
    assert f'id="galat-jawaban-{catatan.pk}"' in response.content.decode()
    catatan.refresh_from_db()
    assert (catatan.jawaban, catatan.selesai) == ("", False)


@pytest.mark.django_db
def test_a_too_long_return_note_is_refused_and_the_document_stays(client, rak):
    rak = ke_status(rak, StatusDokumen.DIAJUKAN)
    riwayat = list(RiwayatDokumen.objects.filter(dokumen=rak).order_by("pk"))
    client.force_login(akun_satker(rak.satker, Peran.KETUA))

    response = client.post(
        reverse("dokumen:aksi", args=[rak.pk, "KEMBALIKAN"]), {"catatan": PANJANG}
    )

    assert response.status_code == 400
    assert PESAN in response.content.decode()
    rak.refresh_from_db()
    assert rak.status == StatusDokumen.DIAJUKAN
    assert list(RiwayatDokumen.objects.filter(dokumen=rak).order_by("pk")) == riwayat


@pytest.mark.django_db
@pytest.mark.usefixtures("pki_aktif")
def test_a_too_long_revision_reason_is_refused(client, settings, tmp_path, operator, rak):
    settings.MEDIA_ROOT = tmp_path / "media"
    rak = ke_status(rak, StatusDokumen.TERBIT)
    jumlah = Dokumen.objects.count()
    client.force_login(operator)

    response = client.post(reverse("dokumen:revisi", args=[rak.pk]), {"alasan": PANJANG})

    assert response.status_code == 400
    assert PESAN in response.content.decode()
    assert Dokumen.objects.count() == jumlah


@pytest.mark.django_db
def test_a_note_with_a_direction_override_is_refused(client, reviewer, rak):
    client.force_login(reviewer)

    response = client.post(
        reverse("dokumen:catatan-baru", args=[rak.pk]), {"isi": "Cek \u202etarget"}
    )

    assert response.status_code == 400
    assert "Hapus karakter tersembunyi U+202E" in response.content.decode()
    assert not CatatanReviu.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("pki_aktif")
def test_an_empty_revision_reason_is_refused_beside_the_field(
    client, settings, tmp_path, operator, rak
):
    settings.MEDIA_ROOT = tmp_path / "media"
    rak = ke_status(rak, StatusDokumen.TERBIT)
    jumlah = Dokumen.objects.count()
    client.force_login(operator)

    response = client.post(reverse("dokumen:revisi", args=[rak.pk]), {"alasan": "   "})

    html = response.content.decode()
    assert response.status_code == 400
    assert '<div class="invalid-feedback d-block">Tulis alasan revisi.</div>' in html
    assert Dokumen.objects.count() == jumlah
