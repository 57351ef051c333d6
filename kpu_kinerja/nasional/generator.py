"""The national dataset: KPU RI, 38 provinsi, 514 kabupaten/kota, each with a document of every
type the dataset has texts for (IKU, RKT and RAK: `kpu_kinerja.nasional.isi.ISI_JENIS`) per year.

FOR LOAD TESTING AND DEMONSTRATION ONLY. The documents are generated, not real: their texts are
the Lebak seed's, varied (`kpu_kinerja.nasional.isi`), their officials are invented, and a TERBIT
document's "signature" is a placeholder — a random `sha256`, a random `token_verifikasi` and a
`ditandatangani_pada`, with NO PDF behind them (`berkas_pdf` stays empty). They satisfy the
database constraints, so pages, lists and the API treat them like published documents, but
downloading their PDF or checking them on /verifikasi/ has nothing real to return.

Rules:
- Satker are matched by `kode`; an existing row (KPU RI `ri`, `prov-banten`, …) is reused as it
  is and never changed.
- The hand-checked seed satker (those with a file in `fixtures/satker/`) count toward the 514
  but are left alone: no generated documents, no changed rows.
- A document is generated for every other planned kab/kota, year and type that has none yet, so
  a second run adds nothing.
- Everything is written with `bulk_create` in one transaction, parents first (PostgreSQL and
  SQLite 3.35+ return their ids); no per-row `full_clean`, so the data is built valid instead.
"""

import random
import secrets
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dokumen.baris import buat_baris_massal
from dokumen.jenis import JenisTerdaftar, semua_jenis
from dokumen.models import Dokumen, StatusDokumen, TandaTangan
from kpu_kinerja.nasional import isi
from kpu_kinerja.nasional.akun import UKURAN_BATCH, akun_nasional_buat
from kpu_kinerja.nasional.realisasi import HasilRealisasi, realisasi_nasional_buat
from kpu_kinerja.nasional.wilayah import PROVINSI, KabKota, Provinsi
from satker.models import (
    GayaPenomoran,
    Jabatan,
    JenisTupoksi,
    Pejabat,
    Satker,
    StatusJabatan,
    Tingkat,
    Tupoksi,
)

KODE_RI = "ri"
_STATUS_TAHUN_LALU = {"TERBIT": 88, "DISETUJUI": 5, "DIAJUKAN": 3, "DRAF": 4}
_STATUS_TAHUN_INI = {"DRAF": 30, "DIAJUKAN": 25, "DISETUJUI": 20, "TERBIT": 25}
_GAYA = {GayaPenomoran.ANGKA: 70, GayaPenomoran.HURUF: 20, GayaPenomoran.POIN: 10}
_FUNGSI_PROVINSI = (
    "Menjabarkan program dan melaksanakan anggaran",
    "Mengkoordinasikan dan mengendalikan tahapan penyelenggaraan oleh KPU Kabupaten/Kota",
    "Menetapkan dan mengumumkan hasil rekapitulasi penghitungan suara Pemilihan Gubernur",
    "Melakukan evaluasi dan membuat laporan setiap tahapan penyelenggaraan pemilu",
)


@dataclass
class HasilNasional:
    """What a run found and added."""

    tahun: list[int]
    satker: Counter = field(default_factory=Counter)  # tingkat → planned (existing or new)
    satker_baru: Counter = field(default_factory=Counter)  # tingkat → created now
    dokumen_baru: Counter = field(default_factory=Counter)  # status → created now
    dokumen_dilewati: int = 0
    sasaran_baru: int = 0
    baris_baru: Counter = field(default_factory=Counter)  # type code → rows created
    akun_baru: int | None = None  # None: accounts not asked for
    realisasi: HasilRealisasi = field(default_factory=HasilRealisasi)  # PKs and quarters

    @property
    def jumlah_dokumen_baru(self) -> int:
        return sum(self.dokumen_baru.values())

    @property
    def jumlah_baris_baru(self) -> int:
        return sum(self.baris_baru.values())

    @property
    def ada_yang_baru(self) -> bool:
        return bool(sum(self.satker_baru.values()) or self.jumlah_dokumen_baru or self.akun_baru)


def rencana_wilayah(
    provinsi: Sequence[str] | None = None, kabkota_per_provinsi: int | None = None
) -> list[Provinsi]:
    """The provinsi to fill (all, or those named) and their first N kab/kota (all by default)."""
    daftar = list(PROVINSI)
    if provinsi is not None:
        dikenal = {p.nama.lower() for p in daftar} | {p.kode for p in daftar}
        asing = [nama for nama in provinsi if nama.lower() not in dikenal]
        if asing:
            raise ValueError(f"Provinsi tidak dikenal: {', '.join(asing)}.")
        dicari = {nama.lower() for nama in provinsi}
        daftar = [p for p in daftar if p.nama.lower() in dicari or p.kode in dicari]
    if kabkota_per_provinsi is not None:
        daftar = [
            Provinsi(p.kode, p.nama, p.ibukota, p.kabkota[:kabkota_per_provinsi]) for p in daftar
        ]
    return daftar


@transaction.atomic
def data_nasional_buat(
    *,
    jumlah_tahun: int = 3,
    tahun_akhir: int | None = None,
    seed: int = 42,
    buat_akun: bool = False,
    provinsi: Sequence[str] | None = None,
    kabkota_per_provinsi: int | None = None,
    folder_fixture: Path | None = None,
) -> HasilNasional:
    """Fill the database with the national dataset (see the module docstring); idempotent.

    `provinsi` and `kabkota_per_provinsi` shrink the plan for tests and small demos. The years
    are the `jumlah_tahun` years ending at `tahun_akhir` (default: this year).
    """
    if jumlah_tahun < 1:
        raise ValueError("Jumlah tahun minimal 1.")
    folder = folder_fixture or Path(settings.BASE_DIR) / "fixtures"
    # Seeded so a run is reproducible; the tokens and hashes come from `secrets`, not from it.
    rng = random.Random(seed)  # noqa: S311
    frasa = isi.baca_frasa(folder)
    kode_seed = {path.stem for path in (folder / "satker").glob("*.yaml")}
    akhir = tahun_akhir or timezone.localdate().year
    hasil = HasilNasional(tahun=list(range(akhir - jumlah_tahun + 1, akhir + 1)))
    rencana = rencana_wilayah(provinsi, kabkota_per_provinsi)

    ri = _pastikan_ri(hasil)
    satker_provinsi = _pastikan_provinsi(rng, rencana, ri, hasil)
    satker_kabkota = _pastikan_kabkota(rng, frasa, rencana, satker_provinsi, hasil)

    diisi = [
        (satker_kabkota[kk.kode], kk, p.nama)
        for p in rencana
        for kk in p.kabkota
        if kk.kode not in kode_seed
    ]
    _buat_dokumen(rng, frasa, diisi, hasil, tahun_ini=akhir)
    if buat_akun:
        hasil.akun_baru = akun_nasional_buat(
            provinsi=[satker_provinsi[p.kode] for p in rencana],
            kabkota=[satker_kabkota[kk.kode] for p in rencana for kk in p.kabkota],
        )
    # After the accounts: each satker's operator is recorded as the one who entered its figures.
    hasil.realisasi = realisasi_nasional_buat(
        rng, [satker for satker, *_ in diisi], hasil.tahun, folder
    )
    return hasil


# Satker, their officials and duties ---------------------------------------------------------


def _pastikan_ri(hasil: HasilNasional) -> Satker:
    hasil.satker[Tingkat.RI] += 1
    ri = Satker.objects.filter(kode=KODE_RI).first()
    ri = ri or Satker.objects.filter(tingkat=Tingkat.RI).order_by("pk").first()
    if ri is None:
        ri = Satker.objects.create(
            kode=KODE_RI,
            nama="KPU RI",
            nama_lengkap="Komisi Pemilihan Umum Republik Indonesia",
            tingkat=Tingkat.RI,
            kota_ttd="Jakarta",
            alamat="Jalan Imam Bonjol Nomor 29, Menteng, Jakarta Pusat",
        )
        hasil.satker_baru[Tingkat.RI] += 1
    return ri


def _satker_ada(kode: list[str]) -> dict[str, Satker]:
    kolom = ("id", "kode", "nama", "kota_ttd", "tingkat", "induk_id")
    return {s.kode: s for s in Satker.objects.filter(kode__in=kode).only(*kolom)}


def _pastikan_provinsi(
    rng: random.Random, rencana: list[Provinsi], ri: Satker, hasil: HasilNasional
) -> dict[str, Satker]:
    ada = _satker_ada([p.kode for p in rencana])
    baru = []
    for p in rencana:
        hasil.satker[Tingkat.PROVINSI] += 1
        if p.kode in ada:
            continue
        satker = Satker(
            kode=p.kode,
            nama=f"KPU Provinsi {p.nama}",
            nama_lengkap=f"Komisi Pemilihan Umum Provinsi {p.nama}",
            tingkat=Tingkat.PROVINSI,
            induk_id=ri.pk,
            kota_ttd=p.ibukota,
        )
        tugas = [
            f"Menyelenggarakan Pemilihan Gubernur dan Wakil Gubernur {p.nama} serta "
            "mengoordinasikan penyelenggaraan Pemilu dan Pemilihan di kabupaten/kota"
        ]
        baru.append((satker, f"Provinsi {p.nama}", tugas, list(_FUNGSI_PROVINSI)))
    _simpan_satker(rng, baru, hasil)
    return ada | {satker.kode: satker for satker, *_ in baru}


def _pastikan_kabkota(
    rng: random.Random,
    frasa: isi.Frasa,
    rencana: list[Provinsi],
    satker_provinsi: dict[str, Satker],
    hasil: HasilNasional,
) -> dict[str, Satker]:
    ada = _satker_ada([kk.kode for p in rencana for kk in p.kabkota])
    baru = []
    for p in rencana:
        for kk in p.kabkota:
            hasil.satker[Tingkat.KABKOTA] += 1
            if kk.kode in ada:
                continue
            satker = Satker(
                kode=kk.kode,
                nama=f"KPU {kk.wilayah}",
                nama_lengkap=f"Komisi Pemilihan Umum {kk.wilayah}",
                tingkat=Tingkat.KABKOTA,
                induk_id=satker_provinsi[p.kode].pk,
                kota_ttd=kk.nama,
                gaya_penomoran=rng.choices(list(_GAYA), weights=list(_GAYA.values()))[0],
            )
            tugas, fungsi = isi.tugas_fungsi(rng, frasa, kk, p.nama)
            baru.append((satker, kk.wilayah, tugas, fungsi))
    _simpan_satker(rng, baru, hasil)
    return ada | {satker.kode: satker for satker, *_ in baru}


def _simpan_satker(
    rng: random.Random, baru: list[tuple[Satker, str, list[str], list[str]]], hasil: HasilNasional
) -> None:
    """Insert new satker, then a Ketua, a Sekretaris and the tugas/fungsi of each."""
    if not baru:
        return
    Satker.objects.bulk_create([satker for satker, *_ in baru], batch_size=UKURAN_BATCH)
    pejabat, tupoksi = [], []
    for satker, wilayah, tugas, fungsi in baru:
        hasil.satker_baru[satker.tingkat] += 1
        pejabat.append(
            Pejabat(
                satker_id=satker.pk,
                nama=isi.nama_orang(rng),
                jabatan=Jabatan.KETUA,
                sebutan_jabatan=f"Ketua Komisi Pemilihan Umum\n{wilayah},",
            )
        )
        pejabat.append(
            Pejabat(
                satker_id=satker.pk,
                nama=isi.nama_orang(rng),
                nip=isi.nip(rng),
                jabatan=Jabatan.SEKRETARIS,
                status=StatusJabatan.PLT if rng.random() < 0.1 else StatusJabatan.DEFINITIF,
                sebutan_jabatan=f"Sekretaris KPU {wilayah}",
            )
        )
        for jenis, daftar in ((JenisTupoksi.TUGAS, tugas), (JenisTupoksi.FUNGSI, fungsi)):
            tupoksi += [
                Tupoksi(satker_id=satker.pk, jenis=jenis, urutan=urutan, teks=teks)
                for urutan, teks in enumerate(daftar, start=1)
            ]
    Pejabat.objects.bulk_create(pejabat, batch_size=UKURAN_BATCH)
    Tupoksi.objects.bulk_create(tupoksi, batch_size=UKURAN_BATCH)


# Documents and their rows -------------------------------------------------------------------


def _jenis_dihasilkan() -> list[JenisTerdaftar]:
    """The registered types the dataset has texts for (kpu_kinerja.nasional.isi.ISI_JENIS)."""
    return [terdaftar for terdaftar in semua_jenis() if terdaftar.kode in isi.ISI_JENIS]


def _pejabat(satker_id: list[int], jabatan: set[str]) -> dict[int, dict[str, int]]:
    """satker id → {jabatan: pejabat id}, the first official of each of `jabatan`."""
    hasil: dict[int, dict[str, int]] = defaultdict(dict)
    baris = Pejabat.objects.filter(satker_id__in=satker_id, jabatan__in=jabatan).order_by("pk")
    for satker, jabatan_, pk in baris.values_list("satker_id", "jabatan", "pk"):
        hasil[satker].setdefault(jabatan_, pk)
    return hasil


def _status(rng: random.Random, tahun_ini: bool) -> str:
    bobot = _STATUS_TAHUN_INI if tahun_ini else _STATUS_TAHUN_LALU
    return rng.choices(list(bobot), weights=list(bobot.values()))[0]


def _tanda_tangan_tiruan(rng: random.Random, dokumen: Dokumen, sekarang: datetime) -> None:
    """A placeholder signature: random hash and token, a time; no PDF (see module docstring)."""
    dokumen.sha256 = secrets.token_hex(32)
    dokumen.token_verifikasi = secrets.token_urlsafe(16)
    jam = time(rng.randint(8, 15), rng.randint(0, 59))
    pada = timezone.make_aware(datetime.combine(dokumen.tanggal_ttd, jam))
    dokumen.ditandatangani_pada = min(pada, sekarang)


def _buat_dokumen(
    rng: random.Random,
    frasa: isi.Frasa,
    diisi: list[tuple[Satker, KabKota, str]],
    hasil: HasilNasional,
    *,
    tahun_ini: int,
) -> None:
    """A document of each type per satker and year, unless the satker already has that one;
    signed (as a placeholder) by each of its type's parties, in order."""
    satker_id = [satker.pk for satker, *_ in diisi]
    ada = set(
        Dokumen.objects.filter(satker_id__in=satker_id, tahun__in=hasil.tahun).values_list(
            "satker_id", "jenis", "tahun"
        )
    )
    jenis_dihasilkan = _jenis_dihasilkan()
    jabatan = {p.jabatan_bawaan for j in jenis_dihasilkan for p in j.pihak_ttd}
    pejabat = _pejabat(satker_id, jabatan)
    sekarang = timezone.now()
    hari_ini = timezone.localdate()
    dokumen: list[Dokumen] = []
    konteks: list[isi.Konteks] = []
    for satker, kabkota, nama_provinsi in diisi:
        for tahun in hasil.tahun:
            for terdaftar in jenis_dihasilkan:
                jenis = terdaftar.kode
                if (satker.pk, jenis, tahun) in ada:
                    hasil.dokumen_dilewati += 1
                    continue
                pihak = [pejabat[satker.pk].get(p.jabatan_bawaan) for p in terdaftar.pihak_ttd]
                penandatangan = pihak[0]
                status = _status(rng, tahun == tahun_ini) if all(pihak) else "DRAF"
                tanggal = date(tahun, 1, rng.randint(2, 31))
                if tahun == hari_ini.year:
                    tanggal = min(tanggal, hari_ini)  # early January: not signed in the future
                if status == StatusDokumen.DRAF and rng.random() < 0.3:
                    tanggal = None  # a draft still missing its date
                baru = Dokumen(
                    satker_id=satker.pk,
                    jenis=jenis,
                    tahun=tahun,
                    versi=1,
                    status=status,
                    tempat_ttd=satker.kota_ttd,
                    tanggal_ttd=tanggal,
                    penandatangan_id=penandatangan,
                    suntingan=rng.randint(0, 6),
                )
                if status == StatusDokumen.TERBIT:
                    _tanda_tangan_tiruan(rng, baru, sekarang)
                dokumen.append(baru)
                konteks.append(isi.Konteks(kabkota, nama_provinsi, tahun))
                hasil.dokumen_baru[status] += 1
    Dokumen.objects.bulk_create(dokumen, batch_size=UKURAN_BATCH)
    _buat_tanda_tangan([d for d in dokumen if d.status == StatusDokumen.TERBIT], pejabat)
    isian = [
        (dok, isi.ISI_JENIS[dok.jenis](rng, frasa, ctx))
        for dok, ctx in zip(dokumen, konteks, strict=True)
    ]
    ditulis = buat_baris_massal(isian, ukuran_batch=UKURAN_BATCH)
    hasil.sasaran_baru += ditulis.sasaran
    hasil.baris_baru += ditulis.baris


def _buat_tanda_tangan(terbit: list[Dokumen], pejabat: dict[int, dict[str, int]]) -> None:
    """The signature records of each published document, one per party of its type, as
    signing writes them: party 1 the document's signatory, the others the satker's official
    of the party's jabatan."""
    rekaman = []
    for dok in terbit:
        for urutan, pihak in enumerate(dok.jenis_terdaftar.pihak_ttd, start=1):
            pk = pejabat[dok.satker_id][pihak.jabatan_bawaan]
            if urutan == 1:
                pk = dok.penandatangan_id
            rekaman.append((dok, urutan, pihak.pihak, pk))
    orang = Pejabat.objects.in_bulk({pk for *_, pk in rekaman})
    TandaTangan.objects.bulk_create(
        [
            TandaTangan(
                dokumen_id=dok.pk,
                urutan=urutan,
                pihak=pihak,
                pejabat_id=pk,
                nama=orang[pk].nama,
                nip=orang[pk].nip,
                jabatan=orang[pk].jabatan,
                status_jabatan=orang[pk].status,
                sebutan_jabatan=orang[pk].sebutan_jabatan,
                nama_sertifikat=orang[pk].nama,
                waktu=dok.ditandatangani_pada,
            )
            for dok, urutan, pihak, pk in rekaman
        ],
        batch_size=UKURAN_BATCH,
    )
