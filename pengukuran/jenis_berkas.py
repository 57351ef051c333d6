"""What an uploaded evidence file is, read from its bytes, never from its name.

Allowed: PDF, PNG, JPEG, Word/Excel/PowerPoint (docx, xlsx, pptx) and legacy Word/Excel (doc,
xls). Anything else is refused with the reason, a program renamed ".pdf" by name.

No detection library: `filetype` and `puremagic` (PyPI) match the first bytes against a table of
signatures, which the allow-list below does in a few lines, and neither checks an Office file's
structure (`filetype` calls any ZIP with "word/" in its first bytes a .docx). Structure is
checked with the standard library's `zipfile` (OOXML: its [Content_Types].xml must declare the
main part, and the part must be there), Pillow (images; already installed with WeasyPrint) and
`olefile` (legacy .doc/.xls: the maintained pure-Python OLE2 reader that oletools and Pillow
use). Every read is bounded: the ZIP directory's size and entry count, the declared unpacked
size and ratio (a zip bomb is refused without unpacking it), and [Content_Types].xml's size.
"""

import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree import ElementTree

import olefile
from PIL import Image


@dataclass(frozen=True)
class JenisBerkas:
    kode: str
    mime: str
    nama: str  # as the user reads it
    akhiran: tuple[str, ...]  # the names' endings this content may carry


PDF = JenisBerkas("pdf", "application/pdf", "PDF", (".pdf",))
PNG = JenisBerkas("png", "image/png", "gambar PNG", (".png",))
JPEG = JenisBerkas("jpeg", "image/jpeg", "gambar JPEG", (".jpg", ".jpeg", ".jpe", ".jfif"))
DOCX = JenisBerkas(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "dokumen Word",
    (".docx",),
)
XLSX = JenisBerkas(
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "lembar kerja Excel",
    (".xlsx",),
)
PPTX = JenisBerkas(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "presentasi PowerPoint",
    (".pptx",),
)
DOC = JenisBerkas("doc", "application/msword", "dokumen Word lama", (".doc",))
XLS = JenisBerkas("xls", "application/vnd.ms-excel", "lembar kerja Excel lama", (".xls",))
SEMUA_JENIS = (PDF, PNG, JPEG, DOCX, XLSX, PPTX, DOC, XLS)
JENIS_PER_MIME = {j.mime: j for j in SEMUA_JENIS}
AKHIRAN_DITERIMA = ",".join(a for j in SEMUA_JENIS for a in j.akhiran)

PESAN_JENIS = (
    "Jenis berkas tidak diterima. Unggah PDF, gambar PNG/JPEG, atau berkas Word, Excel atau "
    "PowerPoint."
)
PESAN_PROGRAM = (
    "Berkas ini sebuah program (executable) atau skrip, bukan dokumen, walaupun namanya "
    "berakhiran dokumen. Program tidak diterima sebagai bukti dukung."
)
PESAN_MAKRO = (
    "Berkas Office bermakro tidak diterima. Simpan ulang sebagai .docx, .xlsx atau .pptx biasa "
    "lalu unggah lagi."
)
PESAN_SANDI = "Berkas Office yang dikunci kata sandi tidak dapat diterima; buka kuncinya dulu."
PESAN_ZIP = (
    "Berkas ZIP ini bukan dokumen Word, Excel atau PowerPoint yang utuh. Arsip ZIP tidak "
    "diterima; unggah dokumennya satu per satu."
)
PESAN_BOM = "Isi arsip berkas ini terlalu besar bila dibuka; berkas tidak diterima."
PESAN_KOSONG = "Berkas ini kosong."

# Programs and scripts, named in the refusal (they would be refused anyway: not on the list).
TANDA_PROGRAM = (
    b"MZ",  # Windows .exe/.dll
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal, Java class
    b"#!",  # shell, Python… scripts
)

ZIP_ANGGOTA_MAKS = 10_000  # a large workbook has a few hundred parts
ZIP_ISI_MAKS = 256 * 1024 * 1024  # declared unpacked size, in all
ZIP_RASIO_MAKS = 200  # unpacked ÷ packed of one part; XML packs ~10–30×
CONTENT_TYPES_MAKS = 1024 * 1024
AKHIR_PDF = 1024  # readers look for %%EOF in the last 1,024 bytes

_NS_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_UTAMA_OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
_BERMAKRO = frozenset(
    {
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
        "application/vnd.ms-office.vbaProject",
    }
)


class BerkasDitolak(ValueError):
    """The file is not an accepted kind; the message says why, for the user."""


def kenali(isi: bytes, nama: str) -> JenisBerkas:
    """The kind of the file `isi`, checked by its content and structure, and that its name
    `nama` ends as that kind does; `BerkasDitolak` otherwise."""
    jenis = _dari_isi(isi)
    akhiran = PurePath(nama).suffix.lower()
    if akhiran not in jenis.akhiran:
        tertulis = f"berakhiran “{akhiran}”" if akhiran else "tanpa akhiran"
        raise BerkasDitolak(
            f"Isi berkas ini {jenis.nama}, tetapi namanya {tertulis}. Beri nama berakhiran "
            f"“{jenis.akhiran[0]}” lalu unggah lagi."
        )
    return jenis


def _dari_isi(isi: bytes) -> JenisBerkas:
    if not isi:
        raise BerkasDitolak(PESAN_KOSONG)
    if isi.startswith(TANDA_PROGRAM):
        raise BerkasDitolak(PESAN_PROGRAM)
    if isi.startswith(b"%PDF-"):
        if b"%%EOF" not in isi[-AKHIR_PDF:]:
            raise BerkasDitolak("Berkas PDF ini rusak atau terpotong (akhir berkasnya tidak ada).")
        return PDF
    if isi.startswith(b"\x89PNG\r\n\x1a\n"):
        return _gambar(isi, PNG, "PNG")
    if isi.startswith(b"\xff\xd8\xff"):
        return _gambar(isi, JPEG, "JPEG")
    if isi.startswith(b"PK\x03\x04"):
        return _ooxml(isi)
    if isi.startswith(olefile.MAGIC):
        return _ole(isi)
    raise BerkasDitolak(PESAN_JENIS)


def _gambar(isi: bytes, jenis: JenisBerkas, format_pil: str) -> JenisBerkas:
    # open() reads the header only; verify() walks the chunks (PNG CRCs) without decoding.
    # A decompression bomb (too many pixels) is an error, not a warning, here.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(isi)) as gambar:
                if gambar.format != format_pil:
                    raise BerkasDitolak(PESAN_JENIS)
                gambar.verify()
    except BerkasDitolak:
        raise
    except Exception:  # noqa: BLE001 (whatever a broken image makes Pillow raise)
        raise BerkasDitolak(f"Gambar {format_pil} ini rusak dan tidak dapat dibaca.") from None
    return jenis


def _ooxml(isi: bytes) -> JenisBerkas:
    try:
        arsip = zipfile.ZipFile(io.BytesIO(isi))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise BerkasDitolak(PESAN_ZIP) from None
    with arsip:
        anggota = arsip.infolist()
        if len(anggota) > ZIP_ANGGOTA_MAKS:
            raise BerkasDitolak(PESAN_BOM)
        if sum(a.file_size for a in anggota) > ZIP_ISI_MAKS or any(
            a.file_size > ZIP_RASIO_MAKS * max(a.compress_size, 1) and a.file_size > 1024 * 1024
            for a in anggota
        ):
            raise BerkasDitolak(PESAN_BOM)
        if any(a.flag_bits & 0x1 for a in anggota):
            raise BerkasDitolak(PESAN_SANDI)
        nama = {a.filename for a in anggota}
        if "[Content_Types].xml" not in nama or "_rels/.rels" not in nama:
            raise BerkasDitolak(PESAN_ZIP)
        jenis_isi = _content_types(arsip)
        if _BERMAKRO & set(jenis_isi.values()) or any(
            n.lower().endswith("vbaproject.bin") for n in nama
        ):
            raise BerkasDitolak(PESAN_MAKRO)
        utama = [(bagian, _UTAMA_OOXML[j]) for bagian, j in jenis_isi.items() if j in _UTAMA_OOXML]
        if len(utama) != 1 or utama[0][0] not in nama:
            raise BerkasDitolak(PESAN_ZIP)
        return utama[0][1]


def _content_types(arsip: zipfile.ZipFile) -> dict[str, str]:
    """The parts [Content_Types].xml declares ("word/document.xml" → its type), read bounded."""
    try:
        with arsip.open("[Content_Types].xml") as berkas:
            xml = berkas.read(CONTENT_TYPES_MAKS + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError):
        raise BerkasDitolak(PESAN_ZIP) from None
    # OOXML never has a DTD: refusing one rules out entity expansion (billion laughs).
    if len(xml) > CONTENT_TYPES_MAKS or b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise BerkasDitolak(PESAN_ZIP)
    try:
        akar = ElementTree.fromstring(xml)  # noqa: S314 (no DTD, size bounded: see above)
    except ElementTree.ParseError:
        raise BerkasDitolak(PESAN_ZIP) from None
    return {
        o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
        for o in akar.iter(f"{_NS_CT}Override")
    }


def _ole(isi: bytes) -> JenisBerkas:
    try:
        with olefile.OleFileIO(io.BytesIO(isi)) as ole:
            if ole.exists("EncryptedPackage"):  # a password-protected docx/xlsx
                raise BerkasDitolak(PESAN_SANDI)
            if ole.exists("WordDocument"):
                jenis, makro = DOC, ole.exists("Macros")
            elif ole.exists("Workbook") or ole.exists("Book"):
                jenis, makro = XLS, ole.exists("_VBA_PROJECT_CUR")
            else:
                raise BerkasDitolak(
                    "Berkas ini bukan dokumen Word atau lembar kerja Excel. Simpan sebagai PDF, "
                    ".docx atau .xlsx lalu unggah lagi."
                )
    except BerkasDitolak:
        raise
    except Exception:  # noqa: BLE001 (olefile raises OSError and others on a broken file)
        raise BerkasDitolak("Berkas Office lama ini rusak dan tidak dapat dibaca.") from None
    if makro:
        raise BerkasDitolak(PESAN_MAKRO)
    return jenis
