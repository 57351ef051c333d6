"""Issue 10, finding 13: review notes, answers and workflow notes are capped in the pages as in
the API (TEKS_MAKS), with the message beside the field and nothing stored."""

import pytest
from django.urls import reverse

from dokumen.form_baris import TEKS_MAKS
from dokumen.models import CatatanReviu, Dokumen, RiwayatDokumen, StatusDokumen
from dokumen.serializers import AlasanRevisiSerializer, CatatanSerializer

PANJANG = "x" * (TEKS_MAKS + 1)
PESAN = f"paling banyak {TEKS_MAKS} karakter"


def test_the_api_and_the_pages_share_one_limit():
    assert CatatanSerializer().fields["catatan"].max_length == TEKS_MAKS
    assert AlasanRevisiSerializer().fields["alasan"].max_length == TEKS_MAKS


@pytest.mark.django_db
def test_a_too_long_review_note_is_refused_beside_the_field(client, reviewer_banten, rak_lebak):
    client.force_login(reviewer_banten)

    response = client.post(reverse("dokumen:catatan-baru", args=[rak_lebak.pk]), {"isi": PANJANG})

    assert response.status_code == 400
    html = response.content.decode()
    assert PESAN in html
    assert 'id="galat-isi-catatan"' in html
    assert f'maxlength="{TEKS_MAKS}"' in html
    assert not CatatanReviu.objects.exists()


@pytest.mark.django_db
def test_a_note_of_exactly_the_limit_is_kept(client, reviewer_banten, rak_lebak):
    client.force_login(reviewer_banten)

    client.post(reverse("dokumen:catatan-baru", args=[rak_lebak.pk]), {"isi": "y" * TEKS_MAKS})

    assert CatatanReviu.objects.get().isi == "y" * TEKS_MAKS


@pytest.mark.django_db
def test_a_too_long_answer_is_refused_beside_its_note(
    client, reviewer_banten, operator_lebak, rak_lebak
):
    catatan = CatatanReviu.objects.create(dokumen=rak_lebak, isi="Cek TW", oleh=reviewer_banten)
    client.force_login(operator_lebak)
    url = reverse("dokumen:catatan-jawab", args=[rak_lebak.pk, catatan.pk])

    response = client.post(url, {"jawaban": PANJANG, "selesai": "1"})

    assert response.status_code == 400
    assert PESAN in response.content.decode()
    assert f'id="galat-jawaban-{catatan.pk}"' in response.content.decode()
    catatan.refresh_from_db()
    assert (catatan.jawaban, catatan.selesai) == ("", False)


@pytest.mark.django_db
def test_a_too_long_return_note_is_refused_and_the_document_stays(client, ketua_lebak, rak_lebak):
    Dokumen.objects.filter(pk=rak_lebak.pk).update(status=StatusDokumen.DIAJUKAN)
    client.force_login(ketua_lebak)

    response = client.post(
        reverse("dokumen:aksi", args=[rak_lebak.pk, "KEMBALIKAN"]), {"catatan": PANJANG}
    )

    assert response.status_code == 400
    assert PESAN in response.content.decode()
    rak_lebak.refresh_from_db()
    assert rak_lebak.status == StatusDokumen.DIAJUKAN
    assert not RiwayatDokumen.objects.filter(dokumen=rak_lebak).exists()


@pytest.mark.django_db
def test_a_too_long_revision_reason_is_refused(client, operator_lebak, rak_lebak):
    Dokumen.objects.filter(pk=rak_lebak.pk).update(
        status=StatusDokumen.TERBIT, sha256="0" * 64, token_verifikasi="t" * 32
    )
    jumlah = Dokumen.objects.count()
    client.force_login(operator_lebak)

    response = client.post(reverse("dokumen:revisi", args=[rak_lebak.pk]), {"alasan": PANJANG})

    assert response.status_code == 400
    assert PESAN in response.content.decode()
    assert Dokumen.objects.count() == jumlah


@pytest.mark.django_db
def test_a_note_with_a_direction_override_is_refused(client, reviewer_banten, rak_lebak):
    client.force_login(reviewer_banten)

    response = client.post(
        reverse("dokumen:catatan-baru", args=[rak_lebak.pk]), {"isi": "Cek \u202etarget"}
    )

    assert response.status_code == 400
    assert "Hapus karakter tersembunyi U+202E" in response.content.decode()
    assert not CatatanReviu.objects.exists()
