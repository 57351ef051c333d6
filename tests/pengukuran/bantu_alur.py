"""Helpers of the window and workflow tests: a fixed "now" in Jakarta, and windows."""

import datetime
import zoneinfo

from django.utils import timezone

from pengukuran.models import JendelaPelaporan

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def atur_waktu(monkeypatch, *args: int) -> datetime.datetime:
    """Make `timezone.now()` (so `localdate()` too) a fixed moment, given in Jakarta time."""
    saat = datetime.datetime(*args, tzinfo=WIB)
    monkeypatch.setattr(timezone, "now", lambda: saat)
    return saat


def jendela(oleh, tw=2, dibuka=(2024, 7, 1), ditutup=(2024, 7, 15), provinsi=None, tahun=2024):
    return JendelaPelaporan.objects.create(
        tahun=tahun,
        tw=tw,
        provinsi=provinsi,
        dibuka=datetime.date(*dibuka),
        ditutup=datetime.date(*ditutup),
        ditetapkan_oleh=oleh,
    )
