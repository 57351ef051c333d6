"""Who is told what when a workflow step has committed: the receivers of the signals that
`dokumen.alur`, `dokumen.reviu` and `pengukuran.alur` send through `transaction.on_commit`
(dokumen.sinyal, pengukuran.sinyal), connected in NotifikasiConfig.ready. A step rolled back
sends nothing; a receiver's failure is logged by on_commit's `robust`, never fails the step.
"""

from functools import partial

from django.urls import reverse

from dokumen.models import AksiDokumen, CatatanReviu, Dokumen
from dokumen.selectors import giliran
from notifikasi import penerima
from notifikasi.models import JenisNotifikasi
from notifikasi.services import notifikasi_kirim
from pengukuran.models import AksiLaporan, LaporanTriwulan
from perjanjian_kinerja.models import NAMA_TRIWULAN
from satker.akses import Pengguna
from satker.models import Peran


def setelah_langkah_dokumen(
    sender, *, dokumen_pk: int, aksi: str, oleh: Pengguna, catatan: str, **kwargs
) -> None:
    """After a document's workflow step (`dokumen_transisi`)."""
    dokumen = Dokumen.objects.select_related("satker").get(pk=dokumen_pk)
    satker = dokumen.satker
    tautan = reverse("dokumen:detail", args=[dokumen.pk])
    kirim = partial(notifikasi_kirim, tautan=tautan, kecuali=oleh)
    if aksi == AksiDokumen.AJUKAN:
        kirim(
            penerima=penerima.staf_satker(satker, [Peran.KETUA]),
            jenis=JenisNotifikasi.MENUNGGU_PERSETUJUAN,
            judul=f"{dokumen} menunggu persetujuan Anda",
            teks=f"{dokumen} diajukan oleh {oleh.get_username()} dan menunggu persetujuan Ketua.",
        )
    elif aksi in (AksiDokumen.SETUJUI, AksiDokumen.TANDATANGANI):
        sekarang = giliran(dokumen)
        if sekarang is None:
            return
        kirim(
            penerima=penerima.akun_pejabat(satker, sekarang.pejabat_id),
            jenis=JenisNotifikasi.MENUNGGU_TANDA_TANGAN,
            judul=f"{dokumen} menunggu tanda tangan Anda",
            teks=f"{dokumen} sudah disetujui dan menunggu tanda tangan Anda.",
        )
    elif aksi == AksiDokumen.KEMBALIKAN:
        kirim(
            penerima=penerima.staf_satker(satker),
            jenis=JenisNotifikasi.DIKEMBALIKAN,
            judul=f"{dokumen} dikembalikan",
            teks=f"{dokumen} dikembalikan oleh {oleh.get_username()} dengan catatan: {catatan}",
        )
    elif aksi == AksiDokumen.TERBITKAN:
        kirim(
            penerima=[*penerima.staf_satker(satker), *penerima.reviewer_satker(satker)],
            jenis=JenisNotifikasi.TERBIT,
            judul=f"{dokumen} diterbitkan",
            teks=f"{dokumen} sudah ditandatangani dan diterbitkan.",
        )


def setelah_catatan_reviu(
    sender, *, catatan_pk: int, oleh: Pengguna, jawaban: bool, **kwargs
) -> None:
    """After a review note is written (`jawaban` False) or answered (True)."""
    catatan = CatatanReviu.objects.select_related("dokumen__satker").get(pk=catatan_pk)
    dokumen = catatan.dokumen
    tautan = reverse("dokumen:detail", args=[dokumen.pk]) + "#catatan-reviu"
    if jawaban:
        notifikasi_kirim(
            penerima=penerima.akun_ini(dokumen.satker, catatan.oleh_id),
            jenis=JenisNotifikasi.JAWABAN_REVIU,
            judul=f"Catatan reviu Anda pada {dokumen} dijawab",
            teks=f"Catatan: {catatan.isi}\nJawaban: {catatan.jawaban}",
            tautan=tautan,
            kecuali=oleh,
        )
        return
    notifikasi_kirim(
        penerima=penerima.staf_satker(dokumen.satker, penerima.PENULIS),
        jenis=JenisNotifikasi.CATATAN_REVIU,
        judul=f"Catatan reviu baru pada {dokumen}",
        teks=f"{oleh.get_username()} menulis: {catatan.isi}",
        tautan=tautan,
        kecuali=oleh,
    )


def setelah_langkah_laporan(
    sender, *, laporan_pk: int, aksi: str, oleh: Pengguna, catatan: str, **kwargs
) -> None:
    """After a TW report's workflow step (`laporan_transisi`): submitted or returned."""
    if aksi not in (AksiLaporan.AJUKAN, AksiLaporan.KEMBALIKAN):
        return
    laporan = LaporanTriwulan.objects.select_related("satker").get(pk=laporan_pk)
    satker = laporan.satker
    nama = f"Laporan {NAMA_TRIWULAN[laporan.tw]} {laporan.tahun} {satker}"
    tautan = reverse("pengukuran:alur", args=[satker.kode, laporan.tahun, laporan.tw])
    if aksi == AksiLaporan.AJUKAN:
        notifikasi_kirim(
            penerima=penerima.staf_satker(satker, [Peran.SEKRETARIS, Peran.KETUA]),
            jenis=JenisNotifikasi.MENUNGGU_PERSETUJUAN,
            judul=f"{nama} menunggu persetujuan Anda",
            teks=f"{nama} diajukan oleh {oleh.get_username()}.",
            tautan=tautan,
            kecuali=oleh,
        )
    else:
        notifikasi_kirim(
            penerima=penerima.staf_satker(satker),
            jenis=JenisNotifikasi.DIKEMBALIKAN,
            judul=f"{nama} dikembalikan",
            teks=f"{nama} dikembalikan oleh {oleh.get_username()} dengan catatan: {catatan}",
            tautan=tautan,
            kecuali=oleh,
        )
