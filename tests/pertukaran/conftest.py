from tests.dokumen.conftest import pki_aktif, pki_dir  # noqa: F401
