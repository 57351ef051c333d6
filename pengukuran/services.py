"""Writes of the measurement: opening a satker's TW report against its published PK, and
saving the quarter's realisasi, all of it or nothing.

Every figure is checked against its indicator (`masalah_realisasi`) before anything is saved;
the problems come back keyed "<indikator id>-<field>" so the form puts each beside its field.
Both writes refuse outside the TW's reporting window unless it was reopened
(`pengukuran.jendela`; no window set means open), with `MasaPelaporanDitutup`.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dokumen.models import Dokumen, StatusDokumen
from dokumen.target import DIGIT_BULAT_MAKS
from pengukuran.capaian import BATAS_ANGKA, SERATUS, TEMPAT_DESIMAL, nilai_skala
from pengukuran.jendela import keadaan_jendela
from pengukuran.models import JendelaPelaporan, LaporanTriwulan, Realisasi
from perjanjian_kinerja.models import NILAI_SKALA, IndikatorPk, Polaritas
from satker.akses import Pengguna, profil_pengguna
from satker.models import Peran, Satker

JENIS_PK = "PK"
# What a TW report entry may hold; anything else is refused, never dropped.
KOLOM_ISIAN = frozenset(
    {
        "nilai",
        "nilai_skala",
        "pembilang",
        "penyebut",
        "tidak_terukur",
        "alasan_tidak_terukur",
        "catatan",
        "kendala",
        "solusi",
    }
)
KOLOM_TEKS = ("alasan_tidak_terukur", "catatan", "kendala", "solusi")
PESAN_BERBUKTI = (
    "Realisasi ini punya bukti dukung: hapus dulu bukti dukungnya bila realisasinya dikosongkan."
)


class LaporanBerubah(Exception):
    """Someone saved the report after this user opened it (its `suntingan` moved on)."""


class LaporanTidakBisaDiubah(Exception):
    """The report has been submitted or approved: its figures are read-only."""

    def __init__(self, pesan: str = "") -> None:
        super().__init__(
            pesan
            or "Laporan ini sudah diajukan atau disetujui; realisasinya tidak dapat diubah "
            "kecuali laporan dikembalikan."
        )


class MasaPelaporanDitutup(ValidationError):
    """Outside the TW's reporting window and not reopened; nothing was saved.

    A ValidationError of the whole report (key "__all__", beside the "<id>-<field>" ones), its
    message saying when the window closed ("Masa pelaporan TW II 2024 ditutup pada
    15 Juli 2024.")."""

    def __init__(self, pesan: str) -> None:
        super().__init__({NON_FIELD_ERRORS: [pesan]})
        self.pesan = pesan

    def __str__(self) -> str:
        return self.pesan


def pastikan_masa_terbuka(satker: Satker, tahun: int, tw: int) -> None:
    """Raise `MasaPelaporanDitutup` unless the satker's TW may be reported today."""
    keadaan = keadaan_jendela(satker, tahun, tw)
    if not keadaan.terbuka:
        raise MasaPelaporanDitutup(keadaan.pesan_tutup)


def berwenang_atas(user: Pengguna, provinsi_id: int | None) -> bool:
    """Whether `user` speaks for KPU RI (Admin RI, superuser), or for the KPU Provinsi
    `provinsi_id` (its reviewer): who sets that provinsi's windows (None: the national ones,
    KPU RI only) and reviews the reports of the satker under it."""
    if user.is_authenticated and user.is_superuser:
        return True
    profil = profil_pengguna(user)
    if profil is None:
        return False
    if profil.peran == Peran.ADMIN_RI:
        return True
    return (
        profil.peran == Peran.REVIEWER_PROVINSI
        and provinsi_id is not None
        and profil.satker_id == provinsi_id
    )


@transaction.atomic
def jendela_simpan(*, jendela: JendelaPelaporan, oleh: Pengguna) -> JendelaPelaporan:
    """Save a reporting window as set by `oleh` (who may: `berwenang_atas`, for the
    window as it was and as it is now); ValidationError with the constraint's message."""
    if jendela.pk is not None:
        semula = JendelaPelaporan.objects.select_for_update().get(pk=jendela.pk)
        if not berwenang_atas(oleh, semula.provinsi_id):
            raise PermissionDenied("Peran Anda tidak berhak mengubah masa pelaporan ini.")
    if not berwenang_atas(oleh, jendela.provinsi_id):
        raise PermissionDenied("Peran Anda tidak berhak menetapkan masa pelaporan ini.")
    jendela.ditetapkan_oleh = oleh
    jendela.full_clean()
    jendela.save()
    return jendela


def pk_terbit(satker: Satker, tahun: int) -> Dokumen | None:
    """The satker's PK of `tahun` in force: its newest published version."""
    return (
        Dokumen.objects.filter(
            satker=satker, jenis=JENIS_PK, tahun=tahun, status=StatusDokumen.TERBIT
        )
        .order_by("-versi")
        .first()
    )


@transaction.atomic
def laporan_buka(*, satker: Satker, tahun: int, tw: int) -> LaporanTriwulan:
    """The satker's report of TW `tw`, opened against its published PK of the year.

    A draft report opened before a PK Perubahan was published moves to the new version: its
    figures follow their indicators (each new row's `asal` is the row it was copied from).
    Refused outside the TW's reporting window (`MasaPelaporanDitutup`): read a closed TW
    through the selectors instead.
    """
    pk = pk_terbit(satker, tahun)
    if pk is None:
        raise ValidationError(
            f"Belum ada Perjanjian Kinerja {tahun} yang terbit: realisasi diukur terhadap PK "
            "yang sudah ditandatangani kedua pihak."
        )
    pastikan_masa_terbuka(satker, tahun, tw)
    laporan, _ = LaporanTriwulan.objects.select_for_update().get_or_create(
        satker=satker, tahun=tahun, tw=tw, defaults={"perjanjian": pk}
    )
    if laporan.perjanjian_id != pk.pk and laporan.bisa_diubah:
        _pindah_ke_pk(laporan, pk)
    return laporan


def _pindah_ke_pk(laporan: LaporanTriwulan, pk: Dokumen) -> None:
    # A PK Perubahan keeps its rows' keys: each figure follows its indicator by key.
    baru = dict(IndikatorPk.objects.filter(sasaran__dokumen=pk).values_list("kunci", "pk"))
    for realisasi in laporan.realisasi.select_related("indikator"):
        if realisasi.indikator.kunci in baru:
            realisasi.indikator_id = baru[realisasi.indikator.kunci]
            realisasi.save(update_fields=["indikator"])
        # An indicator the new version dropped keeps its figure on the old row; it no
        # longer counts.
    laporan.perjanjian = pk
    laporan.save(update_fields=["perjanjian", "diubah"])


def _desimal(nilai: Any) -> Decimal | None:
    if nilai is None or nilai == "":
        return None
    if isinstance(nilai, bool) or not isinstance(nilai, Decimal | int):
        raise TypeError
    return Decimal(nilai)


def _masalah_angka(nilai: Decimal, nama: str) -> str:
    if not nilai.is_finite() or abs(nilai) >= BATAS_ANGKA:
        return f"{nama} paling banyak {DIGIT_BULAT_MAKS} digit sebelum koma."
    if nilai != nilai.quantize(TEMPAT_DESIMAL):
        return f"{nama} paling banyak 4 angka di belakang koma."
    if nilai < 0:
        return f"{nama} tidak boleh negatif."
    return ""


def masalah_realisasi(indikator: IndikatorPk, isian: dict[str, Any]) -> dict[str, str]:
    """What is wrong with one indicator's entry, by field ({} when nothing): a number for a
    numeric indicator and a value of its scale for a qualitative one, both parts of a
    fraction, a share not above its whole, no negative figure, a reason when not measurable."""
    masalah: dict[str, str] = {}
    asing = set(isian) - KOLOM_ISIAN
    if asing:
        masalah["__all__"] = f"Kolom tidak dikenal: {', '.join(sorted(asing))}."
        return masalah
    try:
        nilai = _desimal(isian.get("nilai"))
        pembilang = _desimal(isian.get("pembilang"))
        penyebut = _desimal(isian.get("penyebut"))
    except TypeError:
        return {"nilai": "Realisasi, pembilang dan penyebut harus berupa angka."}
    skala = (isian.get("nilai_skala") or "").strip()
    if isian.get("tidak_terukur"):
        if not (isian.get("alasan_tidak_terukur") or "").strip():
            masalah["alasan_tidak_terukur"] = "Tuliskan alasan indikator tidak dapat diukur."
        if nilai is not None or skala:
            masalah["nilai"] = "Indikator yang tidak dapat diukur tidak diisi realisasinya."
        return masalah
    if indikator.polaritas == Polaritas.KUALITATIF:
        daftar = NILAI_SKALA.get(indikator.skala, ())
        if nilai is not None or pembilang is not None or penyebut is not None:
            masalah["nilai_skala"] = (
                f"Indikator kualitatif diisi dengan nilai skala ({', '.join(daftar)}), bukan angka."
            )
        elif skala and nilai_skala(skala) not in daftar:
            masalah["nilai_skala"] = (
                f"“{skala}” tidak ada pada skala indikator ini ({', '.join(daftar)})."
            )
        return masalah
    if skala:
        masalah["nilai"] = "Indikator ini diukur dengan angka, bukan nilai skala."
    for kolom, angka, nama in (
        ("nilai", nilai, "Realisasi"),
        ("pembilang", pembilang, "Pembilang"),
        ("penyebut", penyebut, "Penyebut"),
    ):
        if angka is not None and (pesan := _masalah_angka(angka, nama)):
            masalah[kolom] = pesan
    if (pembilang is None) != (penyebut is None):
        kolom = "penyebut" if penyebut is None else "pembilang"
        masalah[kolom] = "Pembilang dan penyebut diisi bersama."
    elif penyebut is not None and "penyebut" not in masalah and "pembilang" not in masalah:
        if penyebut == 0:
            masalah["penyebut"] = "Penyebut harus lebih dari 0."
        elif indikator.persentase and pembilang > penyebut:
            masalah["pembilang"] = (
                "Pembilang tidak boleh melebihi penyebut: persentase bagian dari keseluruhan "
                "paling tinggi 100 %."
            )
    return masalah


def _kosong(isian: dict[str, Any]) -> bool:
    return (
        isian.get("nilai") in (None, "")
        and not (isian.get("nilai_skala") or "").strip()
        and isian.get("pembilang") in (None, "")
        and not isian.get("tidak_terukur")
        and not any((isian.get(k) or "").strip() for k in KOLOM_TEKS)
    )


@transaction.atomic
def realisasi_simpan(
    *,
    laporan: LaporanTriwulan,
    isian: dict[int, dict[str, Any]],
    suntingan: int,
    oleh: Pengguna,
) -> LaporanTriwulan:
    """Save the quarter's entries ({indikator id: entry}) of a draft report as a whole.

    An entry left wholly empty removes that indicator's realisasi; the others are created or
    updated. A figure from a numerator and denominator is computed from them. Raises
    ValidationError keyed "<id>-<field>" (nothing saved), `LaporanBerubah` when someone saved
    since `suntingan`, `LaporanTidakBisaDiubah` when the report is no longer a draft,
    `MasaPelaporanDitutup` outside the TW's window (unless reopened).
    """
    terkunci = laporan_kunci(laporan, suntingan)
    indikator = {
        i.pk: i
        for i in IndikatorPk.objects.filter(
            sasaran__dokumen_id=terkunci.perjanjian_id
        ).select_related("sasaran")
    }
    masalah: dict[str, str] = {}
    for indikator_id, data in isian.items():
        if indikator_id not in indikator:
            masalah[f"{indikator_id}-__all__"] = (
                "Indikator ini tidak ada pada Perjanjian Kinerja yang diukur laporan ini."
            )
            continue
        for kolom, pesan in masalah_realisasi(indikator[indikator_id], data).items():
            masalah[f"{indikator_id}-{kolom}"] = pesan
    # Emptying an entry deletes its realisasi: refused while it has evidence files (issue 14).
    kosong = [i for i, data in isian.items() if i in indikator and _kosong(data)]
    for indikator_id in terkunci.realisasi.filter(
        indikator_id__in=kosong, bukti__isnull=False
    ).values_list("indikator_id", flat=True):
        masalah.setdefault(f"{indikator_id}-__all__", PESAN_BERBUKTI)
    if masalah:
        raise ValidationError(masalah)

    ada = {r.indikator_id: r for r in terkunci.realisasi.all()}
    hapus = [ada[i].pk for i, data in isian.items() if _kosong(data) and i in ada]
    Realisasi.objects.filter(pk__in=hapus).delete()
    for indikator_id, data in isian.items():
        if _kosong(data):
            continue
        realisasi = ada.get(indikator_id) or Realisasi(laporan=terkunci, indikator_id=indikator_id)
        _isi(realisasi, data)
        realisasi.diisi_oleh = oleh
        realisasi.full_clean(exclude=["laporan", "indikator", "diisi_oleh"])
        realisasi.save()
    return laporan_naik(terkunci)


def laporan_kunci(laporan: LaporanTriwulan, suntingan: int) -> LaporanTriwulan:
    """The report locked for a save of its entries (indicators' or kegiatan's): a draft, in
    its window, not saved by anyone since `suntingan`; else the matching exception."""
    terkunci = (
        LaporanTriwulan.objects.select_for_update(of=("self",))
        .select_related("satker")
        .get(pk=laporan.pk)
    )
    if not terkunci.bisa_diubah:
        raise LaporanTidakBisaDiubah
    pastikan_masa_terbuka(terkunci.satker, terkunci.tahun, terkunci.tw)
    if terkunci.suntingan != suntingan:
        raise LaporanBerubah
    return terkunci


def laporan_naik(terkunci: LaporanTriwulan) -> LaporanTriwulan:
    """After a save: the report's `suntingan` moves on, so an older page's save is refused,
    and `diubah` with it ("Disimpan …" on the pages)."""
    LaporanTriwulan.objects.filter(pk=terkunci.pk).update(
        suntingan=F("suntingan") + 1, diubah=timezone.now()
    )
    terkunci.refresh_from_db()
    return terkunci


def _isi(realisasi: Realisasi, data: dict[str, Any]) -> None:
    pembilang, penyebut = _desimal(data.get("pembilang")), _desimal(data.get("penyebut"))
    realisasi.pembilang, realisasi.penyebut = pembilang, penyebut
    realisasi.tidak_terukur = bool(data.get("tidak_terukur"))
    if realisasi.tidak_terukur:
        realisasi.nilai, realisasi.nilai_skala = None, ""
    elif pembilang is not None and penyebut:
        realisasi.nilai = (pembilang / penyebut * SERATUS).quantize(TEMPAT_DESIMAL)
        realisasi.nilai_skala = ""
    else:
        realisasi.nilai = _desimal(data.get("nilai"))
        teks = (data.get("nilai_skala") or "").strip()
        realisasi.nilai_skala = nilai_skala(teks) if teks else ""
    for kolom in KOLOM_TEKS:
        setattr(realisasi, kolom, (data.get(kolom) or "").strip())
    if not realisasi.tidak_terukur:
        realisasi.alasan_tidak_terukur = ""
