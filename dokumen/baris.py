"""A document's rows as data, by type: read them out, and replace them, in one shape."""

from typing import Any

from dokumen.models import Dokumen, JenisDokumen
from indikator.selectors import baris_iku_data
from indikator.services import baris_iku_ganti
from rencana_aksi.selectors import rak_data, rkt_data
from rencana_aksi.services import rak_ganti, rkt_ganti


def data_baris(dokumen: Dokumen) -> list[dict[str, Any]]:
    """IKU: a list of rows; RKT/RAK: a list of sasaran with their rows nested."""
    if dokumen.jenis == JenisDokumen.IKU:
        return baris_iku_data(dokumen)
    if dokumen.jenis == JenisDokumen.RKT:
        return rkt_data(dokumen)
    return rak_data(dokumen)


def ganti_baris(dokumen: Dokumen, data: list[dict[str, Any]]) -> None:
    """Replace every row of `dokumen` with `data`, in the shape `data_baris` returns."""
    if dokumen.jenis == JenisDokumen.IKU:
        baris_iku_ganti(dokumen=dokumen, baris=data)
    elif dokumen.jenis == JenisDokumen.RKT:
        rkt_ganti(dokumen=dokumen, sasaran=data)
    else:
        rak_ganti(dokumen=dokumen, sasaran=data)
