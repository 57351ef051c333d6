"""A clean table (rows of cell strings) read back into a document's rows, by the type's paper
columns (`JenisTerdaftar.kolom_excel`, dokumen.jenis.TabelExcel): the reverse of the Excel
export (pertukaran.xlsx), and the step a later import from Excel, Word or a paste shares.

Pure: strings in, rows in the shared shape (`baca_baris`/`ganti_baris`, without `kunci`) and
per-row warnings out; no database, no openpyxl (pertukaran.lembar turns a sheet into strings).

How a table is read:
- The header row is the first with two cells naming the type's columns (the paper's header or
  one of `judul_lain`, case and punctuation ignored); a column group's header ("Pelaksanaan
  Kegiatan") takes its columns' names from the row below. Cells under no known header are left
  out, with a warning. The number row ("1 2 3 …") and repeated header rows are skipped, and the
  table ends at the first empty row.
- A flat type's group row (the IKU's program: one text, in the first cell) gives its rows their
  group (`kunci_kelompok`).
- A grouped type's row with a sasaran cell filled opens a sasaran; the rows below with empty
  sasaran cells (merged cells read as empty) are its rows.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dokumen.jenis import JenisKolom, JenisTerdaftar, KolomExcel, TabelExcel

Tabel = Sequence[Sequence[str]]

# The marks read as a ticked quarter; an empty cell or "-" is not ticked.
TANDA_CENTANG = {"✓", "✔", "√", "V", "X", "1", "YA", "Y", "ADA"}
TANDA_KOSONG = {"", "-", "–", "—", "0"}
KATA_JUMLAH = {"JUMLAH", "TOTAL", "JUMLAH TOTAL"}
POLA_NOMOR = re.compile(r"^\(?\d{1,3}[a-zA-Z]?\)?\.?$")
POLA_KODE = re.compile(r"^(?P<teks>.*?)\s*\[(?P<kode>[^\[\]]*)\]$", re.DOTALL)
BARIS_CARI_KEPALA = 300  # the header is looked for in the first rows only (title, tupoksi)


@dataclass(frozen=True)
class Peringatan:
    """Something read that may not be what the user meant, at a row of the given table
    (1-based, counting every row given, title rows included)."""

    baris: int
    pesan: str


@dataclass
class HasilBaca:
    """The rows read, in the shared shape without keys, and what was noticed on the way."""

    baris: list[dict[str, Any]] = field(default_factory=list)
    tambahan: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    peringatan: list[Peringatan] = field(default_factory=list)
    # Where the main table ended (the index of the row after it), for the tables beside it.
    akhir: int = 0
    # The table row (1-based, as Peringatan counts) each of `baris` was read from, and for a
    # grouped type each sasaran's rows' (`nomor_anak[i][j]` for `baris[i][kunci_anak][j]`).
    nomor: list[int] = field(default_factory=list)
    nomor_anak: list[list[int]] = field(default_factory=list)


def normal(teks: str) -> str:
    """A header as compared: upper case, words only ("Anggaran (Rp)" → "ANGGARAN RP")."""
    return re.sub(r"[^0-9A-Z]+", " ", teks.upper()).strip()


def _nama(kolom: KolomExcel) -> set[str]:
    return {normal(kolom.judul), *(normal(j) for j in kolom.judul_lain)}


def _kosong(baris: Sequence[str]) -> bool:
    return not any(sel.strip() for sel in baris)


def _sel(baris: Sequence[str], indeks: int) -> str:
    return baris[indeks].strip() if indeks < len(baris) else ""


@dataclass(frozen=True)
class _Kepala:
    """Where the header was found and which table column each declared column is in."""

    baris: int  # index of the (first) header row
    awal_data: int  # index of the first row below the header rows
    posisi: dict[int, KolomExcel]  # table column index → declared column


def _cocok(tata: TabelExcel, sel: str) -> KolomExcel | None:
    n = normal(sel)
    return next((k for k in tata.kolom if n and n in _nama(k)), None) if n else None


def _kelompok(tata: TabelExcel, sel: str) -> str | None:
    n = normal(sel)
    return next((k.kelompok for k in tata.kolom if k.kelompok and normal(k.kelompok) == n), None)


def cari_kepala(
    tata: TabelExcel, tabel: Tabel, *, mulai: int = 0
) -> tuple[_Kepala | None, list[Peringatan]]:
    """The header of `tata`'s table at or below row `mulai`, or None."""
    peringatan: list[Peringatan] = []
    for indeks in range(mulai, min(len(tabel), mulai + BARIS_CARI_KEPALA)):
        baris = tabel[indeks]
        kena = sum(1 for sel in baris if _cocok(tata, sel) or _kelompok(tata, sel))
        if kena < 2:
            continue
        posisi: dict[int, KolomExcel] = {}
        dua_baris = False
        kelompok_aktif: str | None = None
        for kolom_ke, sel in enumerate(baris):
            teks = sel.strip()
            kelompok = _kelompok(tata, teks) if teks else None
            if kelompok:
                kelompok_aktif = kelompok
            elif teks:
                kelompok_aktif = None
            if kelompok_aktif:
                # A group's columns are named in the row below it.
                dua_baris = True
                bawah = _sel(tabel[indeks + 1], kolom_ke) if indeks + 1 < len(tabel) else ""
                kolom = next(
                    (
                        k
                        for k in tata.kolom
                        if k.kelompok == kelompok_aktif and normal(bawah) in _nama(k)
                    ),
                    None,
                )
            else:
                kolom = _cocok(tata, teks)
            if kolom is None:
                if teks and not kelompok_aktif:
                    peringatan.append(
                        Peringatan(indeks + 1, f"Kolom “{teks}” tidak dikenali dan dilewati.")
                    )
                continue
            if kolom in posisi.values():
                peringatan.append(
                    Peringatan(indeks + 1, f"Kolom “{teks}” muncul dua kali; yang kedua dilewati.")
                )
                continue
            posisi[kolom_ke] = kolom
        hilang = [k.judul for k in tata.kolom if k not in posisi.values() and not k.opsional]
        if hilang:
            peringatan.append(
                Peringatan(
                    indeks + 1,
                    f"Kolom {', '.join(hilang)} tidak ada; isinya dikosongkan.",
                )
            )
        awal = indeks + (2 if dua_baris else 1)
        return _Kepala(indeks, awal, posisi), peringatan
    return None, peringatan


def _baris_nomor(baris: Sequence[str]) -> bool:
    """The paper's number row: "1 2 3 4 …" (the RAK's 7 spanning the quarters)."""
    isi = [sel.strip().strip("()") for sel in baris if sel.strip()]
    return bool(isi) and all(s.isdigit() for s in isi) and isi[0] == "1"


def nilai_kosong(kolom: KolomExcel) -> Any:
    """What a field holds when its column is empty or absent."""
    if kolom.jenis in (JenisKolom.RUPIAH, JenisKolom.ANGKA):
        return None
    if kolom.jenis == JenisKolom.CENTANG:
        return []
    return ""


def baca_rupiah(teks: str) -> int | None:
    """Whole Rupiah from "8.170.412.000", "Rp 8.170.412.000,00", "8170412000" or
    "8,170,412,000"; None when it is no amount."""
    bersih = re.sub(r"^RP\.?", "", teks.strip().upper()).replace(" ", "").replace("\u00a0", "")
    bersih = re.sub(r",0{1,2}$", "", bersih)  # the Indonesian ",00" of whole Rupiah
    bersih = re.sub(r"\.0{1,2}$", "", bersih) if re.fullmatch(r"\d+\.0{1,2}", bersih) else bersih
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", bersih):
        bersih = bersih.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", bersih):
        bersih = bersih.replace(",", "")
    return int(bersih) if bersih.isdigit() else None


def baca_angka(teks: str) -> float | None:
    """A number written the Indonesian way ("1.234,5") or plainly ("1234.5")."""
    bersih = teks.strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?", bersih) or "," in bersih:
        bersih = bersih.replace(".", "").replace(",", ".")
    try:
        return float(bersih)
    except ValueError:
        return None


def _isi_kolom(
    kolom: KolomExcel, teks: str, tujuan: dict[str, Any], nomor_baris: int
) -> list[Peringatan]:
    """Write one cell into its row's field(s); what was dropped comes back as a warning."""
    if kolom.jenis == JenisKolom.URUT:
        return []
    if kolom.jenis == JenisKolom.CENTANG:
        tanda = teks.upper()
        if tanda in TANDA_CENTANG:
            tujuan[kolom.kunci] = sorted({*tujuan[kolom.kunci], kolom.nilai})
        elif tanda not in TANDA_KOSONG:
            return [
                Peringatan(
                    nomor_baris,
                    f"Kolom {kolom.judul} berisi “{teks}”, bukan tanda ✓: dianggap tidak "
                    "dicentang.",
                )
            ]
        return []
    if kolom.jenis == JenisKolom.RUPIAH:
        if not teks:
            return []
        nilai = baca_rupiah(teks)
        if nilai is None:
            return [
                Peringatan(
                    nomor_baris,
                    f"Kolom {kolom.judul} berisi “{teks}”, bukan angka rupiah: dikosongkan.",
                )
            ]
        tujuan[kolom.kunci] = nilai
        return []
    if kolom.jenis == JenisKolom.ANGKA:
        if teks:
            nilai = baca_angka(teks)
            if nilai is None:
                return [
                    Peringatan(
                        nomor_baris,
                        f"Kolom {kolom.judul} berisi “{teks}”, bukan angka: dikosongkan.",
                    )
                ]
            tujuan[kolom.kunci] = nilai
        return []
    if kolom.kunci_kode:
        cocok = POLA_KODE.match(teks)
        if cocok:
            tujuan[kolom.kunci_kode] = cocok["kode"].strip()
            teks = cocok["teks"].strip()
    tujuan[kolom.kunci] = teks
    return []


def _baris_kosong(kolom: Sequence[KolomExcel], kunci_kelompok: str | None) -> dict[str, Any]:
    baris: dict[str, Any] = {}
    for k in kolom:
        if k.jenis == JenisKolom.URUT:
            continue
        baris.setdefault(k.kunci, nilai_kosong(k))
        if k.kunci_kode:
            baris.setdefault(k.kunci_kode, "")
    if kunci_kelompok:
        baris[kunci_kelompok] = ""
    return baris


def _baris_kelompok(baris: Sequence[str], posisi: dict[int, KolomExcel]) -> str | None:
    """A group row's text: one text in the first cell (the rest empty, or the same text repeated
    where a pasted merged cell came as copies), not a printed No."""
    isi = {sel.strip() for sel in baris if sel.strip()}
    pertama = _sel(baris, min(posisi)) if posisi else ""
    if len(isi) == 1 and pertama and len(posisi) > 1 and not POLA_NOMOR.match(pertama):
        return pertama
    return None


def _baris_data(tabel: Tabel, kepala: _Kepala) -> list[tuple[int, Sequence[str]]]:
    """(row number, cells) of the table's body: up to the first empty row, the number row and
    repeated headers left out."""
    hasil = []
    ulangan = [normal(s) for s in tabel[kepala.baris]]
    for indeks in range(kepala.awal_data, len(tabel)):
        baris = tabel[indeks]
        if _kosong(baris):
            if hasil:
                break
            continue
        if _baris_nomor(baris) or [normal(s) for s in baris] == ulangan:
            continue
        hasil.append((indeks + 1, baris))
    return hasil


def _akhir(data: list[tuple[int, Sequence[str]]], kepala: _Kepala) -> int:
    return data[-1][0] if data else kepala.awal_data


def baca_tabel(terdaftar: JenisTerdaftar, tabel: Tabel) -> HasilBaca:
    """The rows of a table laid out as `terdaftar`'s paper (its `kolom_excel`), and the tables
    beside them found below it."""
    tata = terdaftar.kolom_excel
    if tata is None:
        raise ValueError(f"Jenis {terdaftar.kode} tidak punya tata letak Excel.")
    hasil = HasilBaca()
    kepala, peringatan = cari_kepala(tata, tabel)
    hasil.peringatan.extend(peringatan)
    if kepala is None:
        hasil.peringatan.append(
            Peringatan(
                1, f"Baris judul kolom {terdaftar.kode} tidak ditemukan: tidak ada yang dibaca."
            )
        )
        return hasil
    data = _baris_data(tabel, kepala)
    if terdaftar.kunci_anak is None:
        _baca_rata(tata, kepala, data, hasil)
    else:
        _baca_berkelompok(tata, terdaftar.kunci_anak, kepala, data, hasil)
    hasil.akhir = _akhir(data, kepala)
    for kunci, tata_tambahan in tata.tambahan:
        baris, peringatan, hasil.akhir = baca_rata(tata_tambahan, tabel, mulai=hasil.akhir)
        hasil.tambahan[kunci] = baris
        hasil.peringatan.extend(peringatan)
    return hasil


def baca_rata(
    tata: TabelExcel, tabel: Tabel, *, mulai: int = 0
) -> tuple[list[dict[str, Any]], list[Peringatan], int]:
    """A flat table of `tata` at or below row `mulai`: its rows, warnings, and where it ended.
    Not found: no rows (a table beside the rows may be left out of a file)."""
    kepala, peringatan = cari_kepala(tata, tabel, mulai=mulai)
    if kepala is None:
        return [], peringatan, mulai
    hasil = HasilBaca(peringatan=peringatan)
    data = _baris_data(tabel, kepala)
    _baca_rata(tata, kepala, data, hasil)
    return hasil.baris, hasil.peringatan, _akhir(data, kepala)


def _baca_rata(
    tata: TabelExcel, kepala: _Kepala, data: list[tuple[int, Sequence[str]]], hasil: HasilBaca
) -> None:
    kelompok = ""
    for nomor_baris, baris in data:
        if tata.kunci_kelompok:
            teks = _baris_kelompok(baris, kepala.posisi)
            if teks is not None:
                kelompok = teks
                continue
        if tata.jumlah and _baris_jumlah(baris, kepala.posisi):
            continue
        row = _baris_kosong(tata.kolom, tata.kunci_kelompok)
        if tata.kunci_kelompok:
            row[tata.kunci_kelompok] = kelompok
        for indeks, kolom in kepala.posisi.items():
            hasil.peringatan.extend(_isi_kolom(kolom, _sel(baris, indeks), row, nomor_baris))
        hasil.baris.append(row)
        hasil.nomor.append(nomor_baris)


def _baris_jumlah(baris: Sequence[str], posisi: dict[int, KolomExcel]) -> bool:
    """The total row under an amount column ("Jumlah"): computed, not a row."""
    teks = [normal(_sel(baris, i)) for i, k in posisi.items() if k.jenis != JenisKolom.RUPIAH]
    isi = [t for t in teks if t]
    return len(isi) == 1 and isi[0] in KATA_JUMLAH


def _baca_berkelompok(
    tata: TabelExcel,
    kunci_anak: str,
    kepala: _Kepala,
    data: list[tuple[int, Sequence[str]]],
    hasil: HasilBaca,
) -> None:
    kolom_sasaran = [k for k in tata.kolom if k.sasaran]
    kolom_anak = [k for k in tata.kolom if not k.sasaran]
    sasaran: dict[str, Any] | None = None
    for nomor_baris, baris in data:
        sel_sasaran = {i: k for i, k in kepala.posisi.items() if k.sasaran}
        sel_anak = {i: k for i, k in kepala.posisi.items() if not k.sasaran}
        if sasaran is None or any(_sel(baris, i) for i in sel_sasaran):
            sasaran = _baris_kosong(kolom_sasaran, None) | {kunci_anak: []}
            if not any(_sel(baris, i) for i in sel_sasaran):
                hasil.peringatan.append(
                    Peringatan(nomor_baris, "Baris ini tidak berada di bawah sasaran mana pun.")
                )
            for indeks, kolom in sel_sasaran.items():
                hasil.peringatan.extend(
                    _isi_kolom(kolom, _sel(baris, indeks), sasaran, nomor_baris)
                )
            hasil.baris.append(sasaran)
            hasil.nomor.append(nomor_baris)
            hasil.nomor_anak.append([])
        if not any(_sel(baris, i) for i in sel_anak):
            continue  # the sasaran's own row, without a row under it (a draft's)
        row = _baris_kosong(kolom_anak, None)
        for indeks, kolom in sel_anak.items():
            hasil.peringatan.extend(_isi_kolom(kolom, _sel(baris, indeks), row, nomor_baris))
        sasaran[kunci_anak].append(row)
        hasil.nomor_anak[-1].append(nomor_baris)
