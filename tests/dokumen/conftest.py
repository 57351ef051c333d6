"""A temporary development PKI for the TTE tests (real keys, real pyHanko).

`pki_dir` is built once per run with `init_pki` for the seed officials; `pki_aktif` points the
settings at it for one test (PKCS#12 mode off, no timestamp server).
"""

from pathlib import Path

import pytest
import weasyprint

from dokumen.kotak import KotakTtd
from dokumen.tte import PenandatanganLokal, init_pki
from satker.models import Jabatan, Pejabat

KOTAK = KotakTtd(halaman=0, x1=350, y1=100, x2=550, y2=200)
URL_VERIFIKASI = "http://127.0.0.1:8000/verifikasi/Zx3kQ9vYp2LmN8aBcD4eFg"

# A4 without margins, so CSS points are PDF points: the dashed box sits exactly at KOTAK
# (bottom-left origin: 842 - 200 = 642 pt from the top).
HTML_DOKUMEN = """
<style>
  @page { size: A4; margin: 0 }
  body { font-family: "Noto Sans", sans-serif; font-size: 11pt; margin: 0 }
  .isi { position: absolute; left: 56pt; top: 56pt; width: 480pt }
  .ttd { position: absolute; left: 350pt; top: 642pt; width: 200pt; height: 100pt;
         box-sizing: border-box; border: 0.5pt dashed #999 }
</style>
<div class="isi">
  <h1>Rencana Aksi Kinerja Tahun 2024</h1>
  <p>KPU Kabupaten Lebak. Dokumen uji untuk tanda tangan elektronik.</p>
</div>
<div class="ttd"></div>
"""


def pejabat_lebak(jabatan: str) -> Pejabat:
    return Pejabat.objects.select_related("satker").get(satker__kode="kab-lebak", jabatan=jabatan)


def _buat_pki(django_db_blocker, folder: Path) -> Path:
    with django_db_blocker.unblock():
        init_pki(folder)
    return folder


@pytest.fixture(scope="session")
def pki_dir(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    return _buat_pki(django_db_blocker, tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def pki_lain(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A second, unrelated CA with its own certificates for the same officials."""
    return _buat_pki(django_db_blocker, tmp_path_factory.mktemp("pki-lain"))


@pytest.fixture
def pki_aktif(settings, pki_dir) -> Path:
    settings.PKI_DIR = pki_dir
    settings.TTE_BACKEND = "lokal"
    settings.TTE_PKCS12_PATH = ""
    settings.TTE_PKCS12_PASSPHRASE = ""
    settings.TTE_TIMESTAMP_URL = ""
    return pki_dir


@pytest.fixture(scope="session")
def pdf_polos() -> bytes:
    return weasyprint.HTML(string=HTML_DOKUMEN).write_pdf()


@pytest.fixture(scope="session")
def sekretaris_lebak(django_db_setup, django_db_blocker) -> Pejabat:
    with django_db_blocker.unblock():
        return pejabat_lebak(Jabatan.SEKRETARIS)


@pytest.fixture(scope="session")
def pdf_bertanda(pki_dir, pdf_polos, sekretaris_lebak) -> bytes:
    """The test PDF signed once by the Lebak Sekretaris with the session PKI."""
    return PenandatanganLokal(pki_dir=pki_dir, pkcs12_path="").tandatangani(
        pdf_polos,
        pejabat=sekretaris_lebak,
        kotak=KOTAK,
        url_verifikasi=URL_VERIFIKASI,
        alasan="Menetapkan Rencana Aksi Tahun 2024",
        lokasi="Rangkasbitung",
    )
