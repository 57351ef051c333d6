"""RKT and RAK rows as the forms see them: flat, like the paper.

The paper writes a sasaran once, on the first of its rows; the rows below with an empty sasaran
belong to it. Storage nests rows under their sasaran. These two functions convert between the
two shapes, so the edit form can mirror the paper and the services keep the nesting.
"""

from typing import Any

Baris = dict[str, Any]


def ratakan(sasaran: list[Baris], anak: str) -> list[Baris]:
    """[{nomor, sasaran, <anak>: [row, ...]}] → rows carrying nomor/sasaran on the first only."""
    hasil = []
    for item in sasaran:
        anggota = item.get(anak) or [{}]
        for posisi, baris in enumerate(anggota):
            kepala = {"nomor": item["nomor"], "sasaran": item["sasaran"]} if posisi == 0 else {}
            hasil.append({"nomor": "", "sasaran": ""} | baris | kepala)
    return hasil


def kelompokkan(baris: list[Baris], anak: str) -> list[Baris]:
    """The inverse of `ratakan`: a row with a sasaran starts a group, the rest join it."""
    hasil: list[Baris] = []
    for row in baris:
        isi = {k: v for k, v in row.items() if k not in ("nomor", "sasaran")}
        if row.get("sasaran") or not hasil:
            hasil.append(
                {"nomor": row.get("nomor", ""), "sasaran": row.get("sasaran", ""), anak: []}
            )
        hasil[-1][anak].append(isi)
    return hasil


def rak_ke_form(sasaran: list[Baris]) -> list[Baris]:
    """A RAK's stored sasaran as the editor's flat rows, quarters as the tw1..tw4 ticks."""
    hasil = ratakan(sasaran, "baris")
    for row in hasil:
        if "triwulan" in row:
            triwulan = row.pop("triwulan")
            row |= {f"tw{nomor}": nomor in triwulan for nomor in range(1, 5)}
    return hasil
