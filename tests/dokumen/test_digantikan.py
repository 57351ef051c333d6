"""A published version that a later published version replaced reads as superseded: one rule
(dokumen.selectors.tandai_digantikan) for the satker page, the document page and the export."""

import pytest
from django.urls import reverse

from dokumen.models import Dokumen, StatusDokumen
from dokumen.selectors import tandai_digantikan
from satker.models import Peran
from tests.factories import AdminRiFactory, IkuFactory, RktFactory, akun_satker

pytestmark = pytest.mark.django_db


def _terbit(*semua: Dokumen) -> None:
    """Published (the signing itself is tested elsewhere): set directly."""
    for urutan, dokumen in enumerate(semua):
        Dokumen.objects.filter(pk=dokumen.pk).update(
            status=StatusDokumen.TERBIT,
            sha256="a" * 64,
            token_verifikasi=f"tkn-{dokumen.pk}-{urutan}",
        )
        dokumen.refresh_from_db()


def _versi(dokumen: Dokumen, versi: int, **kwargs) -> Dokumen:
    return IkuFactory(
        satker=dokumen.satker,
        tahun=dokumen.tahun,
        versi=versi,
        alasan_revisi="Revisi DIPA",
        jenis=dokumen.jenis,
        **kwargs,
    )


def test_the_newest_published_version_replaces_every_earlier_published_one():
    v1 = IkuFactory(tahun=2025)
    v2, v3, v4 = (_versi(v1, n) for n in (2, 3, 4))
    _terbit(v1, v2, v3)  # v4 is a draft: it replaces nothing yet

    tandai_digantikan([v1, v2, v3, v4])

    assert [(d.versi, d.digantikan, d.versi_pengganti) for d in (v1, v2, v3, v4)] == [
        (1, True, 3),
        (2, True, 3),
        (3, False, None),
        (4, False, None),
    ]


def test_one_query_marks_documents_of_several_satker_types_and_years(
    django_assert_num_queries,
):
    semua = []
    for buat, tahun in [(IkuFactory, 2025), (RktFactory, 2025), (IkuFactory, 2026)]:
        v1 = buat(tahun=tahun)
        v2 = _versi(v1, 2)
        _terbit(v1, v2)
        semua += [v1, v2]
    lain = IkuFactory(satker=semua[0].satker, tahun=2025, jenis="RAK")  # a draft: not asked

    with django_assert_num_queries(1):
        tandai_digantikan([*semua, lain])

    assert [d.digantikan for d in semua] == [True, False] * 3
    assert lain.digantikan is False


def test_a_document_of_no_published_version_asks_nothing(django_assert_num_queries):
    draf = IkuFactory(tahun=2025)

    with django_assert_num_queries(0):
        tandai_digantikan([draf])

    assert (draf.digantikan, draf.versi_pengganti) == (False, None)


class TestHalamanDokumen:
    def test_the_header_badge_of_a_replaced_version_says_digantikan(self, client):
        v1 = IkuFactory(tahun=2025)
        v2 = _versi(v1, 2)
        _terbit(v1, v2)
        client.force_login(AdminRiFactory())

        lama = client.get(reverse("dokumen:detail", args=[v1.pk])).content.decode()
        baru = client.get(reverse("dokumen:detail", args=[v2.pk])).content.decode()

        assert 'id="status-dokumen">Terbit · digantikan</span>' in lama
        assert 'id="status-dokumen">Terbit</span>' in baru

    def test_a_published_version_with_a_draft_revision_is_not_replaced(self, client):
        v1 = IkuFactory(tahun=2025)
        _versi(v1, 2)
        _terbit(v1)
        client.force_login(AdminRiFactory())

        html = client.get(reverse("dokumen:detail", args=[v1.pk])).content.decode()

        assert 'id="status-dokumen">Terbit</span>' in html
        assert "digantikan" not in html

    def test_a_published_version_with_a_draft_revision_sends_its_writers_to_the_draft(self, client):
        v1 = IkuFactory(tahun=2025)
        v2 = _versi(v1, 2)
        _terbit(v1)
        client.force_login(akun_satker(v1.satker, Peran.OPERATOR))

        html = client.get(reverse("dokumen:detail", args=[v1.pk])).content.decode()

        lanjut = reverse("dokumen:detail", args=[v2.pk])
        tombol = '<i class="bi bi-pencil-square"></i> Lanjutkan versi 2 (draf)'
        assert f'href="{lanjut}">{tombol}' in html
        assert reverse("dokumen:revisi", args=[v1.pk]) not in html
