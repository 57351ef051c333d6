"""Signals the document workflow sends once a step has committed, for the layers above it
(notifikasi) to act on without the workflow importing them. Sent through
`transaction.on_commit`: a step rolled back sends nothing, and `robust` turns a listener's
failure into a log line, never a failed step."""

from functools import partial

from django.db import transaction
from django.dispatch import Signal

# kwargs: dokumen_pk, aksi (AksiDokumen, as recorded), oleh (the user), catatan
langkah_dokumen = Signal()
# kwargs: catatan_pk, oleh, jawaban (False: the note was written; True: it was answered)
catatan_reviu = Signal()


def kirim_setelah_commit(sinyal: Signal, sender: type, **kwargs) -> None:
    transaction.on_commit(partial(sinyal.send, sender=sender, **kwargs), robust=True)
