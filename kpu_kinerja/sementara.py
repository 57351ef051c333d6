"""An uploaded file kept between its preview and the user's confirmation, under
MEDIA_ROOT/<folder>/<SHA-256 of its bytes>: the satker list and the realisasi template use it
(the confirmation names the file by a signed token holding the hash). Files left unconfirmed
go after a day, on the next save into the same folder."""

import hashlib
import re
import time
from pathlib import Path

from django.conf import settings

SIMPAN_MAKS_DETIK = 24 * 3600
_SIDIK = re.compile(r"^[0-9a-f]{64}$")


def _folder(folder: str) -> Path:
    return Path(settings.MEDIA_ROOT) / folder


def sidik(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def simpan_sementara(folder: str, isi: bytes) -> str:
    """Keep `isi` in `folder` (written whole, then renamed into place); returns its hash."""
    tujuan = _folder(folder)
    tujuan.mkdir(parents=True, exist_ok=True)
    batas = time.time() - SIMPAN_MAKS_DETIK
    for lama in tujuan.iterdir():
        if lama.stat().st_mtime < batas:
            lama.unlink(missing_ok=True)
    nama = sidik(isi)
    sementara = tujuan / f"{nama}.tmp"
    sementara.write_bytes(isi)
    sementara.replace(tujuan / nama)
    return nama


def jalur_sementara(folder: str, nama: str) -> Path | None:
    """Where the file of hash `nama` is kept, None when the name is no hash or it is gone."""
    if not _SIDIK.match(nama):
        return None
    jalur = _folder(folder) / nama
    return jalur if jalur.is_file() else None


def hapus_sementara(folder: str, nama: str) -> None:
    jalur = jalur_sementara(folder, nama)
    if jalur is not None:
        jalur.unlink(missing_ok=True)
