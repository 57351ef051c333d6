"""scripts/paket_sistem.sh, the Debian package check `make run`, `make test` and `.ci/run` start
with: silent when everything is installed, installs as root, otherwise stops at once with the
command to run. Run as a subprocess; nothing is installed (apt-get is a stub where it would be).
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

SKRIP = Path(__file__).resolve().parent.parent / "scripts" / "paket_sistem.sh"
PALSU = "paket-palsu-tidak-ada"

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg-query") is None, reason="bukan Debian: tidak ada dpkg-query"
)


def jalankan(*argumen, env=None, sebagai_nobody=False):
    with tempfile.TemporaryDirectory() as direktori:
        skrip = SKRIP
        if sebagai_nobody:
            # The checkout may sit in a directory only root may enter (e.g. under mktemp -d):
            # nobody runs a copy from a directory it can reach.
            Path(direktori).chmod(0o755)
            skrip = Path(shutil.copy(SKRIP, direktori))
            skrip.chmod(0o755)
        perintah = [str(skrip), *argumen]
        if sebagai_nobody:
            perintah = ["runuser", "-u", "nobody", "--", *perintah]
        return subprocess.run(
            perintah,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
            env={**os.environ, **(env or {})},
            cwd=direktori if sebagai_nobody else None,
        )


def paket(profil):
    return jalankan("--daftar", profil).stdout.split()


def test_daftar_test_memuat_daftar_run_ditambah_chromium_dan_zbar():
    # The signing page draws its preview with pdftoppm, so poppler-utils serves the app too.
    assert "poppler-utils" in paket("run")
    assert paket("test") == [*paket("run"), "chromium", "zbar-tools", "libreoffice-calc-nogui"]
    assert "chromium" not in paket("run")


def test_semua_terpasang_tidak_mencetak_apa_pun():
    hasil = subprocess.run(
        ["dpkg-query", "-W", "-f=${db:Status-Status}\n", *paket("test")],
        capture_output=True,
        text=True,
        check=False,
    )
    if hasil.stdout.split() != ["installed"] * len(paket("test")):
        pytest.skip("paket sistem belum terpasang semua di mesin ini")
    mulai = time.monotonic()
    hasil = jalankan("test")
    assert time.monotonic() - mulai < 1
    assert (hasil.returncode, hasil.stdout, hasil.stderr) == (0, "", "")


def test_tanpa_hak_root_berhenti_dengan_perintah_pemasangan():
    root = os.geteuid() == 0
    if root and shutil.which("runuser") is None:
        pytest.skip("runuser tidak ada: tidak bisa menjalankan skrip tanpa hak root")
    mulai = time.monotonic()
    hasil = jalankan("run", env={"PAKET_SISTEM_TAMBAHAN": PALSU}, sebagai_nobody=root)
    assert time.monotonic() - mulai < 10
    assert hasil.returncode == 1
    assert hasil.stdout == ""
    assert f"missing Debian system packages (run): {PALSU}\n" in hasil.stderr
    # apt does not know the package, so the command updates its lists first.
    assert f"apt-get update && apt-get install -y {PALSU}" in hasil.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="cabang pemasangan hanya untuk root")
def test_sebagai_root_memasang_lewat_apt_get():
    with tempfile.TemporaryDirectory() as direktori:
        catatan = Path(direktori) / "catatan"
        stub = Path(direktori) / "apt-get"
        stub.write_text(f'#!/bin/sh\necho "$*" >> {catatan}\n')
        stub.chmod(0o755)
        hasil = jalankan(
            "run",
            env={
                "PAKET_SISTEM_TAMBAHAN": PALSU,
                "PATH": f"{direktori}:{os.environ['PATH']}",
            },
        )
        assert hasil.returncode == 0, hasil.stderr
        assert catatan.read_text().splitlines() == [
            "update -qq",
            f"install -y -qq {PALSU}",
        ]
