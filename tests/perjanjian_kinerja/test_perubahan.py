"""A PK's new version is a "PK Perubahan": the revision button of each type says what the
type declares (dokumen.jenis.JenisTerdaftar.label_revisi)."""

import re

import pytest
from django.urls import reverse

from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen, StatusDokumen
from tests.factories import IkuFactory, OperatorFactory, PkFactory

pytestmark = pytest.mark.django_db


def _terbit(dokumen: Dokumen) -> None:
    """Published (the signing itself is tested elsewhere): set directly."""
    Dokumen.objects.filter(pk=dokumen.pk).update(
        status=StatusDokumen.TERBIT, sha256="a" * 64, token_verifikasi=f"tkn-{dokumen.pk}"
    )


def _tombol(client, dokumen: Dokumen) -> str:
    html = client.get(reverse("dokumen:detail", args=[dokumen.pk])).content.decode()
    awal = html.index(f'action="{reverse("dokumen:revisi", args=[dokumen.pk])}"')
    return html[awal : html.index("</form>", awal)]


def test_the_pk_declares_its_revision_as_pk_perubahan_and_other_types_keep_buat_revisi():
    assert jenis_terdaftar("PK").label_revisi == "Buat PK Perubahan"
    assert {jenis_terdaftar(k).label_revisi for k in ("IKU", "RKT", "RAK")} == {"Buat revisi"}


def test_a_published_pk_offers_buat_pk_perubahan(client):
    pk = PkFactory(tahun=2026)
    _terbit(pk)
    client.force_login(OperatorFactory(satker=pk.satker))

    tombol = _tombol(client, pk)

    assert "Buat PK Perubahan</button>" in tombol
    assert "Buat revisi" not in tombol


def test_a_published_iku_still_offers_buat_revisi(client):
    iku = IkuFactory(tahun=2026)
    _terbit(iku)
    client.force_login(OperatorFactory(satker=iku.satker))

    assert "Buat revisi</button>" in _tombol(client, iku)


def test_the_button_makes_the_pk_perubahan_as_version_2(client):
    pk = PkFactory(tahun=2026)
    _terbit(pk)
    client.force_login(OperatorFactory(satker=pk.satker))

    response = client.post(reverse("dokumen:revisi", args=[pk.pk]), {"alasan": "Revisi DIPA"})

    baru = Dokumen.objects.get(satker=pk.satker, jenis="PK", tahun=2026, versi=2)
    assert response.url == reverse("dokumen:ubah", args=[baru.pk])
    assert (baru.status, baru.alasan_revisi) == (StatusDokumen.DRAF, "Revisi DIPA")


def test_a_superseded_version_offers_no_revision_and_the_service_refuses_one(client):
    # v1 and v2 published: a copy of v1 (as v3) would drop v2's changes.
    from dokumen.alur import TransisiDitolak, dokumen_buat_revisi

    v1 = PkFactory(tahun=2026)
    _terbit(v1)
    operator = OperatorFactory(satker=v1.satker)
    v1.refresh_from_db()
    v2 = dokumen_buat_revisi(dokumen=v1, user=operator, alasan="Revisi DIPA.")
    _terbit(v2)
    client.force_login(operator)

    html = client.get(reverse("dokumen:detail", args=[v1.pk])).content.decode()
    v1.refresh_from_db()
    with pytest.raises(TransisiDitolak, match="sudah digantikan oleh versi 2"):
        dokumen_buat_revisi(dokumen=v1, user=operator, alasan="Revisi lagi.")

    assert reverse("dokumen:revisi", args=[v1.pk]) not in html
    assert (
        reverse("dokumen:revisi", args=[v2.pk])
        in client.get(reverse("dokumen:detail", args=[v2.pk])).content.decode()
    )


def test_the_pk_perubahans_page_says_perubahan_in_its_title_as_the_pdf_does(client):
    v1 = PkFactory(tahun=2026)
    v2 = PkFactory(satker=v1.satker, tahun=2026, versi=2, alasan_revisi="Revisi DIPA")
    iku_v2 = IkuFactory(satker=v1.satker, tahun=2026, versi=2, alasan_revisi="Revisi")
    client.force_login(OperatorFactory(satker=v1.satker))

    def judul(dokumen: Dokumen) -> str:
        html = client.get(reverse("dokumen:detail", args=[dokumen.pk])).content.decode()
        return html[html.index('<h1 class="h4 mb-1">') :].split("</h1>")[0].split(">")[1]

    assert judul(v1) == "PERJANJIAN KINERJA (PK) TAHUN 2026"
    assert judul(v2) == "PERJANJIAN KINERJA PERUBAHAN (PK) TAHUN 2026"
    assert judul(iku_v2) == "INDIKATOR KINERJA UTAMA (IKU) TAHUN 2026"  # others declare none


def test_the_pages_table_numbers_its_columns_as_the_pdf_does(client):
    pk = PkFactory(tahun=2026)
    client.force_login(OperatorFactory(satker=pk.satker))

    html = client.get(reverse("dokumen:detail", args=[pk.pk])).content.decode()

    nomor = html[html.index('<tr class="baris-nomor-kolom">') :].split("</tr>")[0]
    assert [int(n) for n in re.findall(r"<th>(\d+)</th>", nomor)] == list(range(1, 9))
    assert "TARGET TRIWULAN</th>" in html
