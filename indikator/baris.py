"""The IKU's stored rows ↔ the editor's program groups.

Stored flat, a row's `program` opens a group and the rows below with an empty (or the same)
program belong to it; rows before the first program form a group without one. The editor shows
the groups as blocks; saving writes each group's program on its first row only.
"""

from typing import Any

Baris = dict[str, Any]

KUNCI_ANAK_IKU = "baris"


def iku_ke_form(baris: list[Baris]) -> list[Baris]:
    """Flat rows as program groups, each {"program", "baris": its rows without program}; an
    IKU without rows is one empty group, so its first row can be added."""
    kelompok: list[Baris] = []
    for row in baris:
        program = row.get("program") or ""
        if not kelompok or (program and program != kelompok[-1]["program"]):
            kelompok.append({"program": program, KUNCI_ANAK_IKU: []})
        kelompok[-1][KUNCI_ANAK_IKU].append({k: v for k, v in row.items() if k != "program"})
    return kelompok or [{"program": "", KUNCI_ANAK_IKU: []}]


def iku_dari_form(kelompok: list[Baris]) -> list[Baris]:
    """Program groups back as flat rows, the program on each group's first row only."""
    return [
        row | {"program": item["program"] if posisi == 0 else ""}
        for item in kelompok
        for posisi, row in enumerate(item[KUNCI_ANAK_IKU])
    ]
