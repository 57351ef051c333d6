"""One date-time style everywhere: "2 Desember 2026 pukul 03.20 WIB"."""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.utils import formats, timezone, translation

from kpu_kinerja.formats import waktu_lengkap

# 20.20 UTC on 1 December is 03.20 the next day in Jakarta (UTC+7).
MALAM_UTC = datetime.datetime(2026, 12, 1, 20, 20, tzinfo=datetime.UTC)
DIHARAPKAN = "2 Desember 2026 pukul 03.20 WIB"


def test_the_helper_prints_the_time_in_the_sites_zone():
    assert waktu_lengkap(MALAM_UTC) == DIHARAPKAN


def test_djangos_datetime_format_prints_the_same_so_the_admin_agrees():
    with translation.override("id"):
        assert formats.date_format(timezone.localtime(MALAM_UTC), "DATETIME_FORMAT") == DIHARAPKAN


def test_the_template_filter_prints_it_and_nothing_for_none():
    template = Template("{% load kinerja %}[{{ a|waktu }}][{{ b|waktu }}]")
    assert template.render(Context({"a": MALAM_UTC, "b": None})) == f"[{DIHARAPKAN}][]"


def test_no_template_formats_a_time_by_hand():
    """A `|date:"…"` with hours or minutes is a second date-time style: use `|waktu`."""
    dengan_jam = re.compile(r"""\|date:\s*["'][^"']*[HGhgiA][^"']*["']""")
    salah = [
        f"{path.relative_to(settings.BASE_DIR)}:{nomor}"
        for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        for nomor, baris in enumerate(path.read_text().splitlines(), start=1)
        if dengan_jam.search(baris)
    ]
    assert salah == []
