"""Batch export: every PDF of a provinsi's documents of one year, in one ZIP, in the background.

`ekspor_mulai` checks access, records the job and hands it on once the transaction commits:
- with `CELERY_BROKER_URL` set, to Celery workers (`ekspor.tasks`): a chord of part tasks, each
  rendering `DOKUMEN_PER_BAGIAN` documents, then one task joining the parts, so every added
  worker takes parts off the queue;
- without it (the default of `make run`), to a thread of this process that runs the same part
  and join functions one after another, one job at a time.

A part renders into `MEDIA_ROOT/ekspor/<job>/bagian-NNNN.zip` (written under a temporary name
and renamed, so a part run again after a crash starts clean and a finished one is not redone),
with its manifest rows inside. The join writes the job's ZIP, with `DAFTAR-ISI.csv`, into the same
folder and removes the parts. Workers on other machines need the same database and MEDIA_ROOT.
"""

import csv
import io
import json
import logging
import os
import shutil
import threading
import weakref
import zipfile
from collections.abc import Sequence
from datetime import timedelta
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Least
from django.utils import timezone

from dokumen.models import Dokumen, StatusDokumen
from dokumen.unduh import nama_berkas, pdf_dokumen
from ekspor.models import EksporBatch, StatusEkspor
from ekspor.selectors import dokumen_ekspor, provinsi_terlihat
from satker.akses import Pengguna
from satker.models import Satker

logger = logging.getLogger(__name__)

DOKUMEN_PER_BAGIAN = 4  # small parts spread the work evenly over the workers
MANIFEST_BAGIAN = "_manifest.json"
DAFTAR_ISI = "DAFTAR-ISI.csv"
KOLOM_DAFTAR_ISI = ["berkas", "satker", "jenis", "tahun", "versi", "status", "keterangan"]

KETERANGAN_TERBIT = "PDF bertanda tangan elektronik yang tersimpan."
KETERANGAN_DRAF = "Belum terbit: dirender saat ekspor, bertanda DRAF, tanpa tanda tangan."
KETERANGAN_TANPA_BERKAS = (
    "Terbit, tetapi PDF bertanda tangannya tidak tersimpan: salinan ini dirender saat ekspor, "
    "bertanda DRAF, tanpa tanda tangan."
)
KETERANGAN_HILANG = "Dokumen sudah dihapus sebelum diekspor; tidak ada berkas."

# The in-process path runs one job at a time: WeasyPrint renders are CPU-bound, and a second
# thread would only slow the web requests down further.
_SATU_JOB = threading.Lock()
# Running export threads by job, for tests and shutdown; a finished thread drops out.
UTAS_EKSPOR: "weakref.WeakValueDictionary[int, threading.Thread]" = weakref.WeakValueDictionary()


class EksporDitolak(Exception):
    """The user may not export this provinsi (the views answer 404)."""


@transaction.atomic
def ekspor_mulai(*, user: Pengguna, provinsi: Satker, tahun: int) -> EksporBatch:
    """Record an export of `provinsi`'s documents of `tahun` and start it once committed."""
    if not provinsi_terlihat(user).filter(pk=provinsi.pk).exists():
        raise EksporDitolak("Provinsi ini tidak dapat Anda lihat.")
    # A second click (or a second tab) joins the job already under way instead of starting a
    # duplicate; the lock on the provinsi makes two simultaneous clicks wait for each other.
    Satker.objects.select_for_update().filter(pk=provinsi.pk).first()
    belum_selesai = EksporBatch.objects.filter(
        diminta_oleh=user,
        provinsi=provinsi,
        tahun=tahun,
        status__in=[StatusEkspor.ANTRE, StatusEkspor.BERJALAN],
    )
    _tandai_terhenti(belum_selesai)
    berjalan = belum_selesai.first()
    if berjalan is not None:
        return berjalan
    dokumen_pk = list(dokumen_ekspor(user, provinsi, tahun).values_list("pk", flat=True))
    batch = EksporBatch(
        diminta_oleh=user, provinsi=provinsi, tahun=tahun, jumlah_total=len(dokumen_pk)
    )
    batch.full_clean()
    batch.save()
    bagian = [
        dokumen_pk[awal : awal + DOKUMEN_PER_BAGIAN]
        for awal in range(0, len(dokumen_pk), DOKUMEN_PER_BAGIAN)
    ]
    # Workers and threads read the job from the database: only hand it on once it is there.
    transaction.on_commit(partial(_kirim, batch.pk, bagian))
    return batch


def _kirim(batch_pk: int, bagian: list[list[int]]) -> None:
    if not settings.CELERY_BROKER_URL:
        utas = threading.Thread(
            target=jalankan_di_proses, args=(batch_pk, bagian), name=f"ekspor-{batch_pk}"
        )
        utas.daemon = True
        UTAS_EKSPOR[batch_pk] = utas
        utas.start()
        return
    try:
        from ekspor.tasks import kirim_ke_celery  # Celery is only needed with a broker

        kirim_ke_celery(batch_pk, bagian)
    except Exception as exc:
        logger.exception("Ekspor %s tidak dapat dikirim ke antrean Celery", batch_pk)
        tandai_gagal(batch_pk, f"Antrean tugas tidak dapat dihubungi: {exc}")


def jalankan_di_proses(batch_pk: int, bagian: Sequence[Sequence[int]]) -> None:
    """The whole job in this thread: every part, then the join (a failure marks it GAGAL)."""
    try:
        with _SATU_JOB:
            for nomor, dokumen_pk in enumerate(bagian, start=1):
                bagian_buat(batch_pk, nomor, dokumen_pk)
            bagian_gabung(batch_pk, len(bagian))
    except Exception:
        logger.exception("Ekspor %s gagal", batch_pk)
    finally:
        connections.close_all()  # this thread's connections; nothing else will close them


def folder_ekspor(batch_pk: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "ekspor" / str(batch_pk)


def berkas_bagian(batch_pk: int, nomor: int) -> Path:
    return folder_ekspor(batch_pk) / f"bagian-{nomor:04d}.zip"


PESAN_TERHENTI = (
    "Ekspor terhenti (proses yang menjalankannya berhenti sebelum selesai). Minta ekspor lagi."
)
# A running job whose documents stopped finishing for this long lost its thread or workers (a
# restart, a crash): a document takes about a second. A queued job waits for the jobs before
# it (one at a time in a thread; a Celery backlog), so it gets longer before it counts as lost.
BATAS_MACET = timedelta(minutes=15)
BATAS_ANTRE = timedelta(hours=2)


def _tandai_terhenti(batch: QuerySet[EksporBatch]) -> int:
    """Mark the jobs of `batch` that stopped moving as GAGAL; returns how many."""
    sekarang = timezone.now()
    macet = Q(status=StatusEkspor.BERJALAN, diperbarui__lt=sekarang - BATAS_MACET) | Q(
        status=StatusEkspor.ANTRE, diperbarui__lt=sekarang - BATAS_ANTRE
    )
    return batch.filter(macet).update(
        status=StatusEkspor.GAGAL, pesan_galat=PESAN_TERHENTI, selesai_pada=sekarang
    )


def ekspor_bersihkan(*, umur_simpan: timedelta) -> tuple[int, int]:
    """Housekeeping, run by `manage.py ekspor_bersihkan` (e.g. hourly from cron).

    Jobs that stopped moving are marked GAGAL, so their pages say so. The folders of jobs that
    ended more than `umur_simpan` ago — a ZIP, or the parts a failed job left — are deleted;
    the jobs stay listed in the admin as a record. Returns (jobs marked failed, folders deleted).
    """
    jumlah_macet = _tandai_terhenti(EksporBatch.objects.all())
    jumlah_dihapus = 0
    for batch in EksporBatch.objects.filter(selesai_pada__lt=timezone.now() - umur_simpan):
        folder = folder_ekspor(batch.pk)
        if not folder.exists() and not batch.berkas_zip:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if batch.berkas_zip:
            batch.berkas_zip = ""
            batch.save(update_fields=["berkas_zip"])
        jumlah_dihapus += 1
    return jumlah_macet, jumlah_dihapus


def tandai_gagal(batch_pk: int, pesan: str) -> None:
    EksporBatch.objects.filter(pk=batch_pk).exclude(status=StatusEkspor.SELESAI).update(
        status=StatusEkspor.GAGAL, pesan_galat=pesan[:2000], selesai_pada=timezone.now()
    )


def _berkas_tersimpan(dokumen: Dokumen) -> bool:
    berkas = dokumen.berkas_pdf
    return bool(berkas.name) and berkas.storage.exists(berkas.name)


def pdf_ekspor(dokumen: Dokumen) -> tuple[bytes, str]:
    """The document's PDF for the ZIP, and its line in the manifest.

    As `dokumen.unduh.pdf_dokumen`, except that a published document whose signed PDF is not
    stored (the generated national data has none) is rendered afresh as an unsigned DRAF copy
    and said so, instead of failing the whole export.
    """
    if dokumen.status == StatusDokumen.TERBIT:
        if _berkas_tersimpan(dokumen):
            return pdf_dokumen(dokumen), KETERANGAN_TERBIT
        from dokumen.pdf import render_pdf

        return render_pdf(dokumen).pdf, KETERANGAN_TANPA_BERKAS
    return pdf_dokumen(dokumen), KETERANGAN_DRAF


def _catat_selesai(batch_pk: int, jumlah: int = 1) -> None:
    """Count finished documents atomically; never past the total (a part may run twice)."""
    EksporBatch.objects.filter(pk=batch_pk).update(
        jumlah_selesai=Least(F("jumlah_selesai") + jumlah, F("jumlah_total")),
        diperbarui=timezone.now(),
    )


def bagian_buat(batch_pk: int, nomor: int, dokumen_pk: Sequence[int]) -> None:
    """Render part `nomor` of the job (the documents `dokumen_pk`) into its part file."""
    EksporBatch.objects.filter(pk=batch_pk, status=StatusEkspor.ANTRE).update(
        status=StatusEkspor.BERJALAN, diperbarui=timezone.now()
    )
    tujuan = berkas_bagian(batch_pk, nomor)
    if tujuan.exists():
        return  # done before the task was delivered again
    if EksporBatch.objects.filter(pk=batch_pk, status=StatusEkspor.GAGAL).exists():
        return  # another part failed: no point in rendering more
    try:
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        sementara = tujuan.with_name(f"{tujuan.name}.{os.getpid()}.tmp")
        dokumen = {
            d.pk: d
            for d in Dokumen.objects.filter(pk__in=dokumen_pk).select_related(
                "satker__induk", "penandatangan"
            )
        }
        manifest = []
        # The PDFs are compressed already; the join deflates the little that is left.
        with zipfile.ZipFile(sementara, "w", zipfile.ZIP_STORED) as arsip:
            for pk in dokumen_pk:
                item = dokumen.get(pk)
                if item is None:
                    manifest.append({"berkas": "", "keterangan": KETERANGAN_HILANG, "pk": pk})
                else:
                    isi, keterangan = pdf_ekspor(item)
                    arsip.writestr(nama_berkas(item), isi)
                    manifest.append(_baris_manifest(item, keterangan))
                _catat_selesai(batch_pk)
            arsip.writestr(MANIFEST_BAGIAN, json.dumps(manifest, ensure_ascii=False))
        os.replace(sementara, tujuan)
    except Exception as exc:
        tandai_gagal(batch_pk, f"Bagian {nomor} gagal: {type(exc).__name__}: {exc}")
        raise


def _baris_manifest(dokumen: Dokumen, keterangan: str) -> dict[str, object]:
    return {
        "berkas": nama_berkas(dokumen),
        "satker": dokumen.satker.nama,
        "jenis": dokumen.jenis,
        "tahun": dokumen.tahun,
        "versi": dokumen.versi,
        "status": dokumen.get_status_display(),
        "keterangan": keterangan,
    }


def bagian_gabung(batch_pk: int, jumlah_bagian: int) -> None:
    """Join the parts into the job's ZIP with its manifest, and mark the job SELESAI."""
    batch = EksporBatch.objects.select_related("provinsi").get(pk=batch_pk)
    if batch.status == StatusEkspor.SELESAI:
        return
    try:
        folder = folder_ekspor(batch_pk)
        folder.mkdir(parents=True, exist_ok=True)
        bagian = [berkas_bagian(batch_pk, nomor) for nomor in range(1, jumlah_bagian + 1)]
        kurang = [b.name for b in bagian if not b.exists()]
        if kurang:
            raise FileNotFoundError(f"bagian belum ada: {', '.join(kurang)}")

        nama = f"pdf-{batch.provinsi.kode}-{batch.tahun}-{batch.pk}.zip"
        sementara = folder / f"{nama}.{os.getpid()}.tmp"
        daftar_isi = io.StringIO()
        penulis = csv.DictWriter(daftar_isi, KOLOM_DAFTAR_ISI, extrasaction="ignore")
        penulis.writeheader()
        with zipfile.ZipFile(sementara, "w", zipfile.ZIP_DEFLATED) as arsip:
            for berkas in bagian:
                with zipfile.ZipFile(berkas) as sumber:
                    for info in sumber.infolist():
                        if info.filename == MANIFEST_BAGIAN:
                            penulis.writerows(json.loads(sumber.read(info)))
                        else:
                            arsip.writestr(info.filename, sumber.read(info))
            arsip.writestr(DAFTAR_ISI, "\ufeff" + daftar_isi.getvalue())  # BOM: Excel reads UTF-8
        os.replace(sementara, folder / nama)

        batch.berkas_zip.name = lokasi_relatif(folder / nama)
        batch.status = StatusEkspor.SELESAI
        batch.jumlah_selesai = batch.jumlah_total
        batch.selesai_pada = timezone.now()
        batch.pesan_galat = ""
        batch.save(
            update_fields=["berkas_zip", "status", "jumlah_selesai", "selesai_pada", "pesan_galat"]
        )
        for berkas in bagian:
            berkas.unlink(missing_ok=True)
    except Exception as exc:
        tandai_gagal(batch_pk, f"Penggabungan gagal: {type(exc).__name__}: {exc}")
        raise


def lokasi_relatif(path: Path) -> str:
    return path.relative_to(Path(settings.MEDIA_ROOT)).as_posix()
