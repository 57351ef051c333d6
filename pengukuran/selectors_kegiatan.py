"""Reads of the RAK's realisasi: a satker's year as kegiatan × TW I–IV with each quarter's
entry and the serapan so far, by RAK sasaran, in a constant number of queries.

The RAK rows carry no program (DOMAIN.md §3, §9), so the groups between kegiatan and satker
are the RAK's own sasaran, as its paper table groups them. Entries are matched to rows by the
row's `kunci`, so a quarter reported against an older RAK version still counts.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from dokumen.models import Dokumen
from pengukuran.models import LaporanTriwulan
from pengukuran.models_bukti import BuktiDukung
from pengukuran.models_kegiatan import RealisasiKegiatan
from pengukuran.selectors_bukti import BerkasBukti, keadaan_berkas
from pengukuran.serapan import Serapan, SerapanKegiatan, serapan_gabungan, serapan_kegiatan
from pengukuran.services_kegiatan import rak_terbit
from rencana_aksi.models import BarisRak, SasaranRak
from satker.models import Satker


@dataclass
class BarisKegiatan:
    baris: BarisRak
    realisasi: list[RealisasiKegiatan | None]  # per quarter
    serapan: SerapanKegiatan
    berkas_bukti: list[BerkasBukti] = field(default_factory=list)  # the `bukti_tw` entry's


@dataclass
class KelompokKegiatan:
    sasaran: SasaranRak
    kegiatan: list[BarisKegiatan]
    serapan: tuple[Serapan, ...]


@dataclass
class TabelKegiatan:
    rak: Dokumen | None
    laporan: dict[int, LaporanTriwulan]
    kelompok: list[KelompokKegiatan]
    serapan: tuple[Serapan, ...]  # the satker's, per quarter

    @property
    def dilaporkan(self) -> tuple[bool, ...]:
        """Per quarter, whether any kegiatan has an entry in it."""
        return tuple(
            any(k.realisasi[tw] is not None for g in self.kelompok for k in g.kegiatan)
            for tw in range(4)
        )

    @property
    def tanpa_anggaran(self) -> int:
        """Kegiatan the RAK gives no anggaran (its merged cell sits on another row)."""
        return sum(not k.serapan.berpagu for g in self.kelompok for k in g.kegiatan)


def tabel_kegiatan(satker: Satker, tahun: int, *, bukti_tw: int | None = None) -> TabelKegiatan:
    """The year's RAK with every quarter's entries and serapan; with `bukti_tw`, that
    quarter's entries carry their evidence files."""
    rak = rak_terbit(satker, tahun)
    laporan = {lap.tw: lap for lap in LaporanTriwulan.objects.filter(satker=satker, tahun=tahun)}
    if rak is None:
        return TabelKegiatan(None, laporan, [], serapan_gabungan([]))
    per_kunci: dict[tuple[str, int], RealisasiKegiatan] = {}
    for entri in RealisasiKegiatan.objects.filter(
        laporan__satker=satker, laporan__tahun=tahun
    ).select_related("baris", "laporan", "diisi_oleh"):
        per_kunci[(entri.baris.kunci, entri.laporan.tw)] = entri
    bukti: dict[int, list[BerkasBukti]] = {}
    if bukti_tw is not None and bukti_tw in laporan:
        for b in BuktiDukung.objects.filter(
            realisasi_kegiatan__laporan=laporan[bukti_tw]
        ).select_related("diunggah_oleh"):
            bukti.setdefault(b.realisasi_kegiatan_id, []).append(BerkasBukti(b, keadaan_berkas(b)))
    kelompok, semua = [], []
    for sasaran in (
        SasaranRak.objects.filter(dokumen=rak)
        .order_by("urutan")
        .prefetch_related(Prefetch("baris", queryset=BarisRak.objects.order_by("urutan")))
    ):
        daftar = []
        for baris in sasaran.baris.all():
            entri = [per_kunci.get((baris.kunci, tw)) for tw in range(1, 5)]
            serapan = serapan_kegiatan(
                baris.anggaran, [e.realisasi_anggaran if e else None for e in entri]
            )
            pilih = entri[bukti_tw - 1] if bukti_tw else None
            berkas = bukti.get(pilih.pk, []) if pilih is not None else []
            daftar.append(BarisKegiatan(baris, entri, serapan, berkas))
        semua += [k.serapan for k in daftar]
        kelompok.append(
            KelompokKegiatan(sasaran, daftar, serapan_gabungan([k.serapan for k in daftar]))
        )
    return TabelKegiatan(rak, laporan, kelompok, serapan_gabungan(semua))
