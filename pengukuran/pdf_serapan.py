"""The serapan anggaran section of the TW report's PDF (templates/pdf/_serapan.html): the
satker's serapan to the report's quarter per RAK sasaran, and the same SVG chart as the
kegiatan page (`pengukuran.grafik_serapan`). Nothing when the year has no published RAK."""

from typing import Any

from pengukuran.grafik_serapan import grafik_serapan
from pengukuran.models import LaporanTriwulan
from pengukuran.selectors_kegiatan import tabel_kegiatan


def konteks_serapan(laporan: LaporanTriwulan) -> dict[str, Any] | None:
    tabel = tabel_kegiatan(laporan.satker, laporan.tahun)
    if tabel.rak is None:
        return None
    tw = laporan.tw - 1
    return {
        "kelompok": [
            (k.sasaran, k.serapan[tw]) for k in tabel.kelompok if k.serapan[tw].anggaran is not None
        ],
        "satker": tabel.serapan[tw],
        "grafik": grafik_serapan(tabel.serapan, _judul(laporan), tabel.dilaporkan),
    }


def _judul(laporan: LaporanTriwulan) -> str:
    return f"Serapan anggaran {laporan.satker.nama} {laporan.tahun}"
