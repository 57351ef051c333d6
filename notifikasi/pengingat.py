"""Reminders of the TW reporting windows, run once a day by `manage.py kirim_pengingat` (cron).

For every satker with a published PK of the window's year (the ones that report), on day `hari`:
- JENDELA_DIBUKA: its window is open (by its own dates) and its report is not in yet;
- JENDELA_SEGERA_DITUTUP: open, with 3 days or fewer left, report not in yet;
- JENDELA_DITUTUP: closed (and any reopening over) with the report not in, up to
  `HARI_SUSULAN` days after; a run missed by cron still sends it the next day.
The window is the satker's (pengukuran.jendela: the provinsi's over the national one). Each
reminder of one kind, satker, TW and user is recorded (`PengingatTerkirim`) and never sent
again, so the command can run as often as one likes.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from dokumen.models import StatusDokumen
from kpu_kinerja.formats import tanggal_panjang
from notifikasi.models import JenisNotifikasi, PengingatTerkirim
from notifikasi.penerima import PENULIS, STAF, staf_satker
from notifikasi.services import notifikasi_kirim
from pengukuran.jendela import SELESAI, KeadaanJendela, masa_berlaku
from pengukuran.models import JendelaPelaporan, LaporanTriwulan, PembukaanKembali
from pengukuran.services import JENIS_PK
from satker.models import Satker

HARI_SEGERA = 3
HARI_SUSULAN = 7


@dataclass(frozen=True)
class Pengingat:
    jenis: JenisNotifikasi
    satker: Satker
    keadaan: KeadaanJendela


def _jenis(keadaan: KeadaanJendela) -> list[JenisNotifikasi]:
    if keadaan.masa is None:
        return []
    if keadaan.sudah_ditutup:
        batas = max(keadaan.masa.ditutup, keadaan.dibuka_kembali_sampai or keadaan.masa.ditutup)
        terlambat = (keadaan.hari - batas).days
        return [JenisNotifikasi.JENDELA_DITUTUP] if terlambat <= HARI_SUSULAN else []
    jenis = []
    if keadaan.dalam_masa:
        jenis.append(JenisNotifikasi.JENDELA_DIBUKA)
    if keadaan.sisa_hari is not None and keadaan.sisa_hari <= HARI_SEGERA:
        jenis.append(JenisNotifikasi.JENDELA_SEGERA_DITUTUP)
    return jenis


def pengingat_hari_ini(hari: datetime.date) -> list[Pengingat]:
    """The reminders due on `hari` (sent or not), a few queries per TW with a window."""
    # This year's and last year's TWs opened by now (a reopening may end long after its
    # window); `_jenis` keeps only what is due on the day.
    dekat = JendelaPelaporan.objects.filter(dibuka__lte=hari, tahun__gte=hari.year - 1)
    hasil = []
    for tahun, tw in sorted(set(dekat.values_list("tahun", "tw"))):
        jendela = list(JendelaPelaporan.objects.filter(tahun=tahun, tw=tw))
        melapor = Satker.objects.filter(
            aktif=True,
            dokumen__jenis=JENIS_PK,
            dokumen__tahun=tahun,
            dokumen__status=StatusDokumen.TERBIT,
        ).distinct()
        masuk = set(
            LaporanTriwulan.objects.filter(tahun=tahun, tw=tw, status__in=SELESAI).values_list(
                "satker_id", flat=True
            )
        )
        buka = dict(
            PembukaanKembali.objects.filter(tahun=tahun, tw=tw)
            .values("satker_id")
            .annotate(sampai=Max("sampai"))
            .values_list("satker_id", "sampai")
        )
        for satker in melapor.order_by("pk"):
            if satker.pk in masuk:
                continue
            masa = masa_berlaku(jendela, satker.induk_id, tahun, tw)
            keadaan = KeadaanJendela(tahun, tw, masa, buka.get(satker.pk), hari)
            hasil += [Pengingat(j, satker, keadaan) for j in _jenis(keadaan)]
    return hasil


def _isi(p: Pengingat) -> tuple[str, str]:
    k = p.keadaan
    if p.jenis == JenisNotifikasi.JENDELA_DIBUKA:
        return (
            f"Masa pelaporan {k.nama} {p.satker} dibuka",
            f"Masa pelaporan {k.nama} dibuka {tanggal_panjang(k.masa.dibuka)} sampai "
            f"{tanggal_panjang(k.batas)}. Isi realisasi dan ajukan laporannya.",
        )
    if p.jenis == JenisNotifikasi.JENDELA_SEGERA_DITUTUP:
        return (
            f"Masa pelaporan {k.nama} {p.satker} ditutup {tanggal_panjang(k.batas)}",
            f"Tinggal {k.sisa_hari} hari: masa pelaporan {k.nama} ditutup pada akhir "
            f"{tanggal_panjang(k.batas)}, dan laporannya belum diajukan.",
        )
    return (
        f"Laporan {k.nama} {p.satker} belum diajukan",
        f"{k.pesan_tutup} Laporan {k.nama} {p.satker} belum diajukan; bila masih perlu "
        "diajukan, mintalah reviewer provinsi membuka kembali masa pelaporannya.",
    )


@transaction.atomic
def pengingat_kirim(*, hari: datetime.date) -> dict[str, int]:
    """Send the reminders due on `hari` not sent before; {kind: recipients told}."""
    terkirim: dict[str, int] = defaultdict(int)
    for p in pengingat_hari_ini(hari):
        peran = STAF if p.jenis == JenisNotifikasi.JENDELA_DITUTUP else PENULIS
        sudah = set(
            PengingatTerkirim.objects.filter(
                jenis=p.jenis, satker=p.satker, tahun=p.keadaan.tahun, tw=p.keadaan.tw
            ).values_list("penerima_id", flat=True)
        )
        baru = [u for u in staf_satker(p.satker, peran) if u.pk not in sudah]
        if not baru:
            continue
        PengingatTerkirim.objects.bulk_create(
            [
                PengingatTerkirim(
                    jenis=p.jenis,
                    satker=p.satker,
                    tahun=p.keadaan.tahun,
                    tw=p.keadaan.tw,
                    penerima=u,
                )
                for u in baru
            ],
            ignore_conflicts=True,
        )
        judul, teks = _isi(p)
        notifikasi_kirim(
            penerima=baru,
            jenis=p.jenis,
            judul=judul,
            teks=teks,
            tautan=reverse(
                "pengukuran:triwulan", args=[p.satker.kode, p.keadaan.tahun, p.keadaan.tw]
            ),
        )
        terkirim[p.jenis] += len(baru)
    return dict(terkirim)
