"""A document's rows as data: read them out, and replace them, in one shape (dokumen.jenis)."""

from typing import Any

from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen


def data_baris(dokumen: Dokumen) -> list[dict[str, Any]]:
    """A flat type (IKU): a list of rows; a grouped one (RKT/RAK): sasaran with rows nested."""
    return jenis_terdaftar(dokumen.jenis).baca_baris(dokumen)


def ganti_baris(dokumen: Dokumen, data: list[dict[str, Any]]) -> None:
    """Replace every row of `dokumen` with `data`, in the shape `data_baris` returns."""
    jenis_terdaftar(dokumen.jenis).ganti_baris(dokumen, data)
