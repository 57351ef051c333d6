"""What the generated satker and documents say: the Lebak seed's phrasing, varied per satker.

The phrase source is the seed satker KPU Kabupaten Lebak (`fixtures/satker/kab-lebak.yaml` and
`fixtures/dokumen/kab-lebak-{iku,rkt,rak}-2024.yaml`). Every text is adapted to the satker and
year ("Kabupaten Lebak" → "Kota Cilegon", "2024" → the document's year), then rows are dropped,
added and re-targeted at random so that no two documents are alike. Functions here return a
document's rows in the shape the type registry reads and writes (dokumen.jenis: a list of rows,
or sasaran with their rows nested); `dokumen.baris.buat_baris_massal` writes them.
"""

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kpu_kinerja.nasional.wilayah import KabKota

Baris = dict[str, Any]

PROGRAM_TEKNIS = "PROGRAM PENYELENGGARAAN PEMILU DALAM PROSES KONSOLIDASI DEMOKRASI [076.01.CQ]"
PROGRAM_DUKUNGAN = "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]"

_CARA_HITUNG = (
    "Jumlah kegiatan yang terlaksana dibandingkan dengan jumlah kegiatan yang direncanakan",
    "Perbandingan realisasi dengan target yang ditetapkan dalam Perjanjian Kinerja",
    "Jumlah laporan yang disusun tepat waktu dibandingkan dengan jumlah laporan yang wajib disusun",
    "Persentase capaian output kegiatan terhadap rencana kegiatan",
)
_SUMBER_DATA = (
    "Laporan Kegiatan Tahun {tahun}",
    "Laporan Kinerja Tahun {tahun}",
    "Sekretariat KPU {wilayah}",
    "Berita acara dan dokumentasi kegiatan",
)
_TARGET_IKU = ("100%", "100 %", "95%", "90%", "90%", "85%", "80%", "75%")
_TRIWULAN_SEBAGIAN = ((2, 4), (1, 2), (3, 4), (1, 2, 3), (2, 3, 4), (4,), (1,))
_PERSEN = re.compile(r"^(\d+)\s*%$")


@dataclass(frozen=True)
class Frasa:
    """The seed texts the generator varies."""

    tugas: list[str]
    fungsi: list[str]
    iku: list[Baris]
    rkt: list[dict[str, Any]]
    rak: list[dict[str, Any]]
    indikator_lain: list[tuple[str, str, str]]  # (indikator, target, kegiatan) from RKT and RAK
    kegiatan_lain: list[str]


def _yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as berkas:
        return yaml.safe_load(berkas)


def baca_frasa(folder: Path) -> Frasa:
    """Load the Lebak seed from the fixtures folder."""
    satker = _yaml(folder / "satker" / "kab-lebak.yaml")
    iku = _yaml(folder / "dokumen" / "kab-lebak-iku-2024.yaml")["baris"]
    rkt = _yaml(folder / "dokumen" / "kab-lebak-rkt-2024.yaml")["sasaran"]
    rak = _yaml(folder / "dokumen" / "kab-lebak-rak-2024.yaml")["sasaran"]
    indikator_lain = [
        (i["indikator"], i.get("target") or "", i.get("kegiatan_aksi") or "")
        for s in rkt
        for i in s["indikator"]
    ]
    indikator_lain += [
        (b["indikator"], b.get("target") or "", b["kegiatan"])
        for s in rak
        for b in s["baris"]
        if b.get("indikator")
    ]
    kegiatan_lain = sorted({b["kegiatan"] for s in rak for b in s["baris"]})
    kegiatan_lain += sorted({i[2] for i in indikator_lain if i[2] and "\n" not in i[2]})
    return Frasa(
        tugas=satker["tugas"],
        # The first two fungsi name Banten and Lebak; `fungsi_satker` writes its own.
        fungsi=satker["fungsi"][2:],
        iku=iku,
        rkt=rkt,
        rak=rak,
        indikator_lain=indikator_lain,
        kegiatan_lain=kegiatan_lain,
    )


@dataclass(frozen=True)
class Konteks:
    """Whose document, for which year: what the texts are adapted to."""

    kabkota: KabKota
    provinsi: str
    tahun: int

    def sesuaikan(self, teks: str) -> str:
        teks = teks.replace("Kabupaten Lebak", self.kabkota.wilayah)
        teks = teks.replace("Kab. Lebak", self.kabkota.singkat)
        teks = teks.replace("Lebak", self.kabkota.nama).replace("Banten", self.provinsi)
        return teks.replace("2023", str(self.tahun - 1)).replace("2024", str(self.tahun))


def _ejaan(rng: random.Random, teks: str) -> str:
    """The seeds spell "Persentase" three ways; so do the generated documents."""
    if teks.startswith(("Presentase", "Presentasi", "Persentase")):
        return rng.choice(("Persentase", "Persentase", "Presentase")) + teks[10:]
    return teks


def _geser_target(rng: random.Random, target: str) -> str:
    cocok = _PERSEN.match(target)
    if not cocok:
        return target
    nilai = min(100, max(50, int(cocok[1]) + rng.choice((-5, -3, 0, 0, 0, 2, 5))))
    return f"{nilai}%" if rng.random() < 0.9 else f"{nilai} %"


def tugas_fungsi(rng: random.Random, frasa: Frasa, kabkota: KabKota, provinsi: str):
    """The satker's tugas (one item) and fungsi (a few), adapted from Lebak's."""
    kepala = "Bupati/Wakil Bupati" if kabkota.jenis == "Kabupaten" else "Walikota/Wakil Walikota"
    tugas = [frasa.tugas[0].replace("Bupati/Wakil Bupati", kepala)]
    kepala = kepala.replace("/", " dan ")
    fungsi = [
        "Sebagai Penyelenggara pada Pemilu Anggota DPR, DPD, DPRD dan Pemilu Presiden dan Wakil "
        f"Presiden serta Pemilihan Gubernur {provinsi};",
        f"Sebagai Penyelenggara pada Pemilihan {kepala} {kabkota.nama}.",
    ]
    pilihan = sorted(rng.sample(range(len(frasa.fungsi)), rng.randint(2, 5)))
    fungsi += [frasa.fungsi[i] for i in pilihan]
    return tugas, fungsi


def baris_iku(rng: random.Random, frasa: Frasa, ctx: Konteks) -> list[Baris]:
    """About 10 rows: Lebak's IKU (a row sometimes left out) and a few RKT/RAK indicators."""
    sumber = [dict(b) for b in frasa.iku if rng.random() > 0.15]
    tambahan = rng.sample(frasa.indikator_lain, rng.randint(9, 13) - len(sumber))
    for indikator, target, _ in tambahan:
        sumber.append(
            {
                "indikator": indikator,
                "target": _geser_target(rng, target),
                "cara_penghitungan": rng.choice(_CARA_HITUNG),
                "sumber_data": rng.choice(_SUMBER_DATA).format(
                    tahun=ctx.tahun, wilayah=ctx.kabkota.wilayah
                ),
            }
        )
    berkelompok = rng.random() < 0.3  # some satker group their IKU under budget programs
    batas = len(sumber) // 2
    hasil = []
    for posisi, baris in enumerate(sumber):
        nomor = posisi + 1 if not berkelompok or posisi < batas else posisi - batas + 1
        program = ""
        if berkelompok and posisi in (0, batas):
            program = PROGRAM_TEKNIS if posisi == 0 else PROGRAM_DUKUNGAN
        hasil.append(
            {
                "program": program,
                "nomor": f"{nomor}.",
                "sasaran": "",
                "indikator": _ejaan(rng, ctx.sesuaikan(baris["indikator"])),
                "cara_penghitungan": ctx.sesuaikan(baris.get("cara_penghitungan") or ""),
                "target": baris.get("target") or rng.choice(_TARGET_IKU),
                "sumber_data": ctx.sesuaikan(baris.get("sumber_data") or ""),
                "keterangan": "",
            }
        )
    return hasil


def _pilih_sasaran(rng: random.Random, daftar: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """All of Lebak's sasaran but up to two, in their order."""
    buang = set(rng.sample(range(len(daftar)), rng.randint(0, 2)))
    return [s for i, s in enumerate(daftar) if i not in buang]


def sasaran_rkt(rng: random.Random, frasa: Frasa, ctx: Konteks) -> list[Baris]:
    """About 18 sasaran with about 22 indicators in all (under "indikator")."""
    sasaran = [(s, [dict(i) for i in s["indikator"]]) for s in _pilih_sasaran(rng, frasa.rkt)]
    jumlah = sum(len(daftar) for _, daftar in sasaran)
    for _ in range(rng.randint(21, 26) - jumlah):
        indikator, target, kegiatan = rng.choice(frasa.indikator_lain)
        daftar = rng.choice(sasaran)[1]
        daftar.append({"indikator": indikator, "target": target, "kegiatan_aksi": kegiatan})
    hasil = []
    for nomor, (data, daftar) in enumerate(sasaran, start=1):
        induk = {"nomor": str(nomor), "sasaran": ctx.sesuaikan(data["sasaran"])}
        anak = [
            {
                "indikator": _ejaan(rng, ctx.sesuaikan(i["indikator"])),
                "target": _geser_target(rng, i.get("target") or ""),
                "kegiatan_aksi": ctx.sesuaikan(i.get("kegiatan_aksi") or ""),
            }
            for i in daftar
        ]
        hasil.append(induk | {"indikator": anak})
    return hasil


def _triwulan(rng: random.Random) -> list[int]:
    """The quarters a RAK row is ticked in: all four mostly."""
    return list((1, 2, 3, 4) if rng.random() < 0.8 else rng.choice(_TRIWULAN_SEBAGIAN))


def _anggaran(rng: random.Random) -> int | None:
    """A quarter of the rows carry a budget, Rp5 juta to Rp9 miliar, in whole thousands."""
    return rng.randint(5_000, 9_000_000) * 1_000 if rng.random() < 0.25 else None


def sasaran_rak(rng: random.Random, frasa: Frasa, ctx: Konteks) -> list[Baris]:
    """About 19 sasaran with about 24 action rows in all (under "baris"), some continuing the
    row above."""
    sasaran = [(s, [dict(b) for b in s["baris"]]) for s in _pilih_sasaran(rng, frasa.rak)]
    jumlah = sum(len(daftar) for _, daftar in sasaran)
    for _ in range(rng.randint(22, 27) - jumlah):
        daftar = rng.choice(sasaran)[1]
        pelaksana = daftar[0].get("pelaksana") or ""
        if rng.random() < 0.5:  # one more kegiatan for the indicator above
            daftar.append({"indikator": "", "kegiatan": rng.choice(frasa.kegiatan_lain)})
        else:
            indikator, target, kegiatan = rng.choice(frasa.indikator_lain)
            daftar.append(
                {
                    "indikator": indikator,
                    "target": target,
                    "kegiatan": kegiatan,
                    "target_kegiatan_aksi": target,
                }
            )
        daftar[-1]["pelaksana"] = pelaksana
    hasil = []
    for nomor, (data, daftar) in enumerate(sasaran, start=1):
        induk = {"nomor": str(nomor), "sasaran": ctx.sesuaikan(data["sasaran"])}
        anak = []
        for b in daftar:
            target = _geser_target(rng, b.get("target") or "")
            target_aksi = b.get("target_kegiatan_aksi") or ""
            if target_aksi and target_aksi == b.get("target"):
                target_aksi = target
            anak.append(
                {
                    "indikator": _ejaan(rng, ctx.sesuaikan(b.get("indikator") or "")),
                    "target": target,
                    "kegiatan": ctx.sesuaikan(b["kegiatan"]),
                    "target_kegiatan_aksi": target_aksi,
                    "triwulan": _triwulan(rng),
                    "anggaran": _anggaran(rng),
                    "pelaksana": b.get("pelaksana") or "",
                }
            )
        hasil.append(induk | {"baris": anak})
    return hasil


# The texts of each type the dataset fills, in the shape its registry declaration reads
# (dokumen.jenis): a type without texts here gets no generated documents.
ISI_JENIS: dict[str, Callable[[random.Random, Frasa, Konteks], list[Baris]]] = {
    "IKU": baris_iku,
    "RKT": sasaran_rkt,
    "RAK": sasaran_rak,
}


# Officials: plausible Indonesian names, a commissioner without NIP, a civil servant with one.
_NAMA_DEPAN = (
    "Ahmad", "Agus", "Andi", "Asep", "Budi", "Dedi", "Dewi", "Eko", "Fajar", "Fitri", "Hasan",
    "Hendra", "I Made", "I Ketut", "Imam", "Irfan", "Joko", "La Ode", "Lukman", "Maria",
    "Muhammad", "Ni Luh", "Nur", "Petrus", "Rahmat", "Ratna", "Rina", "Siti", "Slamet", "Sri",
    "Teguh", "Ujang", "Wahyu", "Yohanes", "Yuliana", "Yusuf",
)  # fmt: skip
_NAMA_BELAKANG = (
    "Daulay", "Firmansyah", "Ginting", "Gunawan", "Hakim", "Harahap", "Hasibuan", "Hidayat",
    "Ismail", "Kogoya", "Kurniawan", "Latuconsina", "Lestari", "Lubis", "Mahmud", "Manurung",
    "Nasution", "Nugroho", "Pardede", "Prasetyo", "Pratama", "Rahayu", "Rahman", "Ramadhan",
    "Rumbiak", "Santoso", "Saputra", "Sembiring", "Setiawan", "Simanjuntak", "Siregar",
    "Sulaiman", "Suryadi", "Susanti", "Syahputra", "Tambunan", "Tanjung", "Tarigan", "Wijaya",
)  # fmt: skip
_GELAR = ("", "", ", S.H.", ", S.Sos.", ", S.E.", ", S.Pd.", ", S.IP.", ", M.Si.", ", S.H., M.H.")


def nama_orang(rng: random.Random) -> str:
    nama = f"{rng.choice(_NAMA_DEPAN)} {rng.choice(_NAMA_BELAKANG)}"
    if rng.random() < 0.4:  # the seeds print most names in capitals
        nama = nama.upper()
    return nama + rng.choice(_GELAR)


def nip(rng: random.Random) -> str:
    """18 digits: birth date, appointment year and month, sex, sequence (198301282009021004)."""
    lahir = rng.randint(1965, 1992)
    diangkat = min(2020, lahir + rng.randint(22, 30))
    return (
        f"{lahir}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        f"{diangkat}{rng.randint(1, 12):02d}{rng.randint(1, 2)}{rng.randint(1, 20):03d}"
    )
