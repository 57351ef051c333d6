"""The header's date of signing is shown as "26/01/2024" and read as people write it."""

import datetime

import pytest

from dokumen.forms import DokumenKepalaForm
from dokumen.models import PresisiTanggal
from dokumen.services import KOLOM_KEPALA
from satker.forms import PESAN_TANGGAL_TIDAK_ADA, PESAN_TANGGAL_TIDAK_TERBACA
from tests.factories import IkuFactory


def _isian(dokumen, **ubah) -> dict:
    data = {k: getattr(dokumen, k) for k in KOLOM_KEPALA}
    data["penandatangan"] = dokumen.penandatangan_id
    data["tanggal_ttd"] = dokumen.tanggal_ttd
    return (
        {k: "" if v is None else v for k, v in data.items()}
        | {"suntingan": dokumen.suntingan}
        | ubah
    )


@pytest.mark.django_db
@pytest.mark.parametrize("ditulis", ["5 Februari 2024", "05/02/2024", "2024-02-05", "5 Feb 2024"])
def test_the_date_is_read_as_written(ditulis):
    iku = IkuFactory()
    form = DokumenKepalaForm(_isian(iku, tanggal_ttd=ditulis), instance=iku)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["tanggal_ttd"] == datetime.date(2024, 2, 5)


@pytest.mark.django_db
def test_an_american_date_is_refused_in_indonesian():
    """Month first, "02/25/2024" names a 25th month: the day and month are to be checked."""
    iku = IkuFactory()
    form = DokumenKepalaForm(_isian(iku, tanggal_ttd="02/25/2024"), instance=iku)
    assert form.errors["tanggal_ttd"] == [PESAN_TANGGAL_TIDAK_ADA]
    form = DokumenKepalaForm(_isian(iku, tanggal_ttd="besok pagi"), instance=iku)
    assert form.errors["tanggal_ttd"] == [PESAN_TANGGAL_TIDAK_TERBACA]


@pytest.mark.django_db
def test_the_stored_date_is_shown_day_first():
    iku = IkuFactory(tanggal_ttd=datetime.date(2024, 1, 26))
    html = str(DokumenKepalaForm(instance=iku)["tanggal_ttd"])
    assert 'value="26/01/2024"' in html


@pytest.mark.django_db
def test_a_month_without_its_day_dates_the_document_to_the_month():
    iku = IkuFactory()
    form = DokumenKepalaForm(_isian(iku, tanggal_ttd="Januari 2025"), instance=iku)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["tanggal_ttd"] == datetime.date(2025, 1, 1)
    assert form.cleaned_data["tanggal_ttd_presisi"] == PresisiTanggal.BULAN


@pytest.mark.django_db
def test_a_document_dated_to_the_month_shows_the_month_only():
    iku = IkuFactory(
        tanggal_ttd=datetime.date(2024, 1, 1), tanggal_ttd_presisi=PresisiTanggal.BULAN
    )
    assert 'value="Januari 2024"' in str(DokumenKepalaForm(instance=iku)["tanggal_ttd"])


@pytest.mark.django_db
@pytest.mark.parametrize("ditulis", ["31/02/2025", "30 Februari 2025", "2025-13-01"])
def test_a_day_the_calendar_lacks_is_said_so(ditulis):
    iku = IkuFactory()
    form = DokumenKepalaForm(_isian(iku, tanggal_ttd=ditulis), instance=iku)
    assert form.errors["tanggal_ttd"] == [PESAN_TANGGAL_TIDAK_ADA]
