"""The batch export on Celery: the same part and join functions as the in-process path.

Loaded by the worker (`celery -A kpu_kinerja worker`, autodiscovery) and, in the web process,
only when a broker is configured (`ekspor.services._kirim`).
"""

import logging

from celery import chord
from celery.signals import worker_ready
from django.db import connections

from ekspor import services
from ekspor.models import EksporBatch
from kpu_kinerja.celery import app

logger = logging.getLogger(__name__)


@app.task(name="ekspor.bagian")
def ekspor_bagian(batch_pk: int, nomor: int, dokumen_pk: list[int]) -> int:
    with services.berdetak(batch_pk, lalu_antre=True):
        services.bagian_buat(batch_pk, nomor, dokumen_pk)
    return nomor


@app.task(name="ekspor.gabung", ignore_result=True)
def ekspor_gabung(_hasil: list[int] | None, batch_pk: int, jumlah_bagian: int) -> None:
    with services.berdetak(batch_pk):  # nothing is queued after the join
        services.bagian_gabung(batch_pk, jumlah_bagian)


def kirim_ke_celery(batch_pk: int) -> None:
    """Queue every missing part at once; the join runs when the last is done (a chord).

    A resumed job queues only the parts whose files are missing: a killed worker's part waits
    unacknowledged in Redis until the visibility timeout, and a chord with a part that died
    never calls its join. While queued, the job's lease has no holder (`services._yatim`).
    """
    batch = EksporBatch.objects.get(pk=batch_pk)
    jumlah_bagian = len(batch.bagian)
    kepala = [ekspor_bagian.s(batch_pk, nomor, pk) for nomor, pk in services.bagian_kurang(batch)]
    if not kepala:  # nothing (more) to render: only the join
        ekspor_gabung.delay(None, batch_pk, jumlah_bagian)
        return
    chord(kepala)(ekspor_gabung.s(batch_pk, jumlah_bagian))


@worker_ready.connect
def _lanjutkan_saat_mulai(**_kwargs) -> None:
    """A worker that starts, often in place of one that was killed, resumes the jobs that
    lost their runner, rather than leave them to the next request or the cleaner."""
    try:
        dilanjutkan = services.ekspor_lanjutkan_yatim()
        if dilanjutkan:
            logger.warning("Ekspor yang kehilangan pelaksananya dilanjutkan: %s", dilanjutkan)
    except Exception:
        logger.exception("Ekspor yang terhenti tidak dapat diperiksa saat worker mulai")
    finally:
        connections.close_all()  # the main process's connection; the tasks run in children
