"""dokumen.baris.buat_baris_massal: the rows of many new documents, of any type, in one go."""

import pytest

from dokumen.baris import buat_baris_massal, data_baris
from tests.factories import (
    IkuFactory,
    KabKotaFactory,
    RakFactory,
    RktFactory,
    baris_iku,
    sasaran_rak,
    sasaran_rkt,
    tanpa_kunci,
)

CONTOH = {"IKU": baris_iku, "RKT": sasaran_rkt, "RAK": sasaran_rak}
PABRIK = {"IKU": IkuFactory, "RKT": RktFactory, "RAK": RakFactory}


def _kosong(jumlah_satker: int) -> list:
    """A draft of every type per satker, without rows."""
    return [
        PABRIK[jenis](satker=KabKotaFactory(), baris=[])
        for _ in range(jumlah_satker)
        for jenis in CONTOH
    ]


def _target(dokumen) -> list:
    """(target, parsed number, unit) of every row model of the document, in order."""
    hasil = []
    for tingkat in dokumen.jenis_terdaftar.tingkat:
        if hasattr(tingkat.model, "baca_target"):
            baris = tingkat.model.objects.filter(**{tingkat.jalur_dokumen: dokumen})
            hasil += baris.order_by("pk").values_list("target", "target_nilai", "target_satuan")
    return hasil


@pytest.mark.django_db
def test_rows_written_in_bulk_are_the_rows_the_editor_would_have_saved():
    dokumen = _kosong(1)

    hasil = buat_baris_massal([(d, CONTOH[d.jenis]()) for d in dokumen])

    for d in dokumen:
        lewat_editor = PABRIK[d.jenis](satker=d.satker, tahun=d.tahun + 1)
        assert tanpa_kunci(data_baris(d)) == tanpa_kunci(data_baris(lewat_editor))
        assert _target(d) == _target(lewat_editor)
        assert any(nilai is not None for _, nilai, _ in _target(d))
        kunci = [b["kunci"] for b in d.jenis_terdaftar.daun(data_baris(d))]
        assert len(set(kunci)) == len(kunci)
    assert (hasil.sasaran, dict(hasil.baris)) == (4, {"IKU": 3, "RKT": 4, "RAK": 4})


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_documents(django_assert_num_queries):
    kecil, besar = _kosong(1), _kosong(4)

    # One INSERT per row model: IKU rows, RKT sasaran, RAK sasaran, RKT indicators, RAK rows.
    with django_assert_num_queries(5):
        buat_baris_massal([(d, CONTOH[d.jenis]()) for d in kecil])
    with django_assert_num_queries(5):
        buat_baris_massal([(d, CONTOH[d.jenis]()) for d in besar])
