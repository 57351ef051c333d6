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

Whatever runs a job (the thread, a worker's part or join) holds its lease (`berdetak`): it renews
`detak` every `JEDA_DETAK` seconds. A job whose lease lapsed, or whose holder on this machine is
gone (a killed process), lost its runner: a new request for it, the cleaner or a Celery worker
that starts resumes it (`ekspor_lanjutkan_yatim`), rendering only the parts whose files are
missing, instead of leaving it "Sedang berjalan" until the stall check fails it. On Celery, a
job whose next task only waits in the queue has no holder (see `_yatim`).
"""

import csv
import io
import json
import logging
import os
import shutil
import socket
import threading
import weakref
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import cache, partial
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Least
from django.utils import timezone

from dokumen.models import Dokumen, StatusDokumen
from dokumen.selectors import tandai_digantikan
from dokumen.unduh import nama_berkas, pdf_dokumen
from ekspor.models import EksporBatch, StatusEkspor
from ekspor.selectors import dokumen_ekspor, provinsi_terlihat
from satker.akses import Pengguna
from satker.models import Satker

logger = logging.getLogger(__name__)

DOKUMEN_PER_BAGIAN = 4  # small parts spread the work evenly over the workers
MANIFEST_BAGIAN = "_manifest.json"
DAFTAR_ISI = "DAFTAR-ISI.csv"
# New columns go last: tools that read the list by position keep working.
KOLOM_DAFTAR_ISI = [
    *("berkas", "satker", "jenis", "tahun", "versi", "status", "keterangan"),
    # The version that replaced a published one (dokumen.selectors.tandai_digantikan), else "".
    "digantikan_oleh_versi",
]

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


BELUM_BERAKHIR = [StatusEkspor.ANTRE, StatusEkspor.BERJALAN]


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
        diminta_oleh=user, provinsi=provinsi, tahun=tahun, status__in=BELUM_BERAKHIR
    )
    # A job that lost its runner is resumed, not joined as if it were still moving.
    for batch in belum_selesai.select_for_update(of=("self",)):
        if _yatim(batch):
            _lanjutkan(batch)
    _tandai_terhenti(belum_selesai)
    berjalan = belum_selesai.first()
    if berjalan is not None:
        return berjalan
    dokumen_pk = list(dokumen_ekspor(user, provinsi, tahun).values_list("pk", flat=True))
    batch = EksporBatch(
        diminta_oleh=user,
        provinsi=provinsi,
        tahun=tahun,
        jumlah_total=len(dokumen_pk),
        bagian=[
            dokumen_pk[awal : awal + DOKUMEN_PER_BAGIAN]
            for awal in range(0, len(dokumen_pk), DOKUMEN_PER_BAGIAN)
        ],
    )
    batch.full_clean()
    batch.save()
    # Workers and threads read the job from the database: only hand it on once it is there.
    transaction.on_commit(partial(_kirim, batch.pk))
    return batch


def _kirim(batch_pk: int) -> None:
    """Run the job's missing parts and its join: in a thread of this process, or on Celery."""
    if not settings.CELERY_BROKER_URL:
        utas = threading.Thread(
            target=jalankan_di_proses, args=(batch_pk,), name=f"ekspor-{batch_pk}"
        )
        utas.daemon = True
        UTAS_EKSPOR[batch_pk] = utas
        utas.start()
        return
    try:
        from ekspor.tasks import kirim_ke_celery  # Celery is only needed with a broker

        kirim_ke_celery(batch_pk)
    except Exception as exc:
        logger.exception("Ekspor %s tidak dapat dikirim ke antrean Celery", batch_pk)
        tandai_gagal(batch_pk, f"Antrean tugas tidak dapat dihubungi: {exc}")


def bagian_kurang(batch: EksporBatch) -> list[tuple[int, list[int]]]:
    """The parts of `batch` (number, documents) whose files are not there yet."""
    return [
        (nomor, dokumen_pk)
        for nomor, dokumen_pk in enumerate(batch.bagian, start=1)
        if not berkas_bagian(batch.pk, nomor).exists()
    ]


def jalankan_di_proses(batch_pk: int) -> None:
    """The whole job in this thread: the missing parts, then the join (a failure marks it
    GAGAL). The lease is held while the job waits for the one before it, too."""
    try:
        with berdetak(batch_pk), _SATU_JOB:
            batch = EksporBatch.objects.get(pk=batch_pk)
            for nomor, dokumen_pk in bagian_kurang(batch):
                bagian_buat(batch_pk, nomor, dokumen_pk)
            bagian_gabung(batch_pk, len(batch.bagian))
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
PESAN_BERULANG = (
    "Ekspor terhenti: proses yang menjalankannya berhenti berulang kali sebelum selesai. "
    "Minta ekspor lagi; bila terulang, hubungi pengelola aplikasi."
)
# A running job whose documents stopped finishing for this long is stuck although something
# still holds its lease (a hung render): a document takes about a second. A queued job waits
# for the jobs before it (one at a time in a thread; a Celery backlog), so it gets longer.
# The broker's visibility timeout (CELERY_BROKER_TRANSPORT_OPTIONS) is the same 15 minutes.
BATAS_MACET = timedelta(minutes=15)
BATAS_ANTRE = timedelta(hours=2)

# The lease: its holder renews it every JEDA_DETAK seconds. Not renewed for BATAS_DETAK, it has
# lapsed wherever the holder ran; held by a process of this machine that is gone, it counts as
# lapsed after TENGGANG_DETAK (time for another live runner of the job, on Celery, to renew it).
# A lease without a holder (work queued on Celery, nobody renews it) lapses after BATAS_MACET.
JEDA_DETAK = 2.0
BATAS_DETAK = timedelta(seconds=60)
TENGGANG_DETAK = timedelta(seconds=3 * JEDA_DETAK)
# A job whose runner died this many times is failed: something in it may be what kills them.
MAKS_LANJUT = 3


@cache
def _mesin() -> str:
    """This machine as its processes see it: the host name and, on Linux, the pid namespace
    (two containers may share a host name, never their processes)."""
    try:
        ruang = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        ruang = 0
    return f"{socket.gethostname()}/{ruang}"


def _pelaksana_ini() -> str:
    return f"{_mesin()}:{os.getpid()}"  # the pid at call time: a prefork child has its own


def _proses_hilang(pelaksana: str) -> bool:
    """True when `pelaksana` is a process of this machine that is gone (or a zombie); a
    process elsewhere cannot be asked, so it counts as alive (its lease will tell)."""
    mesin, _, pid = pelaksana.rpartition(":")
    if mesin != _mesin() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, under another user
    try:
        # "pid (name) S ...": a killed child its parent has not reaped yet is a zombie.
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except (OSError, IndexError):
        return False


@contextmanager
def berdetak(batch_pk: int, *, lalu_antre: bool = False) -> Iterator[None]:
    """Hold the job's lease while the block runs: renewed now and every JEDA_DETAK seconds
    by a thread of its own, so a long render does not let it lapse.

    `lalu_antre` (a Celery part: the job's next parts or its join now wait in the queue): when
    the block succeeds, the lease is released, unless another runner of the job renewed it
    since, so the wait is not taken for a dead runner (`_yatim`). A killed one releases nothing."""

    def perbarui() -> None:
        try:
            EksporBatch.objects.filter(pk=batch_pk, status__in=BELUM_BERAKHIR).update(
                pelaksana=_pelaksana_ini(), detak=timezone.now()
            )
        except DatabaseError:  # a busy database: the next beat will do
            logger.warning("Detak ekspor %s tidak tercatat", batch_pk, exc_info=True)

    def ulangi() -> None:
        try:
            while not berhenti.wait(JEDA_DETAK):
                perbarui()
        finally:
            connections.close_all()  # this thread's connection

    perbarui()
    berhenti = threading.Event()
    utas = threading.Thread(target=ulangi, name=f"ekspor-{batch_pk}-detak", daemon=True)
    utas.start()
    try:
        yield
    finally:
        berhenti.set()
        utas.join()
    if lalu_antre:  # not after an error: then nothing may be queued, and it lapses as usual
        _lepaskan(batch_pk)


def _lepaskan(batch_pk: int) -> None:
    """Leave the job's lease without a holder, from now: its work is queued, not running."""
    try:
        EksporBatch.objects.filter(
            pk=batch_pk, status__in=BELUM_BERAKHIR, pelaksana=_pelaksana_ini()
        ).update(pelaksana="", detak=timezone.now())
    except DatabaseError:  # the lease then lapses as a dead runner's would: resumed, no harm
        logger.warning("Detak ekspor %s tidak dilepas", batch_pk, exc_info=True)


def _yatim(batch: EksporBatch, sekarang: datetime | None = None) -> bool:
    """Whether `batch` lost its runner. A Celery job not yet taken from the queue has no
    lease (`detak` empty): only the queue rule of `_tandai_terhenti` applies to it.

    A lease without a holder (`pelaksana` empty) means the job's work was queued at `detak`
    and no worker has taken it yet: a resumed job's parts, or the join (or next parts) after
    a part ended and released the lease. Behind other jobs' parts that may take longer than
    BATAS_DETAK, and nothing could renew it; resuming would only queue the same work again.
    So such a job lapses only after BATAS_MACET, the broker's visibility timeout (by then a
    task a dead worker had taken but not started is delivered again anyway, and a lost one,
    e.g. a chord whose join was never sent, is worth resuming)."""
    if batch.status not in BELUM_BERAKHIR or batch.detak is None:
        return False
    sekarang = sekarang or timezone.now()
    if not batch.pelaksana:
        return batch.detak < sekarang - BATAS_MACET
    if batch.detak < sekarang - BATAS_DETAK:
        return True
    return batch.detak < sekarang - TENGGANG_DETAK and _proses_hilang(batch.pelaksana)


def _lanjutkan(batch: EksporBatch) -> bool:
    """Restart `batch` (locked, lost its runner) once committed: only its missing parts are
    rendered again; finished parts are kept and the dead runner's temporary files removed.
    A job that cannot be resumed is failed instead. Returns whether it was resumed."""
    sekarang = timezone.now()
    jumlah_dokumen = sum(len(pk) for pk in batch.bagian)
    if jumlah_dokumen != batch.jumlah_total or batch.jumlah_lanjut >= MAKS_LANJUT:
        # Parts not recorded (a job from before they were) or a runner that keeps dying.
        pesan = PESAN_BERULANG if batch.jumlah_lanjut >= MAKS_LANJUT else PESAN_TERHENTI
        tandai_gagal(batch.pk, pesan)
        return False
    for sisa in folder_ekspor(batch.pk).glob("*.tmp"):
        sisa.unlink(missing_ok=True)
    kurang = {nomor for nomor, _ in bagian_kurang(batch)}
    selesai = sum(len(pk) for nomor, pk in enumerate(batch.bagian, start=1) if nomor not in kurang)
    # On Celery, a fresh lease without a holder: the parts are queued, maybe behind other
    # jobs' parts, and the first that starts takes it. Without a broker, this process's
    # thread runs the job at once: it holds the lease from now (and dies with this process).
    EksporBatch.objects.filter(pk=batch.pk).update(
        jumlah_selesai=selesai,
        jumlah_lanjut=F("jumlah_lanjut") + 1,
        pelaksana="" if settings.CELERY_BROKER_URL else _pelaksana_ini(),
        detak=sekarang,
        diperbarui=sekarang,
    )
    logger.warning(
        "Ekspor %s kehilangan pelaksananya; dilanjutkan (%s bagian)", batch.pk, len(kurang)
    )
    transaction.on_commit(partial(_kirim, batch.pk))
    return True


def ekspor_lanjutkan_yatim() -> list[int]:
    """Resume every job that lost its runner; returns their keys. Run by the cleaner and by
    a Celery worker as it starts (often: in place of one that was killed)."""
    dilanjutkan = []
    calon = EksporBatch.objects.filter(
        status__in=BELUM_BERAKHIR, detak__lt=timezone.now() - TENGGANG_DETAK
    ).values_list("pk", flat=True)
    for pk in list(calon):
        with transaction.atomic():
            batch = (
                EksporBatch.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status__in=BELUM_BERAKHIR)
                .first()
            )
            if batch is not None and _yatim(batch) and _lanjutkan(batch):
                dilanjutkan.append(pk)
    return dilanjutkan


def _tandai_terhenti(batch: QuerySet[EksporBatch]) -> int:
    """Mark the jobs of `batch` that stopped moving as GAGAL; returns how many."""
    sekarang = timezone.now()
    macet = Q(status=StatusEkspor.BERJALAN, diperbarui__lt=sekarang - BATAS_MACET) | Q(
        status=StatusEkspor.ANTRE, diperbarui__lt=sekarang - BATAS_ANTRE
    )
    return batch.filter(macet).update(
        status=StatusEkspor.GAGAL, pesan_galat=PESAN_TERHENTI, selesai_pada=sekarang
    )


def ekspor_bersihkan(*, umur_simpan: timedelta) -> tuple[int, int, int]:
    """Housekeeping, run by `manage.py ekspor_bersihkan` (e.g. hourly from cron).

    Jobs that lost their runner are resumed (without a broker, in this process, which waits
    for them: it would take their threads with it). Jobs that stopped moving are marked GAGAL,
    so their pages say so. The folders of jobs that ended more than `umur_simpan` ago — a ZIP,
    or the parts a failed job left — are deleted; the jobs stay listed in the admin as a
    record. Returns (jobs marked failed, folders deleted, jobs resumed).
    """
    dilanjutkan = ekspor_lanjutkan_yatim()
    if not settings.CELERY_BROKER_URL:
        for pk in dilanjutkan:
            utas = UTAS_EKSPOR.get(pk)
            if utas is not None:
                utas.join()
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
    return jumlah_macet, jumlah_dihapus, len(dilanjutkan)


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
    status = EksporBatch.objects.filter(pk=batch_pk).values_list("status", flat=True).first()
    if status not in BELUM_BERAKHIR:
        # Another part failed (no point in rendering more), or a part delivered again after
        # a resumed job was joined (its file would only be left behind).
        return
    try:
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        sementara = tujuan.with_name(f"{tujuan.name}.{os.getpid()}.tmp")
        dokumen = {
            d.pk: d
            for d in Dokumen.objects.filter(pk__in=dokumen_pk).select_related(
                "satker__induk", "penandatangan"
            )
        }
        tandai_digantikan(list(dokumen.values()))  # one query for the part
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
        "digantikan_oleh_versi": dokumen.versi_pengganti or "",
    }


def bagian_gabung(batch_pk: int, jumlah_bagian: int) -> None:
    """Join the parts into the job's ZIP with its manifest, and mark the job SELESAI."""
    batch = EksporBatch.objects.select_related("provinsi").get(pk=batch_pk)
    if batch.status not in BELUM_BERAKHIR:
        return  # joined already, or failed
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

        # Conditional: of two joins of a resumed job, only one marks it done.
        EksporBatch.objects.filter(pk=batch_pk, status__in=BELUM_BERAKHIR).update(
            berkas_zip=lokasi_relatif(folder / nama),
            status=StatusEkspor.SELESAI,
            jumlah_selesai=F("jumlah_total"),
            selesai_pada=timezone.now(),
            pesan_galat="",
        )
        # Only the ZIP stays: the parts, and any temporary file a dead runner left.
        for sisa in folder.iterdir():
            if sisa.name != nama:
                sisa.unlink(missing_ok=True)
    except Exception as exc:
        tandai_gagal(batch_pk, f"Penggabungan gagal: {type(exc).__name__}: {exc}")
        raise


def lokasi_relatif(path: Path) -> str:
    return path.relative_to(Path(settings.MEDIA_ROOT)).as_posix()
