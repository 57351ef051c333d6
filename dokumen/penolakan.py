"""Why a workflow step was refused: shared by the workflow (dokumen.alur) and signing
(dokumen.penandatanganan), which the workflow calls, so neither imports the other for them."""

from django.core.exceptions import PermissionDenied


class TransisiDitolak(Exception):
    """The step is not possible in the document's current state; the message says why."""


class TidakBerhak(PermissionDenied):
    """The user's role may not take this step on this document."""


PESAN_TIDAK_BERHAK = "Peran Anda tidak berhak melakukan langkah ini pada dokumen ini."
