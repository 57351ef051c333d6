"""Writes of PK rows: the sasaran with their indicators, and the programs, saved by key; and
a PK made from the RKT of its year (`pk_dari_rkt`).

The rule of dokumen.baris, one for every type: rows named by their `kunci` are updated in
place, the others created, those not named deleted. An indicator's `asal_rkt` (the RKT row it
was made from) is kept as the data names it; the numbers of its targets are read here.
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dokumen.baris import Tingkat, data_baris, ganti_berkelompok, ganti_rata, teks
from dokumen.jejak import catat_perubahan, potret
from dokumen.models import Dokumen, JenisPerubahan
from dokumen.selectors import penandatangan_bawaan
from dokumen.services import dokumen_buat
from dokumen.target import baca_target
from perjanjian_kinerja.models import (
    TRIWULAN,
    Agregasi,
    IndikatorPk,
    Polaritas,
    ProgramPk,
    SasaranPk,
    Skala,
    nilai_skala,
)
from perjanjian_kinerja.selectors import data_indikator, data_program, data_sasaran
from satker.akses import Pengguna
from satker.models import Satker

PK = "PK"  # this app's type (perjanjian_kinerja.jenis)


def _isi_sasaran(data: dict[str, Any]) -> dict[str, Any]:
    return {"nomor": teks(data, "nomor"), "sasaran": teks(data, "sasaran")}


def _isi_indikator(data: dict[str, Any]) -> dict[str, Any]:
    """The indicator's cells; each quarter's number is read from its text, as the target's."""
    isi = {k: teks(data, k) for k in ("indikator", "satuan", "target", "skala")}
    isi["polaritas"] = teks(data, "polaritas") or Polaritas.NAIK
    isi["agregasi"] = teks(data, "agregasi") or Agregasi.TERAKHIR
    isi["batas_bawah"] = data.get("batas_bawah")
    isi["batas_atas"] = data.get("batas_atas")
    for tw in TRIWULAN:
        isi[f"target_tw{tw}"] = tw_teks = teks(data, f"target_tw{tw}")
        isi[f"target_tw{tw}_nilai"] = baca_target(tw_teks).nilai
    isi["asal_rkt"] = data.get("asal_rkt") or None
    return isi


def _isi_program(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "program": teks(data, "program"),
        "kode": teks(data, "kode"),
        "anggaran": data.get("anggaran"),
    }


TINGKAT_PK = (
    Tingkat(model=SasaranPk, induk="dokumen", isi=_isi_sasaran, data=data_sasaran),
    Tingkat(model=IndikatorPk, induk="sasaran", isi=_isi_indikator, data=data_indikator),
)
TINGKAT_PROGRAM = Tingkat(model=ProgramPk, induk="dokumen", isi=_isi_program, data=data_program)


@transaction.atomic
def pk_ganti(*, dokumen: Dokumen, sasaran: list[dict[str, Any]]) -> list[SasaranPk]:
    """Save the PK's sasaran; each dict has nomor, sasaran and a list `indikator`."""
    induk, anak = TINGKAT_PK
    return ganti_berkelompok(
        dokumen=dokumen, sasaran=induk, anak=anak, kunci_anak="indikator", data=sasaran
    )


@transaction.atomic
def program_ganti(*, dokumen: Dokumen, program: list[dict[str, Any]]) -> list[ProgramPk]:
    """Save the PK's programs (program, kode, anggaran in whole Rupiah or None), in order."""
    return ganti_rata(dokumen=dokumen, tingkat=TINGKAT_PROGRAM, baris=program)


# -- a PK made from the RKT of its year ------------------------------------------------------

# The types a PK is made from: named by their code and read through the registry, so this app
# imports no other type app.
JENIS_RKT, JENIS_IKU = "RKT", "IKU"
# "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]": an IKU's program group, its code in brackets.
_PROGRAM_IKU = re.compile(r"^(?P<program>.*?)\s*\[(?P<kode>[^\]]+)\]\s*$")
# Words kept lower-case when an all-capitals program name is written as a name.
_KATA_KECIL = frozenset({"dalam", "dan", "di", "ke", "dari", "pada", "untuk", "yang", "atau"})


def _versi_terakhir(satker: Satker, jenis: str, tahun: int) -> Dokumen | None:
    return (
        Dokumen.objects.filter(satker=satker, jenis=jenis, tahun=tahun).order_by("-versi").first()
    )


def _nama_program(teks: str) -> str:
    """ "PROGRAM DUKUNGAN MANAJEMEN" → "Program Dukungan Manajemen"; mixed case is kept."""
    if teks != teks.upper():
        return teks
    kata = teks.lower().split()
    return " ".join(k if k in _KATA_KECIL and i else k.capitalize() for i, k in enumerate(kata))


def program_dari_iku(iku: Dokumen | None) -> list[dict[str, Any]]:
    """The distinct programs an IKU groups its rows under, in order, as PK programs without
    anggaran (the IKU names no budget)."""
    if iku is None:
        return []
    hasil: dict[tuple[str, str], dict[str, Any]] = {}
    for row in data_baris(iku):
        teks_program = (row.get("program") or "").strip()
        if not teks_program:
            continue
        cocok = _PROGRAM_IKU.match(teks_program)
        program, kode = (cocok["program"], cocok["kode"].strip()) if cocok else (teks_program, "")
        program = _nama_program(program.strip())
        hasil.setdefault((program, kode), {"program": program, "kode": kode, "anggaran": None})
    return list(hasil.values())


# Units that count things done or made ("12 Laporan", "3 kali", "2 Lap"): a quarter adds to the
# year (DOMAIN.md §4: 3/6/9/12), so such an indicator is cumulative. Read by the unit's first
# word, lower-case.
SATUAN_HITUNGAN = frozenset(
    {
        *("dokumen", "laporan", "lap", "lap.", "kegiatan", "kali", "orang", "satker"),
        *("buku", "berkas", "paket", "surat", "keputusan", "sk", "produk", "naskah", "unit"),
        *("peserta", "pegawai", "rapat", "temuan", "kasus", "pengaduan", "tps", "desa"),
    }
)
# Units of a time taken ("5 hari kerja"): with a text about time, shorter is better.
SATUAN_WAKTU = frozenset({"hari", "jam", "menit", "minggu", "bulan"})
# "Jumlah temuan …", "Menurunnya jumlah pengaduan …": a count of something unwanted.
_HITUNGAN_BURUK = re.compile(
    r"^(?:(?:menurunnya|berkurangnya|turunnya)\s+)?(?:jumlah|banyaknya)\s+"
    r"(?:temuan|pengaduan|keluhan|kesalahan|pelanggaran|kasus|sengketa|sanggahan|tunggakan)\b",
    re.IGNORECASE,
)
_TENTANG_WAKTU = re.compile(r"\b(?:waktu|lama|lamanya|durasi)\b", re.IGNORECASE)


def ukuran_bawaan(indikator: str, target: str) -> dict[str, str]:
    """The polarity, aggregation and scale a PK indicator made from an RKT row starts with,
    read from its target's unit (and, for the polarity, its text): a default the user checks,
    since the RKT says neither (DOMAIN.md §4: polarity is stored, never guessed for good).

    - Aggregation: a count unit (SATUAN_HITUNGAN: "12 Laporan", "3 kali") is KUMULATIF, each
      quarter adding to the year; a percentage, an index or score, a time or anything else is
      TERAKHIR, the year's value being the last quarter's.
    - Qualitative: a target that is a value of a scale ("WTP", "minimal B") is KUALITATIF on
      that scale (the Opini BPK's first, then the Predikat's).
    - Polarity: NAIK, except in two cases that cannot be read otherwise: a count of something
      unwanted ("Jumlah temuan …", "Menurunnya jumlah pengaduan …" with a count target), and a
      time taken ("Rata-rata waktu penyelesaian …", "5 hari"). A percentage stays NAIK
      whatever its words: "Persentase penurunan nilai temuan" is higher-is-better
      (DOMAIN.md §4), and "Persentase … dalam waktu 5 hari kerja" counts cases done in time.
      "Jumlah revisi …" stays NAIK (read as the revisions planned; DOMAIN.md calls it
      ambiguous).
    """
    teks = indikator.strip()
    for skala in (Skala.OPINI_BPK, Skala.PREDIKAT):
        if nilai_skala(target, skala) is not None:
            return {
                "polaritas": Polaritas.KUALITATIF,
                "skala": skala,
                "agregasi": Agregasi.TERAKHIR,
            }
    terbaca = baca_target(target)
    kata = terbaca.satuan.split()[0].lower() if terbaca.satuan else ""
    hitungan = terbaca.nilai is not None and kata in SATUAN_HITUNGAN
    turun = (hitungan and _HITUNGAN_BURUK.search(teks) is not None) or (
        terbaca.nilai is not None and kata in SATUAN_WAKTU and _TENTANG_WAKTU.search(teks)
    )
    return {
        "polaritas": Polaritas.TURUN if turun else Polaritas.NAIK,
        "skala": "",
        "agregasi": Agregasi.KUMULATIF if hitungan else Agregasi.TERAKHIR,
    }


def sasaran_dari_rkt(rkt: Dokumen) -> list[dict[str, Any]]:
    """The RKT's sasaran and indicators as the PK's: each indicator with its target, the unit
    read from it as `satuan`, the polarity, aggregation and scale `ukuran_bawaan` reads from
    the target (defaults the user checks), and `asal_rkt`, the RKT row's key."""
    return [
        {
            "nomor": sasaran["nomor"],
            "sasaran": sasaran["sasaran"],
            "indikator": [
                {
                    "indikator": row["indikator"],
                    "target": row["target"],
                    "satuan": baca_target(row["target"]).satuan,
                    **ukuran_bawaan(row["indikator"], row["target"]),
                    "asal_rkt": row["kunci"],
                }
                for row in sasaran["indikator"]
            ],
        }
        for sasaran in data_baris(rkt)
    ]


PESAN_TANPA_RKT = "Belum ada RKT {tahun} di satker ini: buat RKT {tahun} dahulu, lalu buat PK."
PESAN_PK_ADA = "PK {tahun} sudah ada di satker ini; buka dokumen itu untuk mengubahnya."


@transaction.atomic
def pk_dari_rkt(*, satker: Satker, tahun: int, oleh: Pengguna | None = None) -> Dokumen:
    """A draft PK of `tahun` filled from the satker's RKT of that year (its latest version):
    sasaran, indicators and targets (`sasaran_dari_rkt`), and the programs of the IKU of that
    year (`program_dari_iku`). No anggaran is filled: a RAK's anggaran is per kegiatan (Lebak's
    five merged cells), and its rows name no program code, so no budget can be attributed to
    a program, and none is invented. Signed, as every PK, by the Sekretaris
    (pihak pertama, the document's `penandatangan`) and the Ketua; place as the RKT's, the
    date left to the user (a PK is signed after the DIPA, not on the RKT's day).

    Refused (ValidationError on `tahun`) when there is no RKT of `tahun` or a PK already is.
    """
    if Dokumen.objects.filter(satker=satker, jenis=PK, tahun=tahun).exists():
        raise ValidationError({"tahun": PESAN_PK_ADA.format(tahun=tahun)})
    rkt = _versi_terakhir(satker, JENIS_RKT, tahun)
    if rkt is None:
        raise ValidationError({"tahun": PESAN_TANPA_RKT.format(tahun=tahun)})
    baru = dokumen_buat(
        satker=satker,
        jenis=PK,
        tahun=tahun,
        tempat_ttd=rkt.tempat_ttd or satker.kota_ttd,
        penandatangan=penandatangan_bawaan(satker, PK),
    )
    pk_ganti(dokumen=baru, sasaran=sasaran_dari_rkt(rkt))
    program_ganti(dokumen=baru, program=program_dari_iku(_versi_terakhir(satker, JENIS_IKU, tahun)))
    if oleh is not None:
        catat_perubahan(
            dokumen=baru,
            user=oleh,
            jenis=JenisPerubahan.BUAT,
            sebelum=None,
            sesudah=potret(baru),
            keterangan=f"Dibuat dari RKT {tahun}"
            + (f" versi {rkt.versi}." if rkt.versi > 1 else "."),
        )
    return baru
