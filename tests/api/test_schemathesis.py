"""A bounded schemathesis run against /api/schema/: no 5xx, responses as the schema says.

Every operation of the schema gets up to `CONTOH` generated requests, valid ones (positive)
and invalid ones (negative), authenticated by token as an operator and as a reviewer. The WSGI
app is called in-process, inside the test's transaction, so the seed data is there and every
change is rolled back.

schemathesis' own pytest integration (`schemathesis.pytest.from_fixture(...).parametrize()`)
does not run under pytest 9.2 (it sets `request.node._nodeid`, which pytest 9 no longer has),
so each operation is driven through its documented Hypothesis strategy (`as_strategy`).
"""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kpu_kinerja.wsgi import application
from tests.conftest import dokumen_seed

CONTOH = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
TERBATAS = hypothesis_settings(
    max_examples=CONTOH,
    deadline=None,
    database=None,  # no example database (.hypothesis/ then holds only self-ignored caches)
    derandomize=True,  # the same requests on every run: a failure in CI reproduces locally
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def _koneksi_tetap():
    """What Django's test client does: keep the test's connection open between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def skema(db, settings, _koneksi_tetap):
    settings.ALLOWED_HOSTS = ["localhost"]  # schemathesis' WSGI client sends Host: localhost
    return schemathesis.openapi.from_wsgi("/api/schema/", application)


def token_untuk(username: str) -> str:
    user = get_user_model().objects.get(username=username)
    return Token.objects.get_or_create(user=user)[0].key


def jalankan(
    operasi, header: dict, mode: GenerationMode, contoh: int = CONTOH, **tetap
) -> list[str]:
    """Run every operation's bounded Hypothesis test; the failures, one line each."""
    gagal = []
    for operation in operasi:

        @hypothesis_settings(TERBATAS, max_examples=contoh)
        @given(case=operation.as_strategy(generation_mode=mode, **tetap))
        def uji(case):
            case.call_and_validate(headers=header, checks=CHECKS)

        try:
            uji()
        except (Exception, BaseExceptionGroup) as galat:  # report every failing operation
            gagal.append(f"{operation.label}: {galat}")
    return gagal


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("username", ["operator.kab-lebak", "reviewer.banten"])
def test_every_operation_answers_generated_requests_as_its_schema_says(skema, username, mode):
    header = {"Authorization": f"Token {token_untuk(username)}"}
    operasi = [hasil.ok() for hasil in skema.get_all_operations()]
    assert len(operasi) >= 13

    gagal = jalankan(operasi, header, mode)

    assert not gagal, "\n\n".join(gagal)


# Existing objects, so that the 200 answers (a document with its rows, a satker with its
# officials) are checked against the schema too: one per type, visible or not to the persona.
DOKUMEN = [("kab-lebak", "RAK"), ("kab-lebak", "RKT"), ("kota-serang", "IKU")]
SATKER = ["kab-lebak", "kab-kutai-barat"]


@pytest.mark.parametrize("username", ["operator.kab-lebak", "reviewer.banten"])
def test_existing_documents_and_satker_answer_as_the_schema_says(skema, username):
    header = {"Authorization": f"Token {token_untuk(username)}"}
    operasi = [hasil.ok() for hasil in skema.get_all_operations()]
    per_dokumen = [o for o in operasi if "{id}" in o.path and not o.path.endswith("/pdf/")]
    per_satker = [o for o in operasi if "{kode}" in o.path]

    gagal = []
    for satker, jenis in DOKUMEN:
        pk = dokumen_seed(satker, jenis).pk
        gagal += jalankan(
            per_dokumen, header, GenerationMode.POSITIVE, contoh=8, path_parameters={"id": pk}
        )
    for kode in SATKER:
        gagal += jalankan(
            per_satker, header, GenerationMode.POSITIVE, path_parameters={"kode": kode}
        )

    assert not gagal, "\n\n".join(gagal)
