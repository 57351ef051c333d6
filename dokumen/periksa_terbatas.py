"""The signature check of a public upload, in a child process with a time and memory limit.

Anyone can upload a PDF to /verifikasi/<token>/; a crafted one once kept a web worker busy for
30 s and 630 MB. The caps of `tte.BatasPeriksa` refuse most such files after a cheap count;
this child bounds whatever the counting does not foresee: it runs `tte.periksa_dengan` under
RLIMIT_AS and RLIMIT_CPU and is killed at `VERIFIKASI_BATAS_DETIK`.

The parent passes the trust roots and the caps along with the PDF on stdin, so the child reads
no settings and touches no database; it answers one JSON object on stdout. Run as
`python -m dokumen.periksa_terbatas <memory MB> <cpu seconds>`.
"""

from __future__ import annotations

import base64
import fcntl
import json
import logging
import resource
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

logger = logging.getLogger(__name__)

PESAN_WAKTU_HABIS = "Pemeriksaan berkas ini melewati batas waktu."
PESAN_GAGAL = "Pemeriksaan berkas ini melewati batas memori atau terhenti."


@contextmanager
def slot_pemeriksaan() -> Iterator[bool]:
    """One of VERIFIKASI_SERENTAK_MAKS check slots on this machine, or False at once.

    Each check costs a child process (about a second of CPU, up to the memory limit): past a
    few at once the web workers would all be checking uploads and /healthz/ would stall. The
    slots are lock files (`flock`), shared by every worker process and freed when one dies.
    """
    from django.conf import settings

    folder = Path(settings.VAR_DIR) / "kunci" / "verifikasi"
    folder.mkdir(parents=True, exist_ok=True)
    for nomor in range(settings.VERIFIKASI_SERENTAK_MAKS):
        berkas = (folder / f"{nomor}.lock").open("a+b")
        try:
            fcntl.flock(berkas, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            berkas.close()
            continue
        try:
            yield True
        finally:
            fcntl.flock(berkas, fcntl.LOCK_UN)
            berkas.close()
        return
    yield False


def periksa_tanda_tangan_terbatas(pdf: bytes):
    """`tte.periksa_tanda_tangan` for untrusted input: never raises, never outlasts the limits
    (a refused or stopped check is `dapat_diperiksa=False`)."""
    from django.conf import settings

    from dokumen import tte

    akar = tte.akar_tepercaya()
    kepala = {
        "akar": [base64.b64encode(c.dump()).decode() for c in akar],
        "batas": asdict(tte.BatasPeriksa.dari_settings()),
    }
    masukan = json.dumps(kepala).encode() + b"\n" + pdf
    perintah = [
        sys.executable,
        "-m",
        "dokumen.periksa_terbatas",
        str(settings.VERIFIKASI_BATAS_MEMORI_MB),
        str(settings.VERIFIKASI_BATAS_DETIK),
    ]
    try:
        selesai = subprocess.run(  # noqa: S603 (our own interpreter and module, no shell)
            perintah,
            input=masukan,
            capture_output=True,
            timeout=settings.VERIFIKASI_BATAS_DETIK,
            cwd=settings.BASE_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed and reaped the child
        logger.warning("Pemeriksaan tanda tangan dihentikan: batas waktu habis.")
        return tte.tidak_dapat_diperiksa(PESAN_WAKTU_HABIS)
    if selesai.returncode != 0:
        logger.warning(
            "Pemeriksaan tanda tangan gagal (kode %s): %s",
            selesai.returncode,
            selesai.stderr.decode(errors="replace")[-2000:],
        )
        return tte.tidak_dapat_diperiksa(PESAN_GAGAL)
    try:
        hasil = _dari_json(selesai.stdout)
    except (ValueError, KeyError, TypeError):  # e.g. a library that printed to stdout
        logger.warning("Jawaban pemeriksaan tanda tangan tidak terbaca: %r", selesai.stdout[:500])
        return tte.tidak_dapat_diperiksa(PESAN_GAGAL)
    return tte.dalam_waktu_lokal(hasil)


def _dari_json(keluaran: bytes):
    from dokumen.tte import dari_json

    return dari_json(json.loads(keluaran))


def _anak(memori_mb: int, detik: int) -> None:
    """The child: limits first, then the check; the answer is one JSON object on stdout."""
    batas_memori = memori_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (batas_memori, batas_memori))
    resource.setrlimit(resource.RLIMIT_CPU, (detik, detik))
    kepala, pdf = sys.stdin.buffer.read().split(b"\n", 1)
    data = json.loads(kepala)

    from asn1crypto import x509 as asn1_x509

    from dokumen import tte

    akar = [asn1_x509.Certificate.load(base64.b64decode(c)) for c in data["akar"]]
    hasil = tte.periksa_dengan(pdf, akar=akar, batas=tte.BatasPeriksa(**data["batas"]))
    sys.stdout.write(json.dumps(tte.ke_json(hasil)))


if __name__ == "__main__":
    _anak(int(sys.argv[1]), int(sys.argv[2]))
