"""Outputs of `manage.py export_dokumen` beyond the document types. An app above this layer
(the measurement's TW report) registers one from its AppConfig.ready(), with its own flags,
since `dokumen` may not import it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ArgumenTambahan:
    """A flag of one output only (`--tw`): refused for every other `--jenis`."""

    nama: str  # "--tw"
    opsi: dict[str, Any] = field(default_factory=dict)  # argparse's, without `required`


@dataclass(frozen=True)
class KeluaranTambahan:
    """One more `--jenis`: its flags and how it writes its PDF. `tulis` takes the command's
    options and returns the PDF and the line the command prints; it raises CommandError
    (a clear message, a non-zero exit) when there is nothing to write."""

    jenis: str  # the `--jenis` value, lower case ("pengukuran")
    argumen: tuple[ArgumenTambahan, ...]
    tulis: Callable[[dict[str, Any]], tuple[bytes, str]]


_KELUARAN: dict[str, KeluaranTambahan] = {}


def daftarkan_keluaran(keluaran: KeluaranTambahan) -> None:
    _KELUARAN[keluaran.jenis] = keluaran


def semua_keluaran() -> list[KeluaranTambahan]:
    return list(_KELUARAN.values())
