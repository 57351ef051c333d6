"""Reads of the TW report workflow: the satker asked for, within the user's reach, and the
context of the workflow panel (`templates/pengukuran/_alur_laporan.html`)."""

from typing import Any

from django.http import Http404

from dokumen.form_baris import TEKS_MAKS
from pengukuran.alur import aksi_tersedia, boleh_buka_kembali
from pengukuran.jendela import keadaan_jendela
from pengukuran.models import AksiLaporan, LaporanTriwulan, StatusLaporan
from perjanjian_kinerja.models import NAMA_TRIWULAN, TRIWULAN
from satker.akses import Pengguna, satker_terlihat
from satker.models import Satker


def satker_ambil(user: Pengguna, kode: str) -> Satker:
    """The satker `kode` if `user` may see it; else 404 (as an unknown one)."""
    try:
        return satker_terlihat(user).get(kode=kode)
    except Satker.DoesNotExist:
        raise Http404("Satker tidak ditemukan.") from None


def tw_sah(tw: int) -> int:
    if tw not in TRIWULAN:
        raise Http404("Triwulan tidak dikenal.")
    return tw


def konteks_alur(
    user: Pengguna,
    satker: Satker,
    tahun: int,
    tw: int,
    *,
    kembali: str = "",
    form_aksi=None,
    form_buka=None,
) -> dict[str, Any]:
    """What the workflow panel shows, in three queries (window, report, history); the
    partial reads it under one name, `alur`, so it cannot clash with the including page's:

    - `satker`, `tahun`, `tw`, `nama_tw` ("TW II"), `laporan` (None until opened);
    - `status` (a `StatusLaporan`; DRAF when not opened) and `status_label`;
    - `jendela` (`pengukuran.jendela.KeadaanJendela`: `masa` with `dibuka`/`ditutup`,
      `terbuka`, `sisa_hari`, `dibuka_kembali`, `batas`, `pesan_tutup`) and `terlambat`;
    - `aksi_tersedia` (AksiLaporan values this user may take now), `boleh_buka_kembali`;
    - `riwayat` (the steps, oldest first, with `oleh`);
    - `kembali`: the page to return to after a step (the including page's path);
    - `form_aksi`, `form_buka`: bound forms with errors, when a step was refused by them.
    """
    laporan = (
        LaporanTriwulan.objects.filter(satker=satker, tahun=tahun, tw=tw)
        .select_related("bukti_diperiksa_oleh")
        .first()
    )
    if laporan is not None:
        laporan.satker = satker  # the rule asks the satker: no query for it again
    keadaan = keadaan_jendela(satker, tahun, tw)
    status = laporan.status if laporan is not None else StatusLaporan.DRAF
    aksi = aksi_tersedia(user, laporan) if laporan is not None else []
    if not keadaan.terbuka:
        # Submitting is refused outside the window: the panel says why instead of a button.
        aksi = [a for a in aksi if a != AksiLaporan.AJUKAN]
    return {
        "satker": satker,
        "tahun": tahun,
        "tw": tw,
        "nama_tw": NAMA_TRIWULAN[tw],
        "laporan": laporan,
        "status": status,
        "status_label": StatusLaporan(status).label,
        "jendela": keadaan,
        "terlambat": keadaan.terlambat(laporan.status if laporan is not None else None),
        "aksi_tersedia": aksi,
        "boleh_buka_kembali": boleh_buka_kembali(user, satker) and keadaan.masa is not None,
        "riwayat": list(laporan.riwayat.select_related("oleh")) if laporan is not None else [],
        "kembali": kembali,
        "form_aksi": form_aksi,
        "form_buka": form_buka,
        "teks_maks": TEKS_MAKS,
    }
