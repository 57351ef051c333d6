"""API test set-up: an API client per persona, the development PKI, and a throw-away MEDIA_ROOT.

The PKI fixtures come from tests/dokumen/conftest.py (re-exported, not copied).
"""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from tests.dokumen.conftest import pki_aktif, pki_dir  # noqa: F401


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    """Publishing stores the signed PDF: keep it out of var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def klien(username: str | None) -> APIClient:
    """An API client logged in as `username` (session), or anonymous for None."""
    client = APIClient()
    if username is not None:
        client.force_authenticate(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
