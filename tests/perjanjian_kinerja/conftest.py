"""The PK tests sign documents with the temporary development PKI of the document tests."""

from tests.dokumen.conftest import pki_aktif, pki_dir  # noqa: F401 — fixtures used by name
