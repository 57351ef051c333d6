"""The body of a provinsi's matrix page (the counts, satker × TW and the roll-up), rendered
once per version of its data and filter.

Every reviewer of a provinsi opens the same page around a deadline. Its version
(`versi_pengukuran`, read once for the matrix and the roll-up) and the filter make the key;
on a hit nothing else is read or unpickled but the HTML and the satker count beside it.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from pengukuran.rekap import (
    UMUR_CACHE_REKAP,
    Saringan,
    kabkota_provinsi,
    kunci_rekap,
    rekap_provinsi,
)
from pengukuran.rollup import rollup
from pengukuran.versi import versi_pengukuran
from satker.akses import Pengguna, kunci_cakupan
from satker.models import Satker


@dataclass(frozen=True)
class IsiRekap:
    html: SafeString
    jumlah_satker: int  # before the filter, for the page's heading


def isi_rekap(
    user: Pengguna,
    provinsi: Satker,
    tahun: int,
    saringan: Saringan,
    *,
    hari: datetime.date | None = None,
) -> IsiRekap:
    """`provinsi` already checked visible to `user` (`provinsi_rekap`): the satker of its
    roll-up are then those of its matrix, so one version serves both."""
    hari = hari or timezone.localdate()
    versi = versi_pengukuran(kabkota_provinsi(provinsi), tahun)
    kunci = kunci_rekap(provinsi, tahun, hari, versi=versi)
    sidik = hashlib.sha256(repr(saringan).encode()).hexdigest()[:16]  # a key has no spaces
    kunci_html = f"rekap-html:{kunci}:{kunci_cakupan(user)}:{sidik}"
    simpanan = cache.get(kunci_html)
    if simpanan is None:
        rekap = rekap_provinsi(provinsi, tahun, saringan, hari=hari, kunci=kunci)
        hasil = rollup(user, tahun, provinsi, versi=versi)
        konteks = {"rekap": rekap, "rollup": hasil, "provinsi": provinsi}
        simpanan = (render_to_string("pengukuran/_rekap_isi.html", konteks), rekap.jumlah_satker)
        cache.set(kunci_html, simpanan, UMUR_CACHE_REKAP)
    html, jumlah = simpanan
    return IsiRekap(mark_safe(html), jumlah)  # noqa: S308 — our own autoescaping template
