"""The TW report workflow: draf → diajukan → disetujui, checked in one service.

Who may do what (a user outside the satker's reach never gets here: the views 404 first):
- ajukan: the satker's writers (Operator, Sekretaris, Admin RI), inside the TW's reporting
  window, once every indicator of the PK is filled or marked not measurable with its reason;
- setujui: the Sekretaris or the Ketua of the satker;
- kembalikan (with a note): the Sekretaris or Ketua of the satker, a reviewer of its provinsi,
  or KPU RI; the evidence check is cleared, since the figures will change;
- tandai bukti diperiksa: a reviewer of its provinsi, or KPU RI, on a submitted or approved
  report (the status stays);
- buka kembali (with a reason and a date): a reviewer of its provinsi, or KPU RI
  (`laporan_buka_kembali`).
Every step locks the report row and writes one `RiwayatLaporan`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dokumen.alur import PESAN_CATATAN_WAJIB
from dokumen.penolakan import TidakBerhak, TransisiDitolak
from dokumen.sinyal import kirim_setelah_commit
from kpu_kinerja.formats import tanggal_panjang, waktu_lengkap
from pengukuran.jendela import hari_ini, keadaan_jendela
from pengukuran.models import (
    AksiLaporan,
    LaporanTriwulan,
    PembukaanKembali,
    RiwayatLaporan,
    StatusLaporan,
)
from pengukuran.services import berwenang_atas, laporan_buka
from pengukuran.sinyal import langkah_laporan
from pengukuran.ttd import laporan_terkunci
from perjanjian_kinerja.models import NAMA_TRIWULAN, IndikatorPk
from satker.akses import Pengguna, boleh_menulis, profil_pengguna
from satker.models import Peran, Satker

PESAN_TIDAK_BERHAK = "Peran Anda tidak berhak melakukan langkah ini pada laporan ini."
PESAN_ALASAN_WAJIB = "Tulis alasan masa pelaporan dibuka kembali."

PESAN_SUDAH_DITANDATANGANI = (
    "Laporan ini sudah ditandatangani: isinya tidak dapat dikembalikan menjadi draf."
)


def _penulis(user: Pengguna, satker: Satker) -> bool:
    return boleh_menulis(user, satker)


def _pimpinan(user: Pengguna, satker: Satker) -> bool:
    """The Sekretaris or the Ketua of the satker."""
    profil = profil_pengguna(user)
    return bool(
        profil and profil.peran in (Peran.SEKRETARIS, Peran.KETUA) and profil.satker_id == satker.pk
    )


def peninjau(user: Pengguna, satker: Satker) -> bool:
    """A reviewer of the satker's provinsi, or KPU RI (Admin RI, superuser)."""
    return berwenang_atas(user, satker.induk_id)


def _pimpinan_atau_peninjau(user: Pengguna, satker: Satker) -> bool:
    return _pimpinan(user, satker) or peninjau(user, satker)


@dataclass(frozen=True)
class Transisi:
    dari: frozenset[str]
    ke: str | None  # None: the status stays
    berhak: Callable[[Pengguna, Satker], bool]
    butuh_catatan: bool = False


# What a step changes on the report.
KOLOM_ALUR = ("status", "suntingan", "bukti_diperiksa_oleh", "bukti_diperiksa_pada")
_TERKIRIM = frozenset({StatusLaporan.DIAJUKAN, StatusLaporan.DISETUJUI})

TRANSISI = {
    AksiLaporan.AJUKAN: Transisi(frozenset({StatusLaporan.DRAF}), StatusLaporan.DIAJUKAN, _penulis),
    AksiLaporan.SETUJUI: Transisi(
        frozenset({StatusLaporan.DIAJUKAN}), StatusLaporan.DISETUJUI, _pimpinan
    ),
    AksiLaporan.KEMBALIKAN: Transisi(
        _TERKIRIM, StatusLaporan.DRAF, _pimpinan_atau_peninjau, butuh_catatan=True
    ),
    AksiLaporan.TANDAI_BUKTI: Transisi(_TERKIRIM, None, peninjau),
}


def aksi_tersedia(user: Pengguna, laporan: LaporanTriwulan) -> list[str]:
    """The steps `user` may take on `laporan` now (for the buttons); reopening is offered
    apart (`boleh_buka_kembali`). A signed report is not offered a return."""
    ditandatangani = laporan.status == StatusLaporan.DISETUJUI and laporan_terkunci(laporan)
    return [
        aksi
        for aksi, transisi in TRANSISI.items()
        if laporan.status in transisi.dari
        and transisi.berhak(user, laporan.satker)
        and not (aksi == AksiLaporan.TANDAI_BUKTI and laporan.bukti_diperiksa_pada)
        and not (aksi == AksiLaporan.KEMBALIKAN and ditandatangani)
    ]


def boleh_buka_kembali(user: Pengguna, satker: Satker) -> bool:
    return peninjau(user, satker)


def indikator_kosong(laporan: LaporanTriwulan) -> list[str]:
    """The PK indicators the report has no figure for, nor a "not measurable" mark, as
    "1.2 <indikator>" (sasaran number, the indicator's place in it)."""
    terisi = {r.indikator_id for r in laporan.realisasi.all() if r.terisi}
    kosong = []
    for i in (
        IndikatorPk.objects.filter(sasaran__dokumen_id=laporan.perjanjian_id)
        .select_related("sasaran")
        .order_by("sasaran__urutan", "urutan")
    ):
        if i.pk not in terisi:
            nomor = (i.sasaran.nomor or "").rstrip(".")
            kosong.append(f"{nomor}.{i.urutan} {i.indikator}" if nomor else i.indikator)
    return kosong


def _periksa_ajukan(laporan: LaporanTriwulan) -> None:
    keadaan = keadaan_jendela(laporan.satker, laporan.tahun, laporan.tw)
    if not keadaan.terbuka:
        raise TransisiDitolak(keadaan.pesan_tutup)
    kosong = indikator_kosong(laporan)
    if kosong:
        raise TransisiDitolak(
            "Laporan belum lengkap. Indikator yang belum diisi: "
            + "; ".join(kosong)
            + ". Isi realisasinya, atau tandai tidak dapat diukur dengan alasannya."
        )


def _kunci(laporan: LaporanTriwulan) -> LaporanTriwulan:
    # of=self: the satker row read with it is not locked.
    return (
        LaporanTriwulan.objects.select_for_update(of=("self",))
        .select_related("satker", "bukti_diperiksa_oleh")
        .get(pk=laporan.pk)
    )


@transaction.atomic
def laporan_transisi(
    *, laporan: LaporanTriwulan, user: Pengguna, aksi: str, catatan: str = ""
) -> LaporanTriwulan:
    """Take one workflow step, record who, when and the note; raise `TidakBerhak` (403) or
    `TransisiDitolak` (its message says why) when it is not allowed."""
    transisi = TRANSISI.get(aksi)
    if transisi is None:
        raise TransisiDitolak("Aksi tidak dikenal.")
    terkunci = _kunci(laporan)
    if not transisi.berhak(user, terkunci.satker):
        raise TidakBerhak(PESAN_TIDAK_BERHAK)
    if terkunci.status not in transisi.dari:
        raise TransisiDitolak(
            f"Laporan berstatus {terkunci.get_status_display().lower()}; langkah ini tidak "
            "dapat dilakukan sekarang."
        )
    catatan = catatan.strip()
    if transisi.butuh_catatan and not catatan:
        raise TransisiDitolak(PESAN_CATATAN_WAJIB)
    if aksi == AksiLaporan.AJUKAN:
        _periksa_ajukan(terkunci)
    elif aksi == AksiLaporan.TANDAI_BUKTI:
        if terkunci.bukti_diperiksa_pada is not None:
            raise TransisiDitolak(
                f"Bukti laporan ini sudah ditandai diperiksa oleh "
                f"{terkunci.bukti_diperiksa_oleh.get_username()} pada "
                f"{waktu_lengkap(terkunci.bukti_diperiksa_pada)}."
            )
        terkunci.bukti_diperiksa_oleh, terkunci.bukti_diperiksa_pada = user, timezone.now()
    elif aksi == AksiLaporan.KEMBALIKAN:
        if laporan_terkunci(terkunci):
            # What was signed is frozen: a correction is a matter for a new report, not a draft.
            raise TransisiDitolak(PESAN_SUDAH_DITANDATANGANI)
        terkunci.bukti_diperiksa_oleh, terkunci.bukti_diperiksa_pada = None, None
    ke = transisi.ke or terkunci.status
    RiwayatLaporan.objects.create(
        laporan=terkunci,
        aksi=aksi,
        dari_status=terkunci.status,
        ke_status=ke,
        oleh=user,
        catatan=catatan,
    )
    terkunci.status = ke
    # An entry form opened before the step is refused when it saves (LaporanBerubah).
    terkunci.suntingan = F("suntingan") + 1
    terkunci.save(update_fields=[*KOLOM_ALUR, "diubah"])
    terkunci.refresh_from_db()
    kirim_setelah_commit(
        langkah_laporan,
        LaporanTriwulan,
        laporan_pk=terkunci.pk,
        aksi=aksi,
        oleh=user,
        catatan=catatan,
    )
    return terkunci


@transaction.atomic
def laporan_buka_kembali(
    *,
    satker: Satker,
    tahun: int,
    tw: int,
    user: Pengguna,
    alasan: str,
    sampai: datetime.date,
) -> PembukaanKembali:
    """Reopen `satker`'s TW until the end of `sampai`, with the reason, recorded in the
    report's history (the report is opened if it was not: a reopening is for entering it)."""
    if not peninjau(user, satker):
        raise TidakBerhak(PESAN_TIDAK_BERHAK)
    alasan = alasan.strip()
    if not alasan:
        raise TransisiDitolak(PESAN_ALASAN_WAJIB)
    hari = hari_ini()
    if sampai < hari:
        raise TransisiDitolak(
            f"Tanggal dibuka sampai tidak boleh sebelum hari ini ({tanggal_panjang(hari)})."
        )
    keadaan = keadaan_jendela(satker, tahun, tw, hari=hari)
    if keadaan.masa is None:
        raise TransisiDitolak(
            f"Belum ada masa pelaporan {NAMA_TRIWULAN[tw]} {tahun}: pelaporannya terbuka tanpa "
            "batas waktu, tidak perlu dibuka kembali."
        )
    pembukaan = PembukaanKembali(
        satker=satker, tahun=tahun, tw=tw, alasan=alasan, sampai=sampai, oleh=user
    )
    pembukaan.full_clean()
    pembukaan.save()
    terkunci = _kunci(laporan_buka(satker=satker, tahun=tahun, tw=tw))
    RiwayatLaporan.objects.create(
        laporan=terkunci,
        aksi=AksiLaporan.BUKA_KEMBALI,
        dari_status=terkunci.status,
        ke_status=terkunci.status,
        oleh=user,
        catatan=f"{alasan} (dibuka sampai {tanggal_panjang(sampai)})",
    )
    return pembukaan
