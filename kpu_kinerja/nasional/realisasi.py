"""The national dataset's measurement: a published PK per generated Kab/Kota for the year under
way, and realisasi for the quarters that have ended, in mixed states, some late.

FOR LOAD TESTING ONLY, like the rest of `kpu_kinerja.nasional`. The PK is the Lebak PK fixture
(built from its RKT), each satker keeping a seeded subset of its sasaran so the roll-up's
shared indicators have different members; its signatures are placeholders as the generator's.
Each ended quarter has a national reporting window (two weeks after the quarter) unless one is
set, so an unsubmitted report past it shows as late. Everything is `bulk_create`d; a satker
that already has a PK of the year is left alone, its quarters included.
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.utils import timezone

from dokumen.baris import buat_baris_massal
from dokumen.models import Dokumen, StatusDokumen
from kpu_kinerja.nasional.akun import UKURAN_BATCH
from pengukuran.models import JendelaPelaporan, LaporanTriwulan, Realisasi
from perjanjian_kinerja.models import NILAI_SKALA, Agregasi, IndikatorPk, Polaritas
from satker.models import Jabatan, Peran, ProfilPengguna, Satker

FIXTURE_PK = Path("dokumen") / "kab-lebak-pk-2024.yaml"
# A past quarter's report: approved, submitted, a draft (late once its window closed), none.
_STATUS_TW = {"DISETUJUI": 45, "DIAJUKAN": 20, "DRAF": 15, None: 20}
EMPAT = Decimal("0.0001")


@dataclass
class HasilRealisasi:
    tahun: int | None = None
    pk_baru: int = 0
    baris_pk_baru: int = 0
    laporan_baru: Counter = field(default_factory=Counter)  # status → created
    realisasi_baru: int = 0


def _sasaran_pk(folder: Path) -> list[dict[str, Any]]:
    with (folder / FIXTURE_PK).open(encoding="utf-8") as berkas:
        data = yaml.safe_load(berkas)
    for sasaran in data["sasaran"]:
        for indikator in sasaran["indikator"]:
            indikator.pop("asal_rkt", None)  # the Lebak RKT's own rows
    return data["sasaran"]


def hari_ini() -> date:
    """Today, Jakarta time: which quarters have ended (a test sets it)."""
    return timezone.localdate()


def _tahun_diisi(tahun: list[int]) -> tuple[int, int] | None:
    """The year and its last ended quarter: this year once a quarter ended, else last year."""
    hari = hari_ini()
    tw = (hari.month - 1) // 3
    if tw and hari.year in tahun:
        return hari.year, tw
    if hari.year - 1 in tahun:
        return hari.year - 1, 4
    return None


def realisasi_nasional_buat(
    rng: random.Random, satker: list[Satker], tahun: list[int], folder: Path
) -> HasilRealisasi:
    """PKs, windows, reports and realisasi for `satker` (see the module docstring); counted
    apart from the planning documents, whose summary line stays as it was."""
    hasil = HasilRealisasi()
    diisi = _tahun_diisi(tahun)
    pengisi = _pengisi([s.pk for s in satker])
    if diisi is None or not satker or pengisi.get(None) is None:
        return hasil  # no user to record as the one who entered the figures
    hasil.tahun, sampai_tw = diisi
    pk = _pastikan_pk(rng, satker, hasil, folder)
    _pastikan_jendela(hasil.tahun, sampai_tw, pengisi[None])
    _buat_laporan(rng, pk, hasil, sampai_tw, pengisi)
    return hasil


def _pengisi(satker_id: list[int]) -> dict[int | None, int]:
    """satker id → its operator's user id; None → any user (the fallback)."""
    hasil: dict[int | None, int] = dict(
        ProfilPengguna.objects.filter(satker_id__in=satker_id, peran=Peran.OPERATOR).values_list(
            "satker_id", "user_id"
        )
    )
    cadangan = get_user_model().objects.order_by("-is_superuser", "pk").values_list("pk", flat=True)
    hasil[None] = cadangan.first()
    return hasil


def _pastikan_pk(rng, satker, hasil, folder) -> dict[int, Dokumen]:
    """satker id → the PK of the year made now, for those with none (the others, and their
    quarters, are left alone: a second run adds nothing)."""
    from kpu_kinerja.nasional.generator import _buat_tanda_tangan, _pejabat, _tanda_tangan_tiruan

    tahun = hasil.tahun
    berpk = set(
        Dokumen.objects.filter(satker__in=satker, jenis="PK", tahun=tahun).values_list(
            "satker_id", flat=True
        )
    )
    pejabat = _pejabat([s.pk for s in satker], {Jabatan.SEKRETARIS, Jabatan.KETUA})
    contoh = _sasaran_pk(folder)
    sekarang = timezone.now()
    baru, isian = [], []
    for s in satker:
        pihak = pejabat.get(s.pk, {})
        if s.pk in berpk or not (pihak.get(Jabatan.SEKRETARIS) and pihak.get(Jabatan.KETUA)):
            continue
        dok = Dokumen(
            satker_id=s.pk,
            jenis="PK",
            tahun=tahun,
            versi=1,
            status=StatusDokumen.TERBIT,
            tempat_ttd=s.kota_ttd,
            tanggal_ttd=min(date(tahun, 1, rng.randint(2, 31)), hari_ini()),
            penandatangan_id=pihak[Jabatan.SEKRETARIS],
        )
        _tanda_tangan_tiruan(rng, dok, sekarang)
        # Every satker keeps most sasaran, in order, renumbered: shared but not identical.
        dipilih = [x for x in contoh if rng.random() < 0.85] or contoh[:1]
        isian.append([{**x, "nomor": str(n)} for n, x in enumerate(dipilih, start=1)])
        baru.append(dok)
    Dokumen.objects.bulk_create(baru, batch_size=UKURAN_BATCH)
    _buat_tanda_tangan(baru, pejabat)
    ditulis = buat_baris_massal(zip(baru, isian, strict=True), ukuran_batch=UKURAN_BATCH)
    hasil.pk_baru = len(baru)
    hasil.baris_pk_baru = sum(ditulis.baris.values())
    return {d.satker_id: d for d in baru}


def _pastikan_jendela(tahun: int, sampai_tw: int, oleh: int) -> None:
    ada = set(
        JendelaPelaporan.objects.filter(tahun=tahun, provinsi__isnull=True).values_list(
            "tw", flat=True
        )
    )
    jendela = []
    for tw in range(1, sampai_tw + 1):
        if tw in ada:
            continue
        akhir = date(tahun, 3 * tw, 1) + timedelta(days=31)
        dibuka = akhir.replace(day=1)  # the first day after the quarter
        jendela.append(
            JendelaPelaporan(
                tahun=tahun,
                tw=tw,
                dibuka=dibuka,
                ditutup=dibuka + timedelta(days=14),
                ditetapkan_oleh_id=oleh,
            )
        )
    JendelaPelaporan.objects.bulk_create(jendela)


def _angka(nilai: Decimal) -> Decimal:
    return nilai.quantize(EMPAT, rounding=ROUND_HALF_UP)


def _isian(rng: random.Random, i: IndikatorPk, tw: int) -> dict[str, Any]:
    """A plausible figure of `i`'s quarter `tw`: near its target, sometimes short of it."""
    faktor = Decimal(rng.randint(60, 115)) / 100
    if i.polaritas == Polaritas.KUALITATIF:
        return {"nilai_skala": NILAI_SKALA[i.skala][0]}
    target = getattr(i, f"target_tw{tw}_nilai") or i.target_nilai
    if i.polaritas == Polaritas.RENTANG:
        return {"nilai": i.batas_bawah}
    if target is None:
        return {"tidak_terukur": True, "alasan_tidak_terukur": "Data uji: target berupa teks."}
    if i.agregasi == Agregasi.KUMULATIF:
        sebelum = getattr(i, f"target_tw{tw - 1}_nilai", None) if tw > 1 else Decimal(0)
        sendiri = target - sebelum if sebelum is not None else target / 4
        return {"nilai": _angka(max(sendiri, Decimal(0)) * faktor)}
    if i.satuan.strip() == "%" or i.target_satuan == "%":
        penyebut = Decimal(rng.randint(20, 200))
        persen = min(target * faktor, Decimal(100))
        pembilang = (penyebut * persen / 100).quantize(Decimal(1))
        return {
            "nilai": _angka(pembilang / penyebut * 100),
            "pembilang": pembilang,
            "penyebut": penyebut,
        }
    return {"nilai": _angka(target * faktor)}


def _buat_laporan(rng, pk: dict[int, Dokumen], hasil, sampai_tw: int, pengisi) -> None:
    tahun = hasil.tahun
    ada = set(
        LaporanTriwulan.objects.filter(satker_id__in=list(pk), tahun=tahun).values_list(
            "satker_id", "tw"
        )
    )
    indikator: dict[int, list[IndikatorPk]] = {}
    for i in (
        IndikatorPk.objects.filter(sasaran__dokumen__in=list(pk.values()))
        .order_by("sasaran__dokumen_id", "sasaran__urutan", "urutan")
        .select_related("sasaran")
    ):
        indikator.setdefault(i.sasaran.dokumen_id, []).append(i)
    laporan, isian = [], []
    for satker_id, dok in sorted(pk.items()):
        for tw in range(1, sampai_tw + 1):
            status = rng.choices(list(_STATUS_TW), weights=list(_STATUS_TW.values()))[0]
            if status is None or (satker_id, tw) in ada:
                continue
            laporan.append(
                LaporanTriwulan(
                    satker_id=satker_id,
                    tahun=tahun,
                    tw=tw,
                    perjanjian_id=dok.pk,
                    status=status,
                    suntingan=rng.randint(1, 5),
                )
            )
            isian.append([(i, _isian(rng, i, tw)) for i in indikator.get(dok.pk, [])])
            hasil.laporan_baru[status] += 1
    LaporanTriwulan.objects.bulk_create(laporan, batch_size=UKURAN_BATCH)
    realisasi = [
        Realisasi(
            laporan_id=lap.pk,
            indikator_id=i.pk,
            diisi_oleh_id=pengisi.get(lap.satker_id, pengisi[None]),
            **data,
        )
        for lap, baris in zip(laporan, isian, strict=True)
        for i, data in baris
    ]
    Realisasi.objects.bulk_create(realisasi, batch_size=UKURAN_BATCH)
    hasil.realisasi_baru = len(realisasi)
