"""The national satker list (issue 16): read a CSV or .xlsx file, compare it with the database
(a preview: each row new, changed, unchanged or in error) and apply it all or nothing.

One service for `manage.py impor_satker` and the Admin RI page (`satker/views_impor.py`).
Applying is idempotent: the same file twice changes nothing the second time. Nothing is ever
deleted: a satker missing from the file stays as it is (the preview lists it), and one that no
longer exists is marked inactive with the column `aktif`. Every new or changed satker gets an
entry in its audit history (`JejakProfil`), so renames and moves are recorded.
"""

import csv
import hashlib
import io
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from satker.models import INDUK_TINGKAT, JejakProfil, Satker, Tingkat

UKURAN_MAKS = 5 * 1024 * 1024  # bytes; the national list (~550 rows) is ~60 KB as CSV
BARIS_MAKS = 2000  # data rows; the national list has 553
# An .xlsx is a ZIP: bounded before openpyxl unpacks it (a ZIP bomb stops here).
XLSX_ENTRI_MAKS = 500
XLSX_ISI_MAKS = 50 * 1024 * 1024

BARU, BERUBAH, TETAP, GALAT = "baru", "berubah", "tetap", "galat"
LABEL_STATUS = {BARU: "Baru", BERUBAH: "Berubah", TETAP: "Tetap", GALAT: "Galat"}

# Columns by header name: the field, then the headers accepted for it (compared lower-case,
# with "_" and repeated spaces read as one space). Extra columns are ignored, and said so.
KOLOM: dict[str, tuple[str, ...]] = {
    "kode": ("kode", "kode satker", "kode satuan kerja"),
    "nama": ("nama", "nama satker", "nama satuan kerja"),
    "tingkat": ("tingkat", "tingkat satker", "jenjang"),
    "induk": ("induk", "kode induk", "induk satker", "kode satker induk", "satker induk"),
    "kota_ttd": ("kota ttd", "kota tanda tangan", "kota penandatanganan", "tempat ttd"),
    "alamat": ("alamat", "alamat kantor"),
    "nama_lengkap": ("nama lengkap",),
    "aktif": ("aktif", "status aktif"),
}
KOLOM_WAJIB = ("kode", "nama", "tingkat", "induk", "kota_ttd")
_JUDUL = {judul: kunci for kunci, daftar in KOLOM.items() for judul in daftar}

_TINGKAT = {
    "RI": Tingkat.RI,
    "KPU RI": Tingkat.RI,
    "PROVINSI": Tingkat.PROVINSI,
    "PROV": Tingkat.PROVINSI,
    "KPU PROVINSI": Tingkat.PROVINSI,
    "KABKOTA": Tingkat.KABKOTA,
    "KAB/KOTA": Tingkat.KABKOTA,
    "KABUPATEN/KOTA": Tingkat.KABKOTA,
    "KPU KABUPATEN/KOTA": Tingkat.KABKOTA,
}
_URUT_TINGKAT = {Tingkat.RI: 0, Tingkat.PROVINSI: 1, Tingkat.KABKOTA: 2}
_YA = {"1", "ya", "y", "true", "aktif"}
_TIDAK = {"0", "tidak", "t", "n", "no", "false", "nonaktif", "tidak aktif"}

# The fields an import writes, in the order a change is described.
KOLOM_MASTER = ("nama", "nama_lengkap", "tingkat", "induk", "kota_ttd", "alamat", "aktif")


class BerkasDitolak(ValueError):
    """The file as a whole cannot be read (kind, size, encoding, header): nothing is compared."""


class ImporDitolak(Exception):
    """The preview has errors, or the file is not the one previewed: nothing was written."""

    def __init__(self, pesan: str, pratinjau: "Pratinjau | None" = None) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.pratinjau = pratinjau


@dataclass
class BarisImpor:
    """One data row of the file, as read, with its status against the database."""

    nomor: int  # the row's number in the file (the header is row 1 in a file starting with it)
    kode: str
    nama: str
    tingkat: str  # a Tingkat value, or the text as written when it is not one
    induk: str
    kota_ttd: str
    alamat: str | None  # None: column absent, the stored address stays
    nama_lengkap: str | None
    aktif: bool | None
    status: str = TETAP
    perubahan: list[str] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)
    # The satker's master data once applied (None while its code is missing or repeated).
    data_akhir: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def label_status(self) -> str:
        return LABEL_STATUS[self.status]


@dataclass(frozen=True)
class SatkerTerlewat:
    """A satker of the database that the file does not list: left as it is."""

    kode: str
    nama: str
    aktif: bool
    punya_dokumen: bool


@dataclass
class Pratinjau:
    sidik: str  # SHA-256 of the file, hex: what a confirmation must name
    baris: list[BarisImpor] = field(default_factory=list)
    galat_berkas: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    terlewat: list[SatkerTerlewat] = field(default_factory=list)

    @property
    def jumlah(self) -> dict[str, int]:
        hitung = Counter(b.status for b in self.baris)
        return {status: hitung.get(status, 0) for status in LABEL_STATUS}

    @property
    def ada_galat(self) -> bool:
        return bool(self.galat_berkas) or any(b.status == GALAT for b in self.baris)

    @property
    def ada_perubahan(self) -> bool:
        return any(b.status in (BARU, BERUBAH) for b in self.baris)

    @property
    def boleh_diterapkan(self) -> bool:
        return not self.ada_galat and self.ada_perubahan

    @property
    def ringkasan(self) -> str:
        """ "2 baru, 1 berubah, 550 tetap, 0 galat"."""
        return ", ".join(f"{n} {status}" for status, n in self.jumlah.items())

    def baris_dengan(self, *status: str) -> list[BarisImpor]:
        return [b for b in self.baris if b.status in status]


# Reading ----------------------------------------------------------------------------------


def sidik_berkas(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def _judul(teks: str) -> str:
    return " ".join(teks.replace("_", " ").lower().split())


def _teks_sel(nilai: Any) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))  # a code typed as a number: 320101, not 320101.0
    return str(nilai).strip()


def baca_berkas(isi: bytes) -> list[tuple[int, list[str]]]:
    """The file's non-empty rows as (row number, cell texts), the header first.

    What the file is comes from its bytes, not its name: an .xlsx is a ZIP holding a workbook,
    anything else must be UTF-8 text (a BOM is fine) separated by commas, semicolons (Excel's
    CSV in an Indonesian locale) or tabs. Raises BerkasDitolak."""
    if len(isi) > UKURAN_MAKS:
        raise BerkasDitolak(
            f"Berkas terlalu besar ({len(isi) // 1024} KB): paling besar "
            f"{UKURAN_MAKS // (1024 * 1024)} MB."
        )
    if not isi.strip():
        raise BerkasDitolak("Berkas kosong.")
    baris = _baca_xlsx(isi) if isi.startswith(b"PK\x03\x04") else _baca_csv(isi)
    baris = [(n, sel) for n, sel in baris if any(sel)]
    if not baris:
        raise BerkasDitolak("Berkas tidak berisi baris.")
    if len(baris) - 1 > BARIS_MAKS:
        raise BerkasDitolak(f"Berkas berisi lebih dari {BARIS_MAKS} baris data.")
    return baris


def _baca_csv(isi: bytes) -> list[tuple[int, list[str]]]:
    if b"\x00" in isi:
        raise BerkasDitolak("Berkas ini bukan CSV maupun .xlsx. Unggah berkas CSV atau .xlsx.")
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BerkasDitolak(
            "Berkas CSV bukan teks UTF-8. Dari Excel, simpan dengan “CSV UTF-8 (Comma "
            "delimited)”, atau unggah berkas .xlsx."
        ) from None
    pertama = next((b for b in teks.splitlines() if b.strip()), "")
    if any(not c.isprintable() and c != "\t" for c in pertama):
        raise BerkasDitolak("Berkas ini bukan CSV maupun .xlsx. Unggah berkas CSV atau .xlsx.")
    pemisah = max(";,\t", key=pertama.count) if pertama else ","
    try:
        return [
            (nomor, [sel.strip() for sel in baris])
            for nomor, baris in enumerate(csv.reader(io.StringIO(teks), delimiter=pemisah), 1)
        ]
    except csv.Error as error:
        raise BerkasDitolak(f"Berkas CSV tidak dapat dibaca: {error}.") from None


def _baca_xlsx(isi: bytes) -> list[tuple[int, list[str]]]:
    import openpyxl  # only here: the command and page load it on first use

    rusak = "Berkas .xlsx tidak dapat dibaca: rusak atau bukan buku kerja Excel."
    try:
        arsip = zipfile.ZipFile(io.BytesIO(isi))
        entri = arsip.infolist()
    except (zipfile.BadZipFile, OSError):
        raise BerkasDitolak(rusak) from None
    nama = {e.filename for e in entri}
    if "[Content_Types].xml" not in nama or "xl/workbook.xml" not in nama:
        raise BerkasDitolak("Berkas ZIP ini bukan buku kerja Excel (.xlsx).")
    if len(entri) > XLSX_ENTRI_MAKS or sum(e.file_size for e in entri) > XLSX_ISI_MAKS:
        raise BerkasDitolak("Berkas .xlsx terlalu besar setelah dibuka.")
    try:
        for e in entri:  # no DTD: no entity expansion in the XML parts
            if e.filename.endswith((".xml", ".rels")) and b"<!DOCTYPE" in arsip.read(e).upper():
                raise BerkasDitolak(rusak)
        buku = openpyxl.load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
        lembar = buku.worksheets[0]
        hasil = []
        for nomor, baris in enumerate(lembar.iter_rows(values_only=True), 1):
            sel = [_teks_sel(v) for v in baris]
            if any(sel):
                hasil.append((nomor, sel))
                if len(hasil) > BARIS_MAKS + 1:
                    break
        buku.close()
        return hasil
    except BerkasDitolak:
        raise
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds on a broken file)
        raise BerkasDitolak(rusak) from None


def _peta_kolom(judul: list[str], pratinjau: Pratinjau) -> dict[str, int]:
    peta: dict[str, int] = {}
    asing = []
    for i, teks in enumerate(judul):
        kunci = _JUDUL.get(_judul(teks))
        if kunci is None:
            if teks:
                asing.append(teks)
            continue
        if kunci in peta:
            pratinjau.galat_berkas.append(f"Kolom {kunci} muncul lebih dari sekali di judul.")
        peta[kunci] = i
    kurang = [k for k in KOLOM_WAJIB if k not in peta]
    if kurang:
        pratinjau.galat_berkas.append(
            f"Kolom wajib tidak ada di baris judul: {', '.join(kurang)}. Baris pertama berkas "
            f"harus judul kolom: {', '.join(KOLOM_WAJIB)}, alamat (boleh juga “Kode Satker”, "
            "“Kota Tanda Tangan”, …)."
        )
    if asing and not kurang:  # without a header every cell would be "unknown"
        pratinjau.catatan.append(f"Kolom yang tidak dikenal diabaikan: {', '.join(asing)}.")
    return peta


def _baris_impor(nomor: int, sel: list[str], peta: dict[str, int]) -> BarisImpor:
    def ambil(kunci: str) -> str | None:
        i = peta.get(kunci)
        if i is None:
            return None
        return sel[i].strip() if i < len(sel) else ""

    baris = BarisImpor(
        nomor=nomor,
        # Codes are slugs, stored lower-case: "Kab-Lebak" is kab-lebak, not a new satker.
        kode=(ambil("kode") or "").lower(),
        nama=" ".join((ambil("nama") or "").split()),
        tingkat=ambil("tingkat") or "",
        induk=(ambil("induk") or "").lower(),
        kota_ttd=" ".join((ambil("kota_ttd") or "").split()),
        alamat=ambil("alamat"),
        nama_lengkap=" ".join(x.split()) if (x := ambil("nama_lengkap")) else None,
        aktif=None,
    )
    tingkat = _TINGKAT.get(" ".join(baris.tingkat.upper().split()))
    if tingkat is None:
        baris.galat.append(
            f"Tingkat “{baris.tingkat}” tidak dikenal: gunakan RI, PROVINSI atau KABKOTA."
            if baris.tingkat
            else "Tingkat wajib diisi: RI, PROVINSI atau KABKOTA."
        )
    else:
        baris.tingkat = tingkat
    aktif = (ambil("aktif") or "").lower()
    if aktif in _YA:
        baris.aktif = True
    elif aktif in _TIDAK:
        baris.aktif = False
    elif aktif:
        baris.galat.append(f"Kolom aktif “{aktif}” tidak dikenal: isi ya atau tidak.")
    return baris


# Comparing --------------------------------------------------------------------------------


def nama_lengkap_dari(nama: str) -> str:
    """ "KPU Kab. Lebak" → "Komisi Pemilihan Umum Kabupaten Lebak": the full name a satker
    gets when the file gives none."""
    if nama.startswith("KPU "):
        nama = "Komisi Pemilihan Umum " + nama.removeprefix("KPU ")
    return nama.replace(" Kab. ", " Kabupaten ")


def _tampil(nilai: Any) -> str:
    return f"“{nilai}”" if nilai not in ("", None) else "(kosong)"


def impor_pratinjau(isi: bytes) -> Pratinjau:
    """Read the file and compare it with the database; writes nothing.

    Raises nothing for bad content: errors of the whole file are in `galat_berkas`, each row's
    in its `galat`."""
    pratinjau = Pratinjau(sidik=sidik_berkas(isi))
    try:
        semua = baca_berkas(isi)
    except BerkasDitolak as error:
        pratinjau.galat_berkas.append(str(error))
        return pratinjau
    (_, judul), *data = semua
    peta = _peta_kolom(judul, pratinjau)
    if pratinjau.galat_berkas:
        return pratinjau
    if not data:
        pratinjau.galat_berkas.append("Berkas hanya berisi baris judul, tanpa satker.")
        return pratinjau
    pratinjau.baris = [_baris_impor(nomor, sel, peta) for nomor, sel in data]
    _bandingkan(pratinjau)
    return pratinjau


def _tersimpan() -> dict[str, dict[str, Any]]:
    """Every stored satker's master data by code, in two queries."""
    punya_dokumen = set(
        Satker.objects.filter(dokumen__isnull=False).values_list("kode", flat=True).distinct()
    )
    hasil = {}
    for data in Satker.objects.values(
        "pk",
        "kode",
        "nama",
        "nama_lengkap",
        "tingkat",
        "kota_ttd",
        "alamat",
        "aktif",
        "induk__kode",
    ):
        data["induk"] = data.pop("induk__kode") or ""
        data["punya_dokumen"] = data["kode"] in punya_dokumen
        hasil[data["kode"]] = data
    return hasil


def _bandingkan(pratinjau: Pratinjau) -> None:
    lama = _tersimpan()
    baris = pratinjau.baris

    kode_baris: dict[str, list[BarisImpor]] = {}
    for b in baris:
        if b.kode:
            kode_baris.setdefault(b.kode, []).append(b)
    for kode, sama in kode_baris.items():
        if len(sama) > 1:
            nomor = ", ".join(str(b.nomor) for b in sama)
            for b in sama:
                b.galat.append(f"Kode “{kode}” muncul lebih dari sekali di berkas (baris {nomor}).")

    # The final state: every stored satker, then the file's rows over them.
    akhir: dict[str, dict[str, Any]] = {k: dict(v) for k, v in lama.items()}
    for b in baris:
        _periksa_isian(b)
        if b.kode and len(kode_baris[b.kode]) == 1:
            asal = lama.get(b.kode)
            data = _data_akhir(b, asal)
            akhir[b.kode] = data | {"pk": asal["pk"] if asal else None}
            b.data_akhir = data

    melingkar = _periksa_siklus(baris, akhir)
    ri_lain = sorted(k for k, v in akhir.items() if v["tingkat"] == Tingkat.RI)
    for b in baris:
        if b.data_akhir is None:
            continue
        asal = lama.get(b.kode)
        tingkat = b.data_akhir["tingkat"]
        if asal and asal["tingkat"] != tingkat and tingkat in _URUT_TINGKAT:
            b.galat.append(
                f"Tingkat satker yang sudah ada tidak dapat diubah melalui impor "
                f"({asal['tingkat']} → {tingkat})."
            )
        if tingkat == Tingkat.RI and len(ri_lain) > 1:
            lain = ", ".join(f"“{k}”" for k in ri_lain if k != b.kode)
            b.galat.append(f"Hanya boleh ada satu KPU RI; sudah ada {lain}.")
        if b.kode not in melingkar:  # a loop is its own message, whatever the levels in it
            _periksa_induk(b, akhir)

    _periksa_aktif(baris, akhir, lama)

    for b in baris:
        if b.galat:
            b.status = GALAT
            continue
        asal = lama.get(b.kode)
        if asal is None:
            b.status = BARU
            continue
        b.perubahan = _perubahan(asal, b.data_akhir)
        b.status = BERUBAH if b.perubahan else TETAP

    di_berkas = set(kode_baris)
    pratinjau.terlewat = [
        SatkerTerlewat(v["kode"], v["nama"], v["aktif"], v["punya_dokumen"])
        for k, v in sorted(lama.items(), key=lambda kv: (_URUT_TINGKAT[kv[1]["tingkat"]], kv[0]))
        if k not in di_berkas
    ]


def _periksa_isian(b: BarisImpor) -> None:
    if not b.kode:
        b.galat.append("Kode wajib diisi.")
    if not b.nama:
        b.galat.append("Nama wajib diisi.")
    if not b.kota_ttd:
        b.galat.append("Kota tanda tangan wajib diisi.")
    contoh = Satker(
        kode=b.kode or "x",
        nama=b.nama or "x",
        nama_lengkap=b.nama_lengkap or nama_lengkap_dari(b.nama) or "x",
        tingkat=b.tingkat if b.tingkat in _URUT_TINGKAT else Tingkat.RI,
        kota_ttd=b.kota_ttd or "x",
        alamat=b.alamat or "",
    )
    try:
        contoh.clean_fields(exclude={"induk"})
    except ValidationError as error:
        for nama, pesan in error.message_dict.items():
            label = Satker._meta.get_field(nama).verbose_name
            b.galat.extend(f"{label.capitalize()}: {p}" for p in pesan)


def _data_akhir(b: BarisImpor, asal: dict[str, Any] | None) -> dict[str, Any]:
    """The satker's master data once the row is applied."""
    if b.nama_lengkap:
        nama_lengkap = b.nama_lengkap
    elif asal is None:
        nama_lengkap = nama_lengkap_dari(b.nama)
    elif b.nama != asal["nama"] and asal["nama_lengkap"] == nama_lengkap_dari(asal["nama"]):
        nama_lengkap = nama_lengkap_dari(b.nama)  # the full name followed the old name: so now
    else:
        nama_lengkap = asal["nama_lengkap"]
    return {
        "kode": b.kode,
        "nama": b.nama,
        "nama_lengkap": nama_lengkap,
        "tingkat": b.tingkat,
        "induk": b.induk,
        "kota_ttd": b.kota_ttd,
        "alamat": b.alamat if b.alamat is not None else (asal["alamat"] if asal else ""),
        "aktif": b.aktif if b.aktif is not None else (asal["aktif"] if asal else True),
    }


def _periksa_induk(b: BarisImpor, akhir: dict[str, dict[str, Any]]) -> None:
    tingkat = b.data_akhir["tingkat"]
    if tingkat not in _URUT_TINGKAT:
        return
    if tingkat == Tingkat.RI:
        if b.induk:
            b.galat.append("KPU RI tidak mempunyai satker induk: kosongkan kolom induk.")
        return
    label = Tingkat(tingkat).label
    if not b.induk:
        b.galat.append(f"Satker induk wajib diisi untuk {label}.")
        return
    if b.induk == b.kode:
        b.galat.append("Satker tidak dapat menjadi induknya sendiri.")
        return
    induk = akhir.get(b.induk)
    if induk is None:
        b.galat.append(f"Satker induk “{b.induk}” tidak ada di berkas maupun di basis data.")
        return
    harus = INDUK_TINGKAT[tingkat]
    if induk["tingkat"] in _URUT_TINGKAT and induk["tingkat"] != harus:
        b.galat.append(
            f"Satker induk {label} harus {Tingkat(harus).label}, bukan "
            f"{Tingkat(induk['tingkat']).label} (“{b.induk}”)."
        )


def _periksa_siklus(baris: Iterable[BarisImpor], akhir: dict[str, dict[str, Any]]) -> set[str]:
    """A row whose chain of parents comes back to it: each row of the loop says so. Returns
    the codes of those rows."""
    hasil = set()
    for b in baris:
        if b.data_akhir is None or b.data_akhir["tingkat"] == Tingkat.RI:
            continue  # KPU RI with a parent has its own message
        jalur = [b.kode]
        kode = akhir[b.kode]["induk"]
        while kode and kode in akhir and kode not in jalur and len(jalur) <= len(akhir):
            jalur.append(kode)
            kode = akhir[kode]["induk"]
        if kode == b.kode and len(jalur) > 1:  # itself as parent has its own message
            b.galat.append(f"Hierarki melingkar: {' → '.join([*jalur, b.kode])}.")
            hasil.add(b.kode)
    return hasil


def _periksa_aktif(
    baris: Iterable[BarisImpor],
    akhir: dict[str, dict[str, Any]],
    lama: dict[str, dict[str, Any]],
) -> None:
    """No active satker under an inactive one (the reviewer's reach follows the parent)."""
    per_kode = {b.kode: b for b in baris if b.data_akhir is not None}
    anak_aktif: dict[str, list[str]] = {}
    for kode, data in akhir.items():
        induk = akhir.get(data["induk"])
        if data["aktif"] and induk is not None and not induk["aktif"]:
            if kode in per_kode:
                per_kode[kode].galat.append(
                    f"Satker induk “{data['induk']}” nonaktif: satker aktif tidak dapat "
                    "berada di bawah satker nonaktif."
                )
            else:
                anak_aktif.setdefault(data["induk"], []).append(kode)
    for kode, anak in anak_aktif.items():
        if kode in per_kode:
            daftar = ", ".join(sorted(anak)[:5]) + (", …" if len(anak) > 5 else "")
            per_kode[kode].galat.append(
                f"Satker tidak dapat dinonaktifkan selama {len(anak)} satker aktif di bawahnya "
                f"({daftar})."
            )


def _perubahan(asal: dict[str, Any], baru: dict[str, Any]) -> list[str]:
    hasil = []
    for kolom in KOLOM_MASTER:
        if asal[kolom] == baru[kolom]:
            continue
        if kolom == "aktif":
            hasil.append("dinonaktifkan" if not baru[kolom] else "diaktifkan kembali")
        elif kolom == "induk":
            hasil.append(f"dipindah dari induk {_tampil(asal[kolom])} ke {_tampil(baru[kolom])}")
        else:
            label = Satker._meta.get_field(kolom).verbose_name
            hasil.append(f"{label}: {_tampil(asal[kolom])} → {_tampil(baru[kolom])}")
    return hasil


# Applying ---------------------------------------------------------------------------------


@transaction.atomic
def impor_terapkan(*, isi: bytes, oleh=None, sidik: str | None = None) -> Pratinjau:
    """Apply the file: create the new satker, update the changed ones and record each in its
    audit history, all in one transaction; or raise ImporDitolak and write nothing.

    `sidik`: the SHA-256 the user confirmed (the page's preview); a different file is refused.
    `oleh`: the user, or None for the command. The comparison is made again under a lock of
    every satker row, so two imports at once apply one after the other."""
    if sidik is not None and sidik != sidik_berkas(isi):
        raise ImporDitolak("Berkas tidak sama dengan yang dipratinjau. Unggah ulang berkasnya.")
    list(Satker.objects.select_for_update(no_key=True).values_list("pk", flat=True))
    pratinjau = impor_pratinjau(isi)
    if pratinjau.ada_galat:
        jumlah = len(pratinjau.baris_dengan(GALAT))
        pesan = (
            f"Impor ditolak: {jumlah} baris bergalat; tidak ada yang diubah."
            if jumlah
            else f"Impor ditolak: {' '.join(pratinjau.galat_berkas)}"
        )
        raise ImporDitolak(pesan, pratinjau)

    satker = {s.kode: s for s in Satker.objects.select_related("induk")}
    jejak = []
    baru = sorted(pratinjau.baris_dengan(BARU), key=lambda b: _URUT_TINGKAT[b.tingkat])
    for tingkat in (Tingkat.RI, Tingkat.PROVINSI, Tingkat.KABKOTA):
        dibuat = [
            Satker(
                **{k: v for k, v in b.data_akhir.items() if k != "induk"},
                induk=satker.get(b.induk),
            )
            for b in baru
            if b.tingkat == tingkat
        ]
        for s in Satker.objects.bulk_create(dibuat):
            satker[s.kode] = s
            jejak.append((s, {}, "satker baru."))

    berubah = pratinjau.baris_dengan(BERUBAH)
    for b in berubah:
        s = satker[b.kode]
        sebelum = _potret_satker(s)
        for kolom, nilai in b.data_akhir.items():
            if kolom == "induk":
                s.induk = satker.get(nilai)
            elif kolom != "kode":
                setattr(s, kolom, nilai)
        jejak.append((s, sebelum, "; ".join(b.perubahan) + "."))
    Satker.objects.bulk_update(
        [satker[b.kode] for b in berubah], list(KOLOM_MASTER), batch_size=500
    )

    JejakProfil.objects.bulk_create(
        JejakProfil(
            satker=s,
            oleh=oleh,
            ringkasan=f"Impor master satker: {ringkasan}",
            sebelum={"satker": sebelum} if sebelum else {},
            sesudah={"satker": _potret_satker(s)},
        )
        for s, sebelum, ringkasan in jejak
    )
    return pratinjau


def _potret_satker(s: Satker) -> dict[str, Any]:
    return {
        "kode": s.kode,
        **{k: getattr(s, k) for k in KOLOM_MASTER if k != "induk"},
        "induk": s.induk.kode if s.induk_id else "",
    }
