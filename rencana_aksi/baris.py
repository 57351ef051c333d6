"""RKT and RAK rows as the forms see them: flat, like the paper.

The paper writes a sasaran once, on the first of its rows; the rows below with an empty sasaran
belong to it. Storage nests rows under their sasaran. These two functions convert between the
two shapes, so the edit form can mirror the paper and the services keep the nesting.

Keys (dokumen.baris) go along: every flat row carries its own `kunci`, and the first row of a
sasaran also the sasaran's (`kunci_sasaran`, and `asal_sasaran`, which the forms do not keep).
"""

from typing import Any

Baris = dict[str, Any]

# A sasaran's keys as its first flat row carries them.
KUNCI_KEPALA = {"kunci": "kunci_sasaran", "asal": "asal_sasaran"}


def ratakan(sasaran: list[Baris], anak: str) -> list[Baris]:
    """[{nomor, sasaran, <anak>: [row, ...]}] → rows carrying nomor/sasaran (and the sasaran's
    keys, when it has them) on the first only."""
    hasil = []
    for item in sasaran:
        anggota = item.get(anak) or [{}]
        kepala = {"nomor": item["nomor"], "sasaran": item["sasaran"]}
        kepala |= {datar: item[kunci] for kunci, datar in KUNCI_KEPALA.items() if kunci in item}
        for posisi, baris in enumerate(anggota):
            hasil.append({"nomor": "", "sasaran": ""} | baris | (kepala if posisi == 0 else {}))
    return hasil


def kelompokkan(baris: list[Baris], anak: str) -> list[Baris]:
    """The inverse of `ratakan`: a row with a sasaran starts a group, the rest join it.

    Where a row belongs is where it stands, as on paper: a group's key is the one its first row
    carries (`kunci_sasaran`); one on a later row of the group (a sasaran emptied to join the one
    above) is not read, and a first row without one makes a new sasaran.
    """
    lepas = {"nomor", "sasaran", *KUNCI_KEPALA.values()}
    hasil: list[Baris] = []
    for row in baris:
        isi = {k: v for k, v in row.items() if k not in lepas}
        if row.get("sasaran") or not hasil:
            kepala = {"nomor": row.get("nomor", ""), "sasaran": row.get("sasaran", "")}
            if row.get("kunci_sasaran"):
                kepala["kunci"] = row["kunci_sasaran"]
            if "asal_sasaran" in row:
                kepala["asal"] = row["asal_sasaran"]
            hasil.append(kepala | {anak: []})
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
