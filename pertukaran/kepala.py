"""The header fields a document carries outside its table, found in its text lines: the place
and date of signing, the signatory's jabatan and name, and the tupoksi lists of an IKU.

Pure: lines in (a .docx's, pertukaran.gabung.teks_kepala: its paragraphs and its layout tables'
text; a sheet's rows outside its table, `teks_lembar`), fields out. What is not found stays
empty; nothing raises. The lines come from a bounded file (pertukaran.berkas); each is matched
by anchored patterns without nested repetition, so the time is linear in the text.

How the lines are read, as the seeds write them (/work/shared/seeds):
- place and date: the last line "<place>, <date>" ("Sendawar, 03 Januari 2024", "Lebak,
  26/01/2024" as kpu_kinerja.formats reads dates; "Buntok, Januari 2024": month precision),
  Indonesian month names in any case, common misspellings ("Pebruari", "Nopember") and near
  misses allowed; a day the calendar lacks keeps the place, not the date;
- signatory: below the place and date, the jabatan lines (naming a rank or the body: "Ketua",
  "KPU", "Kabupaten …", or ending in ",") and then the first other line, the name; "NIP …",
  "(ditandatangani …)", "[…]" and "Pihak Pertama," lines are skipped; of several parties,
  the first below the place and date;
- tupoksi, looked for above the place and date: a heading "Tugas", "Fungsi", "Wewenang" or
  "Kewajiban" ("- Tugas", "FUNGSI :"), with one item after its colon, or items below, each
  opened by a marker ("1.", "a.", "1)", "-", "•"), or one unmarked item below it; a line
  without a marker (or, in a numbered list, bulleted and in lower case) continues the item
  above when that item reads unfinished (no closing ".", ";" or ":") or the line starts in
  lower case; a list ends at another heading, a "Label : …" line, a title in capitals, or
  any other line. A list given twice counts once, the first.
"""

import datetime
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dokumen.models import PresisiTanggal
from kpu_kinerja.formats import BULAN as NAMA_BULAN
from kpu_kinerja.formats import TanggalTidakAda, baca_tanggal
from pertukaran.baca import Tabel
from satker.models import JenisTupoksi

BULAN = tuple(nama.lower() for nama in NAMA_BULAN)
BULAN_LAIN = {"pebruari": 2, "nopember": 11, "agustus": 8, "jan": 1, "feb": 2, "mar": 3,
              "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "ags": 8, "sep": 9, "sept": 9,
              "okt": 10, "nov": 11, "nop": 11, "des": 12}  # fmt: skip
POLA_TEMPAT_TANGGAL = re.compile(
    r"^(?P<tempat>[A-Za-z][A-Za-z .'\-]{1,40}?)\s*,\s*(?P<tanggal>[\w ./-]{4,24}(?:19|20)\d{2})\.?$"
)
# A date in words the shared parser (kpu_kinerja.formats) does not know: a misspelt month, or
# the month alone ("Januari 2024").
POLA_TANGGAL_KATA = re.compile(
    r"^(?:(?P<hari>\d{1,2})\s*)?(?P<bulan>[A-Za-z]{3,10})\.?\s+(?P<tahun>(?:19|20)\d{2})$"
)
POLA_JUDUL_TUPOKSI = re.compile(
    r"^[-–•*·\s]*(?P<jenis>tugas|fungsi|wewenang|kewajiban)\s*(?::\s*(?P<isi>.*))?$",
    re.IGNORECASE | re.DOTALL,
)
POLA_NOMOR = re.compile(
    r"^(?:[-–•*·]\s*)?\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s+(?P<isi>.+)$", re.DOTALL
)
POLA_POIN = re.compile(r"^[-–•*·]\s+(?P<isi>.+)$", re.DOTALL)
POLA_LABEL = re.compile(r"^[A-Za-z][A-Za-z /]{1,30}\s:\s*|^[A-Za-z][A-Za-z /]{1,30}:\s")
POLA_NIP = re.compile(r"^NIP\b", re.IGNORECASE)
POLA_PIHAK = re.compile(r"^pihak (pertama|kedua|ketiga)\s*,?$", re.IGNORECASE)
# Words of a jabatan line above a signature ("Ketua Komisi Pemilihan Umum", "Kabupaten Lebak,").
KATA_JABATAN = re.compile(
    r"\b(KETUA|SEKRETARIS|ANGGOTA|KEPALA|KASUBBAG|PLT|PLH|PIHAK|KPU|KOMISI|PEMILIHAN|UMUM|"
    r"KABUPATEN|KAB|KOTA|PROVINSI|SELAKU|ATASAN|SUB ?BAGIAN)\b",
    re.IGNORECASE,
)
BARIS_TTD = 10  # the name is looked for this many lines below the place and date
JENIS_TUPOKSI = {j.label.upper(): j.value for j in JenisTupoksi}


@dataclass(frozen=True)
class KepalaDitemukan:
    """The header fields found, as written; empty when not found."""

    tempat_ttd: str = ""
    tanggal_ttd: datetime.date | None = None
    tanggal_presisi: str = ""  # a dokumen.models.PresisiTanggal value ("" if no date)
    nama_penandatangan: str = ""  # as written ("ARKADIUS HANYE, SH")
    jabatan_penandatangan: str = ""  # the line(s) above the name ("Ketua KPU Kab. Kutai Barat")
    # A satker.models.JenisTupoksi value → its items in order.
    tupoksi: dict[str, list[str]] = field(default_factory=dict)


def teks_lembar(tabel: Tabel, kecuali: range) -> list[str]:
    """A sheet's rows outside its table (`kecuali`: the table's row indexes) as text lines: each
    row's non-empty cells joined by a space."""
    hasil = []
    for indeks, baris in enumerate(tabel):
        if indeks in kecuali:
            continue
        teks = " ".join(s.strip() for s in baris if s and s.strip())
        if teks:
            hasil.append(teks)
    return hasil


def bulan(teks: str) -> int | None:
    """The month (1–12) an Indonesian month name means, misspelt or abbreviated; else None."""
    kata = teks.strip().lower().rstrip(".")
    if kata in BULAN:
        return BULAN.index(kata) + 1
    if kata in BULAN_LAIN:
        return BULAN_LAIN[kata]
    mirip = difflib.get_close_matches(kata, BULAN, n=1, cutoff=0.75) if len(kata) > 4 else []
    return BULAN.index(mirip[0]) + 1 if mirip else None


def _tanggal(teks: str) -> tuple[datetime.date | None, str] | None:
    """(date, precision) of a date as written after the place; None when it is no date."""
    try:
        return baca_tanggal(teks), PresisiTanggal.HARI.value  # "26 Januari 2024", "26/01/2024"
    except TanggalTidakAda:
        return None, ""  # "31 Februari 2024": a date, but none the calendar has
    except ValueError:
        pass
    cocok = POLA_TANGGAL_KATA.match(teks)
    nomor_bulan = bulan(cocok["bulan"]) if cocok else None
    if nomor_bulan is None:
        return None
    tahun = int(cocok["tahun"])
    if cocok["hari"] is None:
        return datetime.date(tahun, nomor_bulan, 1), PresisiTanggal.BULAN.value
    try:
        return datetime.date(tahun, nomor_bulan, int(cocok["hari"])), PresisiTanggal.HARI.value
    except ValueError:
        return None, ""


def _tempat_tanggal(baris: str) -> tuple[str, datetime.date | None, str] | None:
    """(place, date, precision) of a place-and-date line; None when it is none."""
    cocok = POLA_TEMPAT_TANGGAL.match(" ".join(baris.split()))
    tanggal = _tanggal(cocok["tanggal"].rstrip(".")) if cocok else None
    if tanggal is None:
        return None
    return cocok["tempat"].strip(), *tanggal


def _lewati_ttd(baris: str) -> bool:
    """A line of the signature block that is neither jabatan nor name: the NIP, a note, the
    party's heading ("Pihak Pertama,")."""
    return bool(POLA_NIP.match(baris) or POLA_PIHAK.match(baris)) or baris.startswith(("(", "["))


def _penandatangan(teks: Sequence[str]) -> tuple[str, str]:
    """(jabatan, name) of the lines below the place and date."""
    jabatan: list[str] = []
    for baris in teks[:BARIS_TTD]:
        if _lewati_ttd(baris):
            continue
        if KATA_JABATAN.search(baris) or baris.endswith(","):
            if jabatan or not _tempat_tanggal(baris):
                jabatan.append(baris)
            continue
        return " ".join(jabatan), baris
    return " ".join(jabatan), ""


def _selesai(item: str) -> bool:
    return item.rstrip().endswith((".", ";", ":"))


def _akhir_daftar(baris: str) -> bool:
    """A line that cannot belong to a list: a label, a title in capitals, a place and date."""
    huruf = [c for c in baris if c.isalpha()]
    kapital = len(huruf) > 8 and all(c.isupper() for c in huruf)
    return bool(POLA_LABEL.match(baris)) or kapital or _tempat_tanggal(baris) is not None


def _butir(isi: str) -> str:
    nomor = POLA_NOMOR.match(isi) or POLA_POIN.match(isi)
    return (nomor["isi"] if nomor else isi).strip()


def _tupoksi(teks: Sequence[str]) -> dict[str, list[str]]:
    hasil: dict[str, list[str]] = {}
    butir: list[str] | None = None  # the list being read
    bernomor = False  # its items are numbered ("1.", "a."), not bulleted
    for baris in teks:
        judul = POLA_JUDUL_TUPOKSI.match(baris)
        if judul:
            jenis = JENIS_TUPOKSI[judul["jenis"].upper()]
            butir = [] if jenis not in hasil else None  # a list given twice: the first counts
            bernomor = False
            if butir is not None:
                hasil[jenis] = butir
                isi = (judul["isi"] or "").strip()
                if isi:
                    bernomor = bool(POLA_NOMOR.match(isi))
                    butir.append(_butir(isi))
            continue
        if butir is None:
            continue
        nomor, poin = POLA_NOMOR.match(baris), POLA_POIN.match(baris)
        terbuka = bool(butir) and not _selesai(butir[-1])
        if nomor:
            butir.append(nomor["isi"].strip())
            bernomor = True
        elif poin and bernomor and terbuka and poin["isi"][0].islower():
            # A numbered item broken over two paragraphs, the second bulleted by mistake.
            butir[-1] = f"{butir[-1]} {poin['isi'].strip()}"
        elif poin:
            butir.append(poin["isi"].strip())
        elif _akhir_daftar(baris):
            butir = None
        elif not butir:
            butir.append(baris.strip())  # the one item below its title
        elif terbuka or baris[0].islower():
            butir[-1] = f"{butir[-1]} {baris.strip()}"
        else:
            butir = None
    return {jenis: isi for jenis, isi in hasil.items() if isi}


def cari_kepala(teks: list[str]) -> KepalaDitemukan:
    """The header fields in a document's text lines, by the rules above."""
    baris = [" ".join(b.split()) for b in teks if b and b.strip()]
    posisi = next((i for i in range(len(baris) - 1, -1, -1) if _tempat_tanggal(baris[i])), None)
    if posisi is None:
        return KepalaDitemukan(tupoksi=_tupoksi(baris))
    tempat, tanggal, presisi = _tempat_tanggal(baris[posisi])
    jabatan, nama = _penandatangan(baris[posisi + 1 :])
    return KepalaDitemukan(
        tempat_ttd=tempat,
        tanggal_ttd=tanggal,
        tanggal_presisi=str(presisi) if tanggal else "",
        nama_penandatangan=nama,
        jabatan_penandatangan=jabatan,
        tupoksi=_tupoksi(baris[:posisi]),
    )


# Academic and religious titles around a name: before it ("Dr.", "H."), after its comma ("SH",
# "S.Sos", "M.Si") or, written without the comma, at its end (a known degree only, as "ADI" is
# also a name).
POLA_GELAR_DEPAN = re.compile(r"^\s*(?:(?:prof|dr|drs|dra|ir|hj|h|kh)(?:\.\s*|\s+))+", re.I)
GELAR_BELAKANG = frozenset(
    {
        "AMD",
        "BSC",
        "LC",
        "MA",
        "MAK",
        "MAP",
        "MBA",
        "MH",
        "MHUM",
        "MIKOM",
        "MIP",
        "MKES",
        "MKN",
        "MKOM",
        "MM",
        "MPA",
        "MPD",
        "MSC",
        "MSI",
        "MSOC",
        "MT",
        "PHD",
        "SAG",
        "SAN",
        "SAP",
        "SE",
        "SEI",
        "SH",
        "SHI",
        "SHUM",
        "SHUT",
        "SIKOM",
        "SIP",
        "SKED",
        "SKM",
        "SKOM",
        "SPD",
        "SPDI",
        "SPSI",
        "SPT",
        "SS",
        "SSI",
        "SSOS",
        "SSTP",
        "ST",
        "STP",
    }
)


def nama_normal(nama: str) -> str:
    """A name as compared: capitals and single spaces, without punctuation or titles
    ("Dr. Arkadius Hanye, S.H., M.Si" → "ARKADIUS HANYE")."""
    inti = POLA_GELAR_DEPAN.sub("", nama.split(",")[0])
    kata = [k for k in (re.sub(r"[^0-9A-Z]", "", k) for k in inti.upper().split()) if k]
    while len(kata) > 1 and kata[-1] in GELAR_BELAKANG:
        kata.pop()
    return " ".join(kata)
