"""Small sample files of every kind the evidence upload meets, built in memory."""

import io
import struct
import zipfile

from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" + b"trailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03" + b"\x00" * 200 + b"This program cannot be run in DOS mode."
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 100
SKRIP = b"#!/bin/sh\nrm -rf /\n"

UTAMA = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}


def gambar(format_pil: str) -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(keluaran, format=format_pil)
    return keluaran.getvalue()


def _content_types(bagian: str, jenis: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{bagian}" ContentType="{jenis}"/></Types>'
    )


def ooxml(kode: str, *, tanpa_bagian: bool = False, tambahan: dict | None = None) -> bytes:
    """A minimal docx/xlsx/pptx: content types, package relationships, the main part."""
    bagian, akhir = UTAMA[kode]
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as arsip:
        arsip.writestr(
            "[Content_Types].xml",
            _content_types(bagian, f"application/vnd.openxmlformats-officedocument.{akhir}"),
        )
        arsip.writestr("_rels/.rels", "<Relationships/>")
        if not tanpa_bagian:
            arsip.writestr(bagian, "<document/>")
        for nama, isi in (tambahan or {}).items():
            arsip.writestr(nama, isi)
    return keluaran.getvalue()


def zip_biasa() -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as arsip:
        arsip.writestr("word/document.xml", "<document/>")  # "looks like" a docx by its names
        arsip.writestr("catatan.txt", "bukan dokumen")
    return keluaran.getvalue()


def bom_zip() -> bytes:
    """A docx-shaped ZIP with one part that unpacks to 300 MB (packed to ~300 KB)."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as arsip:
        bagian, akhir = UTAMA["docx"]
        arsip.writestr(
            "[Content_Types].xml",
            _content_types(bagian, f"application/vnd.openxmlformats-officedocument.{akhir}"),
        )
        arsip.writestr("_rels/.rels", "<Relationships/>")
        with arsip.open(bagian, "w", force_zip64=True) as besar:
            nol = b"\0" * (1024 * 1024)
            for _ in range(300):
                besar.write(nol)
    return keluaran.getvalue()


AKHIR_RANTAI, BEBAS, SEKTOR_FAT, TANPA = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _entri(nama: str, jenis: int, anak: int, mulai: int, ukuran: int) -> bytes:
    teks = (nama + "\0").encode("utf-16-le") if nama else b""
    return (
        teks.ljust(64, b"\0")
        + struct.pack("<HBB", len(teks), jenis, 1)
        + struct.pack("<III", TANPA, TANPA, anak)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state
        + b"\0" * 16  # times
        + struct.pack("<IQ", mulai, ukuran)
    )


def ole(aliran: str) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors) with one 4 KB stream `aliran`:
    sector 0 the FAT, 1 the directory, 2–9 the stream (big enough to skip the mini stream)."""
    kepala = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, AKHIR_RANTAI, 0, AKHIR_RANTAI, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", BEBAS) * 108
    )
    fat = [SEKTOR_FAT, AKHIR_RANTAI, *range(3, 10), AKHIR_RANTAI]
    fat += [BEBAS] * (128 - len(fat))
    direktori = (
        _entri("Root Entry", 5, 1, AKHIR_RANTAI, 0)
        + _entri(aliran, 2, TANPA, 2, 4096)
        + (
            b"\0" * 64
            + struct.pack("<HBB", 0, 0, 0)
            + struct.pack("<III", TANPA, TANPA, TANPA)
            + b"\0" * 48
        )
        * 2
    )
    berkas = kepala + struct.pack("<128I", *fat) + direktori + b"\x01" * 4096
    assert len(kepala) == 512
    assert len(direktori) == 512
    return berkas
