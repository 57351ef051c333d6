"""Notification tests: the workflow's notifications are sent once the step commits, so the
tests run the commit callbacks (`jalankan`), and the signing PKI for publishing."""

import pytest

from notifikasi.antrean import tunggu_utas
from tests.dokumen.conftest import pki_aktif, pki_dir  # noqa: F401 — fixtures used by name
from tests.surel_uji import smtp  # noqa: F401 — the fixture


@pytest.fixture
def jalankan(django_capture_on_commit_callbacks):
    """Run what the step queued for after its commit (as a real commit would)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def tunggu_surel() -> None:
    """Join the email threads the notifications started."""
    tunggu_utas(10)
