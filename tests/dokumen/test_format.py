import datetime

from django.template import Context, Template
from django.utils import translation

from kpu_kinerja.formats import rupiah, tanggal_panjang


def test_money_reads_as_rupiah():
    assert rupiah(8170412000) == "Rp8.170.412.000"
    assert rupiah(0) == "Rp0"
    assert rupiah(None) == ""


def test_long_dates_spell_the_month_out():
    assert tanggal_panjang(datetime.date(2024, 1, 26)) == "26 Januari 2024"
    assert tanggal_panjang(datetime.date(2024, 1, 3)) == "3 Januari 2024"
    assert tanggal_panjang(datetime.date(2024, 1, 1), dengan_hari=False) == "Januari 2024"


def test_djangos_date_filter_uses_the_overridden_indonesian_format():
    with translation.override("id"):
        html = Template("{{ d|date }}|{{ n|floatformat:'2g' }}").render(
            Context({"d": datetime.date(2024, 1, 26), "n": 8170412000})
        )
    assert html == "26 Januari 2024|8.170.412.000,00"


def test_the_rupiah_filter_renders_in_templates():
    html = Template("{% load kinerja %}{{ a|rupiah }}|{{ b|ribuan }}").render(
        Context({"a": 1500000, "b": 8170412000})
    )
    assert html == "Rp1.500.000|8.170.412.000"
