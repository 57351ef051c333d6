"""Email: the one way the site sends a message (password reset now; invitations and
notifications later use the same function).

A message is three templates under ``templates/surel/``: ``<nama>_subjek.txt`` (one line),
``<nama>.txt`` (the plain text, always sent) and, when it exists, ``<nama>.html`` (an
alternative part). Every template gets ``site_url`` (settings.SITE_URL: links in a message must
point at the public address, never at whatever Host a request carried) and ``nama_situs``.
The transport is settings.EMAIL_URL (kpu_kinerja/env.py, ``email_dari_url``).
"""

import contextlib
import logging
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

NAMA_SITUS = "SAKIP KPU"


def susun_surel(
    *, ke: Iterable[str], nama: str, konteks: Mapping[str, Any] | None = None
) -> EmailMultiAlternatives:
    """The message `nama` rendered for `ke`, not sent."""
    isi = {"site_url": settings.SITE_URL.rstrip("/"), "nama_situs": NAMA_SITUS, **(konteks or {})}
    subjek = " ".join(render_to_string(f"surel/{nama}_subjek.txt", isi).split())
    pesan = EmailMultiAlternatives(
        subject=subjek,
        body=render_to_string(f"surel/{nama}.txt", isi),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(ke),
    )
    with contextlib.suppress(TemplateDoesNotExist):
        pesan.attach_alternative(render_to_string(f"surel/{nama}.html", isi), "text/html")
    return pesan


def kirim_surel(
    *,
    ke: Iterable[str],
    nama: str,
    konteks: Mapping[str, Any] | None = None,
    latar: bool = False,
) -> threading.Thread | None:
    """Render the message `nama` and send it.

    With `latar` it is rendered here and sent by a thread, returned (tests join it): a page
    answers as fast whether or not it sent anything, so its timing tells nothing (the password
    reset must not reveal which addresses have an account). A failure is logged, not raised.
    Without `latar` a failure raises, for callers that report it."""
    pesan = susun_surel(ke=ke, nama=nama, konteks=konteks)
    if not latar:
        pesan.send()
        return None
    utas = threading.Thread(target=_kirim_diam, args=(pesan,), name=f"surel-{nama}", daemon=True)
    utas.start()
    return utas


def _kirim_diam(pesan: EmailMultiAlternatives) -> None:
    try:
        pesan.send()
    except Exception:  # the page has answered already: the log is all that can tell
        log.exception("Surel “%s” tidak terkirim.", pesan.subject)


class BackendBelumDiatur(BaseEmailBackend):
    """The backend while EMAIL_URL is unset outside DEBUG: nothing is sent and each message is
    logged as refused, without its body (a password reset link must not land in a log).
    The system check kpu_kinerja.W003 says so at start-up."""

    def send_messages(self, email_messages) -> int:
        for pesan in email_messages:
            log.error(
                "Surel “%s” untuk %d penerima tidak terkirim: EMAIL_URL belum diatur.",
                pesan.subject,
                len(pesan.recipients()),
            )
        if not self.fail_silently and email_messages:
            raise RuntimeError("EMAIL_URL belum diatur: surel tidak dapat dikirim.")
        return 0
