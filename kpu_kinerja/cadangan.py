"""Backup and restore of the whole application: the database and MEDIA_ROOT in one archive.

The archive (`.tar.gz`) holds:
- `manifest.json`: format, time, application and Django version, database engine, the applied
  migrations, the number of rows per model and the SHA-256 of every file;
- `data.json`: every row of the project, auth and API-token tables, as a Django fixture with
  natural keys for content types and permissions (they are recreated by `migrate`, with ids
  that may differ); content types, permissions, sessions and login-throttle logs stay out;
- `media/…`: the files under MEDIA_ROOT, the signed PDFs among them.

Restoring needs a migrated database at least as new as the backup's; it refuses a database
that holds data unless told to replace it (then it empties it first, in the same transaction),
loads, checks every count and file hash, and rolls the database back if anything differs.
The same archive restores on SQLite and on PostgreSQL.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

FORMAT = 1
NAMA_MANIFEST = "manifest.json"
NAMA_DATA = "data.json"
FOLDER_MEDIA = "media"
# Rebuilt by `migrate` (content types, permissions) or not worth keeping (sessions, axes logs).
DIKECUALIKAN = ("contenttypes", "auth.permission", "sessions", "axes")
POTONGAN = 1024 * 1024


class CadanganTidakValid(Exception):
    """The archive is not a backup this application can restore; the message says why."""


class BasisDataTidakKosong(Exception):
    """The target database holds data and the caller did not ask to replace it."""


def _dicadangkan(model: type[Model]) -> bool:
    meta = model._meta
    if not meta.managed or meta.proxy:
        return False
    return meta.app_label not in DIKECUALIKAN and meta.label_lower not in DIKECUALIKAN


def model_dicadangkan() -> list[type[Model]]:
    """Every model whose rows a backup holds."""
    return [model for model in apps.get_models() if _dicadangkan(model)]


def jumlah_baris() -> dict[str, int]:
    """Rows per backed-up model in the database now (`app_label.model`)."""
    return {m._meta.label_lower: m._base_manager.count() for m in model_dicadangkan()}


def _migrasi_terpasang() -> list[str]:
    return sorted(
        f"{app}.{nama}" for app, nama in MigrationRecorder(connection).applied_migrations()
    )


def _sha256(berkas: Path) -> str:
    hasil = hashlib.sha256()
    with berkas.open("rb") as isi:
        while potongan := isi.read(POTONGAN):
            hasil.update(potongan)
    return hasil.hexdigest()


def _berkas_media() -> dict[str, Path]:
    """Every file under MEDIA_ROOT by its path relative to it (POSIX separators)."""
    akar = Path(settings.MEDIA_ROOT)
    if not akar.is_dir():
        return {}
    return {
        berkas.relative_to(akar).as_posix(): berkas
        for berkas in sorted(akar.rglob("*"))
        if berkas.is_file() and not berkas.is_symlink()
    }


def _dump(tujuan: Path) -> dict[str, int]:
    """Write the fixture to `tujuan` and return the rows it holds per model."""
    call_command(
        "dumpdata",
        exclude=list(DIKECUALIKAN),
        use_natural_foreign_keys=True,
        use_base_manager=True,
        format="json",
        output=str(tujuan),
        verbosity=0,
    )
    with tujuan.open(encoding="utf-8") as isi:
        dalam_dump = Counter(obj["model"] for obj in json.load(isi))
    return {
        m._meta.label_lower: dalam_dump.get(m._meta.label_lower, 0) for m in model_dicadangkan()
    }


@contextmanager
def _satu_snapshot() -> Iterator[None]:
    """One transaction for the whole dump; on PostgreSQL one snapshot of every table, too
    (unless the caller's transaction already started: then it is the caller's snapshot)."""
    terluar = not connection.in_atomic_block
    with transaction.atomic():
        if terluar and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def _pastikan_termigrasi() -> None:
    executor = MigrationExecutor(connection)
    rencana = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if rencana:
        raise CadanganTidakValid(
            f"Basis data belum memuat {len(rencana)} migrasi aplikasi ini. Cadangkan dengan versi "
            "aplikasi yang cocok dengan basis data (sebelum memperbarui aplikasi), atau jalankan "
            "`manage.py migrate` lebih dulu."
        )


def buat_cadangan(tujuan: Path) -> dict[str, Any]:
    """Write a backup archive to `tujuan` (written aside, then moved into place)."""
    tujuan = Path(tujuan)
    _pastikan_termigrasi()
    with tempfile.TemporaryDirectory() as kerja:
        data = Path(kerja) / NAMA_DATA
        with _satu_snapshot():
            jumlah = _dump(data)
            migrasi = _migrasi_terpasang()
        media = _berkas_media()
        manifest = {
            "format": FORMAT,
            "dibuat": timezone.now().isoformat(),
            "versi_aplikasi": settings.APP_VERSION,
            "versi_django": django.get_version(),
            "basis_data": connection.vendor,
            "migrasi": migrasi,
            "jumlah": jumlah,
            "data_sha256": _sha256(data),
            "media": {nama: _sha256(berkas) for nama, berkas in media.items()},
        }
        sementara = Path(kerja) / "arsip.tar.gz"
        with tarfile.open(sementara, "w:gz") as arsip:
            isi_manifest = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(NAMA_MANIFEST)
            info.size = len(isi_manifest)
            info.mtime = int(timezone.now().timestamp())
            arsip.addfile(info, io.BytesIO(isi_manifest))
            arsip.add(data, arcname=NAMA_DATA)
            for nama, berkas in media.items():
                arsip.add(berkas, arcname=f"{FOLDER_MEDIA}/{nama}")
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(sementara, tujuan)
    return manifest


def _nama_aman(nama: str) -> bool:
    jalur = PurePosixPath(nama)
    return not jalur.is_absolute() and ".." not in jalur.parts and nama == jalur.as_posix()


def _baca_manifest(arsip: tarfile.TarFile) -> dict[str, Any]:
    try:
        berkas = arsip.extractfile(NAMA_MANIFEST)
        manifest = json.load(berkas) if berkas is not None else None
    except (KeyError, json.JSONDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CadanganTidakValid(
            "Berkas ini bukan arsip cadangan aplikasi ini (manifest tidak ada)."
        )
    for anggota in arsip.getmembers():
        if not _nama_aman(anggota.name) or not (anggota.isfile() or anggota.isdir()):
            raise CadanganTidakValid(f"Arsip memuat entri yang tidak aman: {anggota.name!r}.")
    return manifest


def _periksa_migrasi(manifest: dict[str, Any]) -> None:
    kurang = sorted(set(manifest["migrasi"]) - set(_migrasi_terpasang()))
    if kurang:
        raise CadanganTidakValid(
            "Basis data tujuan belum memuat migrasi yang dipakai cadangan ini ("
            + ", ".join(kurang[:5])
            + ("…" if len(kurang) > 5 else "")
            + "). Jalankan `manage.py migrate` dengan versi aplikasi yang sama atau lebih baru."
        )


def _ekstrak(arsip: tarfile.TarFile, nama: str, tujuan: Path, sha256: str) -> None:
    sumber = arsip.extractfile(nama)
    if sumber is None:
        raise CadanganTidakValid(f"Berkas {nama} tidak ada di arsip.")
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    with tujuan.open("wb") as keluar:
        shutil.copyfileobj(sumber, keluar, POTONGAN)
    if _sha256(tujuan) != sha256:
        raise CadanganTidakValid(f"Berkas {nama} di arsip rusak (SHA-256 berbeda).")


def pulihkan_cadangan(sumber: Path, *, timpa: bool = False) -> dict[str, Any]:
    """Restore the archive at `sumber`; `timpa` empties a database that holds data first.

    The database changes in one transaction: a count that differs after loading, or a damaged
    file, rolls it back.
    """
    with tarfile.open(sumber, "r:gz") as arsip:
        manifest = _baca_manifest(arsip)
        _periksa_migrasi(manifest)
        berisi = {label: n for label, n in jumlah_baris().items() if n}
        if berisi and not timpa:
            contoh = ", ".join(f"{label} ({n})" for label, n in list(berisi.items())[:3])
            raise BasisDataTidakKosong(
                f"Basis data tujuan sudah berisi data: {contoh}. Pulihkan ke basis data kosong, "
                "atau tambahkan --ya untuk mengosongkannya lebih dulu (semua data di sana hilang)."
            )
        try:
            with tempfile.TemporaryDirectory() as kerja, transaction.atomic():
                _muat(arsip, manifest, Path(kerja), kosongkan=bool(berisi))
        finally:
            # Content-type ids may have changed (flush recreates them) or been rolled back.
            ContentType.objects.clear_cache()
    return manifest


def _muat(arsip: tarfile.TarFile, manifest: dict[str, Any], kerja: Path, kosongkan: bool) -> None:
    """Inside the caller's transaction: empty if asked, load, check counts, write the files."""
    data = kerja / NAMA_DATA
    _ekstrak(arsip, NAMA_DATA, data, manifest["data_sha256"])
    if kosongkan:
        call_command("flush", interactive=False, verbosity=0)
        ContentType.objects.clear_cache()
    call_command("loaddata", str(data), verbosity=0)
    sekarang = jumlah_baris()
    beda = {
        label: (n, sekarang.get(label, 0))
        for label, n in manifest["jumlah"].items()
        if sekarang.get(label, 0) != n
    }
    if beda:
        raise CadanganTidakValid(
            "Jumlah baris setelah pemulihan tidak sama dengan cadangan: "
            + ", ".join(f"{label} {a} → {b}" for label, (a, b) in beda.items())
            + ". Basis data dikembalikan seperti semula."
        )
    akar = Path(settings.MEDIA_ROOT)
    for nama, sha256 in manifest["media"].items():
        _ekstrak(arsip, f"{FOLDER_MEDIA}/{nama}", akar / nama, sha256)
