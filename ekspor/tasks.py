"""The batch export on Celery: the same part and join functions as the in-process path.

Loaded by the worker (`celery -A kpu_kinerja worker`, autodiscovery) and, in the web process,
only when a broker is configured (`ekspor.services._kirim`).
"""

from celery import chord

from ekspor import services
from kpu_kinerja.celery import app


@app.task(name="ekspor.bagian")
def ekspor_bagian(batch_pk: int, nomor: int, dokumen_pk: list[int]) -> int:
    services.bagian_buat(batch_pk, nomor, dokumen_pk)
    return nomor


@app.task(name="ekspor.gabung", ignore_result=True)
def ekspor_gabung(_hasil: list[int] | None, batch_pk: int, jumlah_bagian: int) -> None:
    services.bagian_gabung(batch_pk, jumlah_bagian)


def kirim_ke_celery(batch_pk: int, bagian: list[list[int]]) -> None:
    """Queue every part at once; the join runs when the last part is done (a chord)."""
    if not bagian:  # nothing to render: only the (empty) ZIP with its manifest
        ekspor_gabung.delay(None, batch_pk, 0)
        return
    kepala = [ekspor_bagian.s(batch_pk, nomor, pk) for nomor, pk in enumerate(bagian, start=1)]
    chord(kepala)(ekspor_gabung.s(batch_pk, len(bagian)))
