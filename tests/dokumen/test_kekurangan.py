"""The submission checklist names everything that blocks a document at once: place, date,
signatory, rows and (for types whose indicators need one) targets."""

import pytest

from dokumen.alur import TransisiDitolak
from dokumen.selectors import kekurangan_dokumen
from tests.factories import IkuFactory, RakFactory, RktFactory, ajukan, baris_iku, sasaran_rkt


def _tanpa_target(data, *letak):
    """`data` (RKT sasaran) with the targets of the indicators at (sasaran, row) emptied."""
    for s, r in letak:
        data[s]["indikator"][r]["target"] = ""
    return data


@pytest.mark.django_db
def test_everything_missing_is_listed_at_once_and_submitting_names_it_all():
    rkt = RktFactory(
        tempat_ttd="",
        tanggal_ttd=None,
        penandatangan=None,
        baris=_tanpa_target(sasaran_rkt(2, indikator=2), (0, 1), (1, 0)),
    )

    kurang = kekurangan_dokumen(rkt)

    assert kurang[:2] == [
        "Tempat penandatanganan belum diisi.",
        "Tanggal penandatanganan belum diisi.",
    ]
    assert any("penandatangan" in k.lower() for k in kurang[2:-1])
    assert kurang[-1] == (
        "Target belum diisi pada 2 indikator (Sasaran 1, baris 2; Sasaran 2, baris 1)."
    )
    with pytest.raises(TransisiDitolak) as galat:
        ajukan(rkt)
    for k in kurang:
        assert k in str(galat.value)


@pytest.mark.django_db
def test_a_document_without_rows_says_so():
    rak = RakFactory(baris=[])
    assert kekurangan_dokumen(rak) == ["Dokumen belum berisi baris."]


@pytest.mark.django_db
def test_many_rows_without_target_are_counted_after_the_first_five():
    letak = [(s, r) for s in range(4) for r in range(2)]
    rkt = RktFactory(baris=_tanpa_target(sasaran_rkt(4, indikator=2), *letak))
    [pesan] = kekurangan_dokumen(rkt)
    assert pesan.startswith("Target belum diisi pada 8 indikator (Sasaran 1, baris 1;")
    assert pesan.endswith("; dan 3 baris lain).")


@pytest.mark.django_db
def test_an_iku_needs_no_target_the_real_ones_have_no_such_column():
    baris = [b | {"target": ""} for b in baris_iku(3)]
    assert kekurangan_dokumen(IkuFactory(baris=baris)) == []


@pytest.mark.django_db
def test_a_complete_draft_lacks_nothing():
    assert kekurangan_dokumen(RktFactory()) == []


@pytest.mark.django_db
def test_a_sasaran_left_without_rows_is_named_and_blocks_submission():
    data = sasaran_rkt(3, indikator=1)
    data[1]["indikator"] = []
    rkt = RktFactory(baris=data)

    assert kekurangan_dokumen(rkt) == ["Sasaran 2 belum berisi baris: isi atau hapus sasaran itu."]
    with pytest.raises(TransisiDitolak, match="Sasaran 2 belum berisi baris"):
        ajukan(rkt)
