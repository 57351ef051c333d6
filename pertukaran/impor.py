"""The preview of a document imported from a satker's own file (.docx or .xlsx): its rows as
the application understood them, each with its warnings and the errors that block the import,
and the header fields found beside the table. Reads only; pertukaran.services creates the
draft from it.

The file is checked first (pertukaran.berkas), then read into one table (Word: its tables
joined, pertukaran.gabung; Excel: the sheet holding the type's header, pertukaran.lembar), then
mapped to rows by the type's paper columns (pertukaran.baca, shared with the paste and the
round trip), then validated by the type's row rules as the API validates them
(`serializer_isian`: lengths, targets, the defaults of what paper does not print, such as a
PK indicator's polarity). A row the rules refuse blocks the import: a draft is made whole or
not at all.
"""

from dataclasses import dataclass, field
from typing import Any

from dokumen.editor import BARIS_MAKS
from dokumen.jenis import JenisTerdaftar, semua_jenis
from dokumen.models import Dokumen, PresisiTanggal
from kpu_kinerja.formats import ribuan, tanggal_panjang
from pertukaran.baca import HasilBaca, Peringatan, Tabel, baca_tabel, cari_kepala
from pertukaran.berkas import (
    BATAS_BARIS,
    BerkasDitolak,
    Format,
    periksa_berkas,
    terlalu_banyak_baris,
)
from pertukaran.gabung import susun, teks_kepala
from pertukaran.kepala import KepalaDitemukan, teks_lembar
from pertukaran.kepala import cari_kepala as cari_kepala_dokumen
from pertukaran.lembar import lembar_xlsx, pilih_lembar
from pertukaran.selectors import pejabat_cocok
from pertukaran.templat import AWALAN_CONTOH
from pertukaran.word import DocxRusak, baca_docx
from satker.models import JenisTupoksi, Pejabat, Satker


@dataclass(frozen=True)
class BarisPratinjau:
    """One row of the preview: the file's row it came from, its cells by column, whether it
    opens a sasaran (grouped types: the sasaran's cells are shown on its first row)."""

    nomor: int
    letak: str  # where the user finds it: "8" (a sheet's row), "tabel 2, baris 5" (Word)
    sel: list[str]
    peringatan: list[str]
    galat: list[str]
    awal_sasaran: bool = False

    @property
    def sebutan(self) -> str:
        """The row as a sentence names it: "Baris 8", "Tabel 2, baris 5"."""
        return self.letak.capitalize() if "tabel" in self.letak else f"Baris {self.letak}"


@dataclass
class Pratinjau:
    satker: Satker
    terdaftar: JenisTerdaftar
    tahun: int
    nama_berkas: str
    format: Format
    hasil: HasilBaca
    # What the rules made of the rows (defaults filled), to save; empty when any row is refused.
    baris: list[dict[str, Any]] = field(default_factory=list)
    tambahan: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Refusals by the file's row (0: the document as a whole).
    galat: dict[int, list[str]] = field(default_factory=dict)
    letak: dict[int, str] = field(default_factory=dict)  # Bacaan.letak
    # The header fields found beside the table, and the official the signatory's name is.
    kepala: KepalaDitemukan = field(default_factory=KepalaDitemukan)
    penandatangan: Pejabat | None = None

    @property
    def bisa_diterapkan(self) -> bool:
        return bool(self.hasil.baris) and not self.galat

    @property
    def jumlah_baris(self) -> int:
        return len(self.terdaftar.daun(self.hasil.baris))

    @property
    def peringatan_per_baris(self) -> dict[int, list[str]]:
        hasil: dict[int, list[str]] = {}
        for peringatan in self.hasil.peringatan:
            hasil.setdefault(peringatan.baris, []).append(peringatan.pesan)
        return hasil

    @property
    def judul_kolom(self) -> list[str]:
        """The preview table's headers: the type's paper columns that hold a field."""
        return [k.judul for k in _kolom_tampil(self.terdaftar)]

    def baris_tampil(self) -> list[BarisPratinjau]:
        """The rows as the preview lists them, in the file's order."""
        kolom = _kolom_tampil(self.terdaftar)
        peringatan = self.peringatan_per_baris
        anak = self.terdaftar.kunci_anak
        tampil = []

        def tambah(nomor: int, isi: dict[str, Any], awal: bool = False) -> None:
            tampil.append(
                BarisPratinjau(
                    nomor=nomor,
                    letak=self.letak.get(nomor, str(nomor)),
                    sel=[_teks(k, isi) for k in kolom],
                    peringatan=peringatan.get(nomor, []),
                    galat=self.galat.get(nomor, []),
                    awal_sasaran=awal,
                )
            )

        for ke, row in enumerate(self.hasil.baris):
            nomor = self.hasil.nomor[ke]
            if anak is None:
                tambah(nomor, row)
                continue
            nomor_anak = self.hasil.nomor_anak[ke]
            if not row[anak]:
                tambah(nomor, row, awal=True)
            for j, anak_row in enumerate(row[anak]):
                isi = {**row, **anak_row} if j == 0 else anak_row
                tambah(nomor_anak[j], isi, awal=j == 0)
        return tampil

    @property
    def tanggal_tertulis(self) -> str:
        """The signing date found, as the document writes it ("" when none)."""
        tanggal = self.kepala.tanggal_ttd
        if tanggal is None:
            return ""
        return tanggal_panjang(
            tanggal, dengan_hari=self.kepala.tanggal_presisi != PresisiTanggal.BULAN
        )

    @property
    def tupoksi_terbaca(self) -> dict[str, list[str]]:
        """The tupoksi lists found, for a type printed with them (the IKU); else none."""
        if not self.terdaftar.dengan_tupoksi:
            return {}
        return {jenis: daftar for jenis, daftar in self.kepala.tupoksi.items() if daftar}

    @property
    def tambahan_terbaca(self) -> list[tuple[str, int]]:
        """(label, rows read) of each table beside the rows (the PK's programs)."""
        return [
            (t.label, len(self.hasil.tambahan.get(t.kunci, []))) for t in self.terdaftar.tambahan
        ]

    @property
    def peringatan_umum(self) -> list[str]:
        """Warnings about no row read (the header, a column missing or unknown)."""
        baris_data = set(self.hasil.nomor) | {n for d in self.hasil.nomor_anak for n in d}
        return [p.pesan for p in self.hasil.peringatan if p.baris not in baris_data]


def tupoksi_banding(pratinjau: Pratinjau) -> list[tuple[str, list[str], int]]:
    """(title, items found, how many the profile has now) of each tupoksi list found; the
    satker's tupoksi as satker_ambil read them (no query of its own there)."""
    sekarang: dict[str, int] = {}
    for butir in pratinjau.satker.tupoksi.all():
        sekarang[butir.jenis] = sekarang.get(butir.jenis, 0) + 1
    return [
        (JenisTupoksi(jenis).label, daftar, sekarang.get(jenis, 0))
        for jenis, daftar in pratinjau.tupoksi_terbaca.items()
    ]


def _kolom_tampil(terdaftar: JenisTerdaftar) -> list:
    tata = terdaftar.kolom_excel
    return [k for k in tata.kolom if k.kunci] if tata else []


def _teks(kolom, isi: dict[str, Any]) -> str:
    nilai = isi.get(kolom.kunci)
    if kolom.nilai is not None:  # a quarter's tick
        return "✓" if kolom.nilai in (nilai or []) else ""
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        return ribuan(nilai)
    teks = "" if nilai is None else str(nilai)
    kode = isi.get(kolom.kunci_kode) if kolom.kunci_kode else ""
    return f"{teks} [{kode}]" if kode else teks


@dataclass(frozen=True)
class Bacaan:
    """A file read as one type's document: the table its rows were read from, the rows, the
    text outside the table (for the header fields) and how to name a row of the table."""

    format: Format
    tabel: Tabel
    hasil: HasilBaca
    teks: list[str]
    # Row of `tabel` (1-based) → how the user finds it in the file, where that is not its row
    # number (Word: "tabel 2, baris 5").
    letak: dict[int, str] = field(default_factory=dict)


def baca_berkas(terdaftar: JenisTerdaftar, nama: str, isi: bytes) -> Bacaan:
    """The checked file read as `terdaftar`'s document (BerkasDitolak when it cannot be)."""
    format_berkas = periksa_berkas(nama, isi)
    if format_berkas == Format.DOCX:
        return _baca_docx(terdaftar, isi)
    tabel = pilih_lembar(terdaftar, lembar_xlsx(isi))
    hasil = baca_tabel(terdaftar, tabel)
    kepala, _ = cari_kepala(terdaftar.kolom_excel, tabel)
    tabel_dokumen = range(kepala.baris, hasil.akhir) if kepala else range(0)
    return Bacaan(format_berkas, tabel, hasil, teks_lembar(tabel, tabel_dokumen))


def _baca_docx(terdaftar: JenisTerdaftar, isi: bytes) -> Bacaan:
    try:
        isi_docx = baca_docx(isi)
    except DocxRusak as galat:
        raise BerkasDitolak(str(galat)) from None
    if sum(len(t) for t in isi_docx.tabel) > BATAS_BARIS:
        raise terlalu_banyak_baris()
    susunan = susun(terdaftar, isi_docx.tabel)
    tabel = susunan.tabel
    letak = {
        nomor: f"tabel {asal[0]}, baris {asal[1]}"
        for nomor, asal in enumerate(susunan.asal, start=1)
        if asal is not None
    }
    return Bacaan(
        Format.DOCX,
        tabel,
        baca_tabel(terdaftar, tabel),
        teks_kepala(terdaftar, isi_docx, susunan),
        letak,
    )


def pratinjau_buat(
    *, satker: Satker, terdaftar: JenisTerdaftar, tahun: int, nama_berkas: str, isi: bytes
) -> Pratinjau:
    """The preview of importing `isi` (a file named `nama_berkas`) as `satker`'s document of
    `terdaftar`'s type for `tahun`; `BerkasDitolak` when the file cannot be read at all."""
    bacaan = baca_berkas(terdaftar, nama_berkas, isi)
    kepala = cari_kepala_dokumen(bacaan.teks)
    pratinjau = Pratinjau(
        satker=satker,
        terdaftar=terdaftar,
        tahun=tahun,
        nama_berkas=nama_berkas,
        format=bacaan.format,
        hasil=bacaan.hasil,
        letak=bacaan.letak,
        kepala=kepala,
        penandatangan=pejabat_cocok(satker, kepala.nama_penandatangan),
    )
    _periksa_jenis(pratinjau, bacaan.tabel)
    _periksa_contoh(pratinjau)
    _periksa_dokumen(pratinjau)
    _periksa_baris(pratinjau)
    return pratinjau


def _kolom_cocok(terdaftar: JenisTerdaftar, tabel: Tabel) -> int:
    """How many of the type's columns the table's header names."""
    kepala, _ = cari_kepala(terdaftar.kolom_excel, tabel)
    return len(kepala.posisi) if kepala else 0


def _periksa_jenis(pratinjau: Pratinjau, tabel: Tabel) -> None:
    """A file of another type (a RAK uploaded as the IKU shares No, sasaran and indicator with
    it and would read as a poor IKU) is named as what it is."""
    dipilih = _kolom_cocok(pratinjau.terdaftar, tabel)
    lain = [
        (_kolom_cocok(j, tabel), j.kode)
        for j in semua_jenis()
        if j.kolom_excel is not None and j is not pratinjau.terdaftar
    ]
    cocok, kode = max(lain, default=(0, ""))
    if cocok > dipilih:
        pratinjau.galat.setdefault(0, []).append(
            f"Judul kolom berkas ini cocok dengan {kode}, bukan {pratinjau.terdaftar.kode} yang "
            f"dipilih. Pilih jenis {kode}, atau unggah berkas {pratinjau.terdaftar.kode}."
        )


def _periksa_contoh(pratinjau: Pratinjau) -> None:
    """A row still holding the template's example (pertukaran.templat) is named, not refused:
    the user may have kept its structure and changed some of it."""
    anak = pratinjau.terdaftar.kunci_anak
    hasil = pratinjau.hasil
    for ke, row in enumerate(hasil.baris):
        daftar = [(hasil.nomor[ke], row)]
        if anak is not None:
            daftar = [(hasil.nomor_anak[ke][j], b) for j, b in enumerate(row[anak])] or daftar
        for nomor, isi in daftar:
            teks = [v for v in {**row, **isi}.values() if isinstance(v, str)]
            if any(t.startswith(AWALAN_CONTOH) for t in teks):
                hasil.peringatan.append(
                    Peringatan(nomor, "Baris ini masih baris contoh templat: ganti atau hapus.")
                )


def _periksa_dokumen(pratinjau: Pratinjau) -> None:
    kode = pratinjau.terdaftar.kode
    if not pratinjau.hasil.baris:
        pratinjau.galat.setdefault(0, []).append(
            f"Tidak ada baris {kode} yang terbaca dari berkas ini. Pastikan berkas berisi tabel "
            f"{kode} dengan baris judul kolomnya (misalnya seperti hasil “Unduh Excel”)."
        )
    jumlah = len(pratinjau.terdaftar.daun(pratinjau.hasil.baris))
    if jumlah > BARIS_MAKS:
        pratinjau.galat.setdefault(0, []).append(
            f"Berkas berisi {ribuan(jumlah)} baris; satu dokumen paling banyak "
            f"{ribuan(BARIS_MAKS)} baris."
        )
    ada = Dokumen.objects.filter(satker=pratinjau.satker, jenis=kode, tahun=pratinjau.tahun)
    if ada.exists():
        pratinjau.galat.setdefault(0, []).append(
            f"{kode} tahun {pratinjau.tahun} sudah ada untuk {pratinjau.satker.nama}. Buka "
            "dokumen itu untuk mengubahnya, atau pilih tahun lain."
        )


def _periksa_baris(pratinjau: Pratinjau) -> None:
    """The type's row rules (the API's), each refusal placed at the file's row."""
    terdaftar, hasil = pratinjau.terdaftar, pratinjau.hasil
    isian = terdaftar.serializer_isian(data=hasil.baris, many=True)
    valid = isian.is_valid()
    if not valid:
        for ke, galat in _per_baris(isian.errors):
            _catat_galat(pratinjau, ke, dict(galat))
    tambahan = {}
    for tabel in terdaftar.tambahan:
        baris = hasil.tambahan.get(tabel.kunci, [])
        periksa = tabel.serializer_isian(data=baris, many=True)
        if periksa.is_valid():
            tambahan[tabel.kunci] = periksa.validated_data
            continue
        valid = False
        for ke, galat in _per_baris(periksa.errors):
            for pesan in _pesan(terdaftar, galat):
                pratinjau.galat.setdefault(0, []).append(f"{tabel.label}, baris {ke + 1}: {pesan}")
    if valid and not pratinjau.galat:
        pratinjau.baris = isian.validated_data
        pratinjau.tambahan = tambahan


def _per_baris(galat: Any) -> list[tuple[int, Any]]:
    """A list serializer's errors by row index: DRF gives a list, the project's row lists a
    dict of the rows refused only."""
    pasangan = galat.items() if isinstance(galat, dict) else enumerate(galat)
    return [(int(ke), isi) for ke, isi in pasangan if isi]


def _catat_galat(pratinjau: Pratinjau, ke: int, galat: dict[str, Any]) -> None:
    terdaftar, hasil = pratinjau.terdaftar, pratinjau.hasil
    anak = terdaftar.kunci_anak
    if anak is not None and isinstance(galat.get(anak), list | dict):
        for j, galat_anak in _per_baris(galat.pop(anak)):
            if galat_anak:
                nomor = hasil.nomor_anak[ke][j]
                pratinjau.galat.setdefault(nomor, []).extend(_pesan(terdaftar, galat_anak))
    if galat:
        pratinjau.galat.setdefault(hasil.nomor[ke], []).extend(_pesan(terdaftar, galat))


def _pesan(terdaftar: JenisTerdaftar, galat: Any) -> list[str]:
    """A serializer's errors of one row as lines naming the paper's column."""
    if not isinstance(galat, dict):
        return [str(p) for p in (galat if isinstance(galat, list) else [galat])]
    judul = {k.kunci: k.judul for k in _kolom_tampil(terdaftar)}
    pesan = []
    for kunci, isi in galat.items():
        daftar = isi if isinstance(isi, list) else [isi]
        label = judul.get(kunci, "" if kunci == "non_field_errors" else kunci)
        pesan += [f"{label}: {p}" if label else str(p) for p in daftar if not isinstance(p, dict)]
    return pesan
