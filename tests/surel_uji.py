"""A real SMTP server for the email tests: aiosmtpd on a free port of 127.0.0.1, the settings
pointed at it, and what arrives parsed as messages (`Kotak.tunggu`)."""

import email
import socket
import threading
import time
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


class Kotak:
    """What the server received: one parsed message per DATA, with its envelope."""

    def __init__(self) -> None:
        self.pesan: list[EmailMessage] = []
        self.amplop: list[tuple[str, list[str]]] = []
        self._ada = threading.Condition()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        pesan = email.message_from_bytes(envelope.original_content, policy=policy.default)
        with self._ada:
            self.pesan.append(pesan)
            self.amplop.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self._ada.notify_all()
        return "250 OK"

    def tunggu(self, jumlah: int = 1, detik: float = 10) -> list[EmailMessage]:
        """Wait until `jumlah` messages have arrived (the site sends in a background thread)."""
        batas = time.monotonic() + detik
        with self._ada:
            while len(self.pesan) < jumlah:
                sisa = batas - time.monotonic()
                if sisa <= 0:
                    raise AssertionError(f"{len(self.pesan)} surel tiba, bukan {jumlah}.")
                self._ada.wait(sisa)
        return list(self.pesan)

    def tidak_ada_lagi(self, jumlah: int, detik: float = 1.0) -> None:
        """Nothing beyond `jumlah` messages arrives within `detik`."""
        time.sleep(detik)
        assert len(self.pesan) == jumlah, [p["Subject"] for p in self.pesan]


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A running SMTP server and the site's email settings aimed at it (plain SMTP, no auth)."""
    kotak = Kotak()
    port = _port_bebas()
    server = Controller(kotak, hostname="127.0.0.1", port=port)
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "SAKIP KPU <noreply@kpu.go.id>"
    settings.SITE_URL = "https://kinerja.kpu.go.id"
    try:
        yield kotak
    finally:
        server.stop()
