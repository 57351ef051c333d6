"""Notification email on Celery (`celery -A kpu_kinerja worker`); loaded in the web process
only when a broker is configured (notifikasi.antrean)."""

from kpu_kinerja.celery import app
from notifikasi.antrean import kirim_satu


@app.task(name="notifikasi.surel", ignore_result=True)
def kirim_surel_notifikasi(ke: str, konteks: dict) -> None:
    kirim_satu(ke, konteks)
