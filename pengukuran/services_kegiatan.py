"""Writes of the RAK's realisasi: a quarter's kegiatan entries saved as a whole, all or
nothing, under the TW report's own lock, window and DRAF-only rule
(`services.laporan_kunci`), as the indicators' figures are.

Realisasi anggaran is the quarter's own spending. Above the kegiatan's anggaran over the year
it is refused, not warned: serapan is realisasi ÷ pagu (DOMAIN.md §4) and spending beyond the
DIPA ceiling cannot be booked, so a total above 100 % is a typing error. A kegiatan the RAK
gives no anggaran takes no spending, so the satker's serapan stays a true ratio.
"""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dokumen.models import Dokumen, StatusDokumen
from pengukuran.models import LaporanTriwulan
from pengukuran.models_kegiatan import RealisasiKegiatan, StatusKegiatan
from pengukuran.serapan import NOL, rupiah_desimal
from pengukuran.services import laporan_kunci, laporan_naik
from perjanjian_kinerja.models import NAMA_TRIWULAN
from rencana_aksi.models import BarisRak
from satker.akses import Pengguna
from satker.models import Satker

JENIS_RAK = "RAK"
KOLOM_KEGIATAN = frozenset({"status", "catatan", "realisasi_anggaran"})
RUPIAH_MAKS = Decimal(10) ** 15  # the RAK's own ceiling (dokumen.validasi.ANGGARAN_MAKSIMUM)
SEN = Decimal("0.01")
PESAN_BERBUKTI = (
    "Realisasi kegiatan ini punya bukti dukung: hapus dulu bukti dukungnya bila isiannya "
    "dikosongkan."
)


def rak_terbit(satker: Satker, tahun: int) -> Dokumen | None:
    """The satker's RAK of `tahun` in force: its newest published version."""
    return (
        Dokumen.objects.filter(
            satker=satker, jenis=JENIS_RAK, tahun=tahun, status=StatusDokumen.TERBIT
        )
        .order_by("-versi")
        .first()
    )


def _rupiah(nilai: Any) -> Decimal | None:
    if nilai is None or nilai == "":
        return None
    if isinstance(nilai, bool) or not isinstance(nilai, Decimal | int):
        raise TypeError
    return Decimal(nilai)


def kosong(isian: dict[str, Any]) -> bool:
    return (
        not isian.get("status")
        and not (isian.get("catatan") or "").strip()
        and isian.get("realisasi_anggaran") in (None, "")
    )


def masalah_kegiatan(
    baris: BarisRak, isian: dict[str, Any], *, tw_lain: Decimal = NOL, tw: int = 1
) -> dict[str, str]:
    """What is wrong with one kegiatan's entry, by field ({} when nothing). `tw_lain` is what
    the other quarters of the year already spent on it."""
    asing = set(isian) - KOLOM_KEGIATAN
    if asing:
        return {"__all__": f"Kolom tidak dikenal: {', '.join(sorted(asing))}."}
    if kosong(isian):
        return {}
    masalah: dict[str, str] = {}
    if isian.get("status") not in StatusKegiatan.values:
        masalah["status"] = "Pilih pelaksanaan kegiatan: terlaksana, sebagian, atau tidak."
    try:
        nilai = _rupiah(isian.get("realisasi_anggaran"))
    except TypeError:
        masalah["realisasi_anggaran"] = "Realisasi anggaran harus berupa angka rupiah."
        return masalah
    if nilai is None:
        return masalah
    if not nilai.is_finite() or nilai >= RUPIAH_MAKS:
        masalah["realisasi_anggaran"] = "Realisasi anggaran terlalu besar."
    elif nilai < 0:
        masalah["realisasi_anggaran"] = "Realisasi anggaran tidak boleh negatif."
    elif nilai != nilai.quantize(SEN):
        masalah["realisasi_anggaran"] = "Realisasi anggaran paling banyak 2 angka di belakang koma."
    elif baris.anggaran is None and nilai > 0:
        masalah["realisasi_anggaran"] = (
            "Kegiatan ini tidak beranggaran di RAK, jadi realisasi anggarannya tidak dapat "
            "diisi. Catat belanjanya pada kegiatan yang memuat anggarannya."
        )
    elif baris.anggaran is not None and tw_lain + nilai > baris.anggaran:
        sisa = max(Decimal(baris.anggaran) - tw_lain, NOL)
        masalah["realisasi_anggaran"] = (
            f"Realisasi anggaran tahun ini menjadi {rupiah_desimal(tw_lain + nilai)}, melebihi "
            f"anggaran kegiatan {rupiah_desimal(baris.anggaran)} (serapan di atas 100 %). "
            f"Sisa yang dapat direalisasikan pada {NAMA_TRIWULAN[tw]}: {rupiah_desimal(sisa)}."
        )
    return masalah


def baris_rak(rak: Dokumen) -> dict[int, BarisRak]:
    return {b.pk: b for b in BarisRak.objects.filter(sasaran__dokumen=rak)}


def belanja_tw_lain(laporan: LaporanTriwulan) -> dict[str, Decimal]:
    """Per row key, what the year's other quarters spent (their rows may be of an older RAK
    version: a row keeps its key)."""
    jumlah: dict[str, Decimal] = defaultdict(lambda: NOL)
    for kunci, nilai in (
        RealisasiKegiatan.objects.filter(
            laporan__satker_id=laporan.satker_id,
            laporan__tahun=laporan.tahun,
            realisasi_anggaran__isnull=False,
        )
        .exclude(laporan=laporan)
        .values_list("baris__kunci", "realisasi_anggaran")
    ):
        jumlah[kunci] += nilai
    return jumlah


@transaction.atomic
def kegiatan_simpan(
    *,
    laporan: LaporanTriwulan,
    isian: dict[int, dict[str, Any]],
    suntingan: int,
    oleh: Pengguna,
) -> LaporanTriwulan:
    """Save the quarter's kegiatan entries ({RAK row id: entry}) of a draft report as a whole.

    An entry left wholly empty removes that kegiatan's realisasi; the others are created or
    updated, onto the row of the RAK in force (an entry of an older version's row moves to
    its successor, by key). Raises ValidationError keyed "<row id>-<field>" (nothing saved),
    and what `laporan_kunci` raises: `LaporanBerubah`, `LaporanTidakBisaDiubah`,
    `MasaPelaporanDitutup`.
    """
    terkunci = laporan_kunci(laporan, suntingan)
    rak = rak_terbit(terkunci.satker, terkunci.tahun)
    if rak is None:
        raise ValidationError(
            f"Belum ada Rencana Aksi Kinerja {terkunci.tahun} yang terbit: realisasi kegiatan "
            "diisi terhadap RAK yang sudah terbit."
        )
    baris = baris_rak(rak)
    lain = belanja_tw_lain(terkunci)
    ada = {
        r.baris.kunci: r
        for r in terkunci.realisasi_kegiatan.select_related("baris").prefetch_related("bukti")
    }
    masalah: dict[str, str] = {}
    for baris_id, data in isian.items():
        if baris_id not in baris:
            masalah[f"{baris_id}-__all__"] = "Kegiatan ini tidak ada pada RAK yang berlaku."
            continue
        kunci = baris[baris_id].kunci
        for kolom, pesan in masalah_kegiatan(
            baris[baris_id], data, tw_lain=lain[kunci], tw=terkunci.tw
        ).items():
            masalah[f"{baris_id}-{kolom}"] = pesan
        entri = ada.get(kunci)
        if kosong(data) and entri is not None and entri.bukti.all():
            masalah.setdefault(f"{baris_id}-__all__", PESAN_BERBUKTI)
    if masalah:
        raise ValidationError(masalah)

    for baris_id, data in isian.items():
        entri = ada.get(baris[baris_id].kunci)
        if kosong(data):
            if entri is not None:
                entri.delete()
            continue
        entri = entri or RealisasiKegiatan(laporan=terkunci)
        entri.baris_id = baris_id
        entri.status = data["status"]
        entri.catatan = (data.get("catatan") or "").strip()
        entri.realisasi_anggaran = _rupiah(data.get("realisasi_anggaran"))
        entri.diisi_oleh = oleh
        entri.full_clean(exclude=["laporan", "baris", "diisi_oleh"])
        entri.save()
    return laporan_naik(terkunci)
