"""RAK rows as the editor's forms see them: the quarters as four ticks (tw1..tw4).

Storage keeps a row's quarters as a list (`triwulan`: [1, 3]); the editor shows one tick per
quarter. The sasaran and their rows keep the stored nesting (dokumen.editor_kelompok), so
nothing else differs; the row form turns the ticks back into the list (`BarisRakForm.as_baris`).
"""

from typing import Any

Baris = dict[str, Any]


def rak_ke_form(sasaran: list[Baris]) -> list[Baris]:
    """A RAK's stored sasaran with each row's quarters as the tw1..tw4 ticks."""
    hasil = []
    for item in sasaran:
        anggota = []
        for row in item.get("baris") or []:
            row = dict(row)
            if "triwulan" in row:
                triwulan = row.pop("triwulan")
                row |= {f"tw{nomor}": nomor in triwulan for nomor in range(1, 5)}
            anggota.append(row)
        hasil.append(item | {"baris": anggota})
    return hasil
