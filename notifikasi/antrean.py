"""Email of notifications through the background queue, as the batch export does
(ekspor.services._kirim): Celery workers when CELERY_BROKER_URL is set, else one thread of
this process. Either way the action that caused it has committed and answered; a message
that cannot be sent is logged, never raised."""

import logging
import threading
import weakref
from typing import Any

from django.conf import settings

from kpu_kinerja.surel import kirim_surel

log = logging.getLogger(__name__)

NAMA_SUREL = "notifikasi"
# Running threads, for tests to join; a finished thread drops out.
UTAS_SUREL: "weakref.WeakSet[threading.Thread]" = weakref.WeakSet()


def kirim_satu(ke: str, konteks: dict[str, Any]) -> bool:
    """Send one notification email; False (and a log line) when it fails."""
    try:
        kirim_surel(ke=[ke], nama=NAMA_SUREL, konteks=konteks)
    except Exception:
        log.exception("Surel notifikasi “%s” tidak terkirim.", konteks.get("judul"))
        return False
    return True


def _kirim_semua(pesan: list[dict[str, Any]]) -> None:
    for p in pesan:
        kirim_satu(p["ke"], p["konteks"])


def tunggu_utas(detik: float = 60) -> None:
    """Wait for this process's email threads: a command exits only once they have sent (a
    daemon thread would die with it)."""
    for utas in list(UTAS_SUREL):
        utas.join(detik)


def antrekan_surel(pesan: list[dict[str, Any]]) -> None:
    """Hand the messages ({"ke", "konteks"}: plain data, no database rows) to the queue."""
    if settings.CELERY_BROKER_URL:
        try:
            from notifikasi.tasks import kirim_surel_notifikasi  # Celery only with a broker

            for p in pesan:
                kirim_surel_notifikasi.delay(p["ke"], p["konteks"])
        except Exception:
            log.exception("Surel notifikasi tidak dapat dikirim ke antrean Celery.")
        return
    utas = threading.Thread(
        target=_kirim_semua, args=(pesan,), name="surel-notifikasi", daemon=True
    )
    UTAS_SUREL.add(utas)
    utas.start()
