"""Signing an approved TW report, and what a signature freezes.

Who signs: the Sekretaris, the satker's active official of that jabatan. The report accounts
for what the PK's Pihak Pertama committed to, and the Sekretaris is that party (DOMAIN.md §2:
"PK: Pihak Pertama = Sekretaris"); the Ketua's part, as the PK's "selaku atasan", is the
approval that comes before (status DISETUJUI). One party, as the RAK, so one signature.

Signing renders the final PDF once with a new token (its QR code), signs it through the
shared step (`dokumen.penandatanganan.tandatangani_pdf`: PAdES, the official's own key, at the
box printed for them) and stores the file, its SHA-256 and the frozen record. From then on the
report is locked (`laporan_terkunci`) and every download serves those bytes.
"""

import hashlib
from dataclasses import asdict

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dokumen.penandatanganan import (
    akun_pejabat,
    isi_sertifikat,
    sertifikat_pejabat,
    tandatangani_pdf,
    token_baru,
    url_verifikasi,
)
from dokumen.penolakan import TransisiDitolak
from dokumen.selectors import pejabat_aktif
from dokumen.tte import penandatangan_aktif
from pengukuran.laporan import judul_laporan
from pengukuran.models import BerkasLaporan, LaporanTriwulan, StatusLaporan, TandaTanganLaporan
from pengukuran.pdf import nama_berkas, render_pdf
from satker.akses import Pengguna
from satker.models import Jabatan, Pejabat

JABATAN_PENANDATANGAN = Jabatan.SEKRETARIS


class LaporanDitolak(TransisiDitolak):
    """The report cannot be signed now; the message says why."""


def berkas_laporan(laporan: LaporanTriwulan) -> BerkasLaporan | None:
    """The signed file of `laporan`, or None before it is signed."""
    try:
        return laporan.berkas_ttd
    except BerkasLaporan.DoesNotExist:
        return None


def laporan_terkunci(laporan: LaporanTriwulan) -> bool:
    """Whether `laporan` is signed: its figures, kendala and status can no longer change (the
    services that write a report must refuse then)."""
    return BerkasLaporan.objects.filter(laporan_id=laporan.pk).exists()


def penandatangan_laporan(laporan: LaporanTriwulan) -> Pejabat | None:
    """The official who signs `laporan`: the satker's active Sekretaris (see the module)."""
    return pejabat_aktif(laporan.satker, JABATAN_PENANDATANGAN)


def boleh_tandatangani(user: Pengguna, laporan: LaporanTriwulan) -> bool:
    """Whether `user` is the account of the official who signs `laporan` (any status)."""
    pejabat = penandatangan_laporan(laporan)
    return akun_pejabat(user, laporan.satker_id, pejabat.pk if pejabat else None)


def alasan_tidak_bisa(laporan: LaporanTriwulan) -> str:
    """Why `laporan` cannot be signed by anyone now, in words for the user; "" when it can."""
    if berkas_laporan(laporan) is not None:
        return "Laporan ini sudah ditandatangani."
    if laporan.status != StatusLaporan.DISETUJUI:
        return (
            "Laporan baru dapat ditandatangani setelah disetujui "
            f"(status sekarang: {laporan.get_status_display()})."
        )
    if penandatangan_laporan(laporan) is None:
        return f"Belum ada pejabat {JABATAN_PENANDATANGAN.label} aktif untuk menandatangani."
    return ""


def keadaan_ttd(user: Pengguna, laporan: LaporanTriwulan) -> dict:
    """What the quarter's page says of the report's PDF: signed (its file), or whether `user`
    may sign it now, else why nobody can yet."""
    berkas = berkas_laporan(laporan)
    alasan = "" if berkas is not None else alasan_tidak_bisa(laporan)
    return {
        "berkas": berkas,
        "alasan": alasan,
        "boleh": berkas is None and not alasan and boleh_tandatangani(user, laporan),
    }


def _rekaman(pejabat: Pejabat) -> TandaTanganLaporan:
    return TandaTanganLaporan(
        urutan=1,
        pejabat=pejabat,
        nama=pejabat.nama,
        nip=pejabat.nip,
        jabatan=pejabat.jabatan,
        status_jabatan=pejabat.status,
        sebutan_jabatan=pejabat.sebutan_jabatan,
    )


@transaction.atomic
def laporan_tandatangani(*, laporan: LaporanTriwulan, oleh: Pengguna) -> BerkasLaporan:
    """Sign the approved `laporan` as its signing official, through `oleh`, that official's
    own account; store the PDF and freeze the report. Raises `LaporanDitolak` (nothing
    stored) when it cannot be signed now, `PermissionDenied` for any other account."""
    laporan = (
        LaporanTriwulan.objects.select_for_update().select_related("satker").get(pk=laporan.pk)
    )
    if alasan := alasan_tidak_bisa(laporan):
        raise LaporanDitolak(alasan)
    pejabat = (
        Pejabat.objects.select_for_update()
        .select_related("satker")
        .get(pk=penandatangan_laporan(laporan).pk)
    )
    if not akun_pejabat(oleh, laporan.satker_id, pejabat.pk):
        raise PermissionDenied(
            f"Laporan ini ditandatangani {pejabat.nama} ({JABATAN_PENANDATANGAN.label}) melalui "
            "akunnya sendiri; akun Anda tidak dapat menandatanganinya."
        )
    penandatangan = penandatangan_aktif()
    sertifikat = sertifikat_pejabat(laporan, penandatangan, pejabat)
    rekaman = _rekaman(pejabat)
    tanggal = timezone.localdate()
    token = token_baru()
    url = url_verifikasi(token)
    hasil = render_pdf(
        laporan, pejabat=rekaman, tanggal=tanggal, url_verifikasi=url, sertifikat=(sertifikat,)
    )
    if hasil.kotak_ttd is None:
        raise LaporanDitolak("Kotak tanda tangan tidak ditemukan pada PDF.")
    pdf, dibuat = tandatangani_pdf(
        laporan,
        hasil.pdf,
        penandatangan=penandatangan,
        pejabat=pejabat,
        kotak=hasil.kotak_ttd,
        url=url,
        alasan=f"Menyampaikan {judul_laporan(laporan)}",
        lokasi=laporan.satker.kota_ttd,
    )
    berkas = BerkasLaporan(
        laporan=laporan,
        sha256=hashlib.sha256(pdf).hexdigest(),
        token_verifikasi=token,
        tanggal_ttd=tanggal,
        tempat_ttd=laporan.satker.kota_ttd,
        ditandatangani_pada=dibuat.waktu,
        ditandatangani_oleh=oleh,
    )
    berkas.berkas_pdf.save(nama_berkas(laporan, draf=False), ContentFile(pdf), save=False)
    try:
        berkas.full_clean()
        berkas.save()
        rekaman.berkas = berkas
        rekaman.kotak = asdict(hasil.kotak_ttd)
        isi_sertifikat(rekaman, dibuat)
        rekaman.full_clean()
        rekaman.save()
    except Exception:
        berkas.berkas_pdf.storage.delete(berkas.berkas_pdf.name)  # no file without its record
        raise
    return berkas
