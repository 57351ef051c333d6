"""Outputs of `manage.py export_dokumen` beyond the document types' PDFs. An app above this
layer registers one from its AppConfig.ready(), since `dokumen` may not import it: another
`--jenis` with its own flags (the measurement's TW report, `KeluaranTambahan`), or another
`--format` of the documents (the Excel of pertukaran, `FormatKeluaran`)."""

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


@dataclass(frozen=True)
class FormatKeluaran:
    """A format of `export_dokumen --format` beside the PDF (the Excel of pertukaran, an app
    above this layer): how it writes one document's bytes."""

    nama: str  # the `--format` value ("xlsx")
    tulis: Callable[[Any], bytes]  # (Dokumen) → the file's bytes


_FORMAT: dict[str, FormatKeluaran] = {}


def daftarkan_format(format_keluaran: FormatKeluaran) -> None:
    _FORMAT[format_keluaran.nama] = format_keluaran


def semua_format() -> list[FormatKeluaran]:
    return list(_FORMAT.values())
