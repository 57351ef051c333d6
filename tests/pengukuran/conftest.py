"""Measurement tests need a published PK, signed with the temporary development PKI."""

import pytest

from dokumen.models import StatusDokumen
from satker.models import Peran
from tests.dokumen.conftest import pki_aktif, pki_dir  # noqa: F401 — fixtures used by name
from tests.factories import PkFactory, akun_satker


@pytest.fixture
def pk_terbit(pki_aktif):  # noqa: F811
    """A published PK 2024: per sasaran a cumulative count (3/6/9/12 Laporan) and a
    percentage (last quarter, 92%)."""
    return PkFactory(status=StatusDokumen.TERBIT)


@pytest.fixture
def operator(pk_terbit):
    return akun_satker(pk_terbit.satker, Peran.OPERATOR)
