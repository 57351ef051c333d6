"""Sample measurement data for the local demo (`manage.py muat_contoh_pengukuran`, run by
`make db`): Lebak's PK 2024 given its programs and published, and TW I's realisasi entered and
submitted, so `make run` has something to measure.

Everything goes through the real services (the documents' workflow and signing with the dev
PKI, `realisasi_simpan`, `laporan_transisi`), as the satker's own demo accounts. Each step is
skipped when already done, so a second run changes nothing. The figures are samples, said so
in the PK's audit history and in every realisasi's `catatan`; never run it on real data.
"""

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from django.db import transaction

from dokumen.alur import dokumen_terbitkan_langsung
from dokumen.jejak import JenisPerubahan, catat_perubahan, potret
from dokumen.models import Dokumen, StatusDokumen
from dokumen.services import dokumen_simpan_tambahan
from pengukuran.alur import laporan_transisi
from pengukuran.models import AksiLaporan, StatusLaporan
from pengukuran.services import JENIS_PK, laporan_buka, pk_terbit, realisasi_simpan
from perjanjian_kinerja.models import NILAI_SKALA, Agregasi, IndikatorPk, Polaritas
from satker.models import Peran, ProfilPengguna, Satker

KODE_SATKER = "kab-lebak"
TAHUN = 2024
TW = 1
CATATAN_CONTOH = "Data contoh untuk demo (manage.py muat_contoh_pengukuran), bukan realisasi asli."
# The seed RAK's five real amounts (fixtures/README.md) name kegiatan, not programs: here they
# are summed per program by the kegiatan's nature, a sample assignment, not a real budget.
PROGRAM_CONTOH = [
    {
        "program": "Program Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi",
        "kode": "076.01.CQ",
        # RAK #1 logistik 8.170.412.000 + #11 PAW 225.836.000 + #13 data pemilih 507.642.000
        "anggaran": 8_903_890_000,
    },
    {
        "program": "Program Dukungan Manajemen",
        "kode": "076.01.WA",
        # RAK #7 gaji dan tunjangan 2.012.063.000 + #16 SPIP 22.880.000
        "anggaran": 2_034_943_000,
    },
]
KETERANGAN_PROGRAM = (
    "Data contoh: program dan anggaran diisi manage.py muat_contoh_pengukuran dari jumlah "
    "anggaran RAK 2024 per kegiatan, bukan pagu DIPA asli."
)
# How far each sample percentage sits from its target, in turn: most met, a few short.
SELISIH_PERSEN = (Decimal(5), Decimal(0), Decimal(-6), Decimal(2), Decimal(-15), Decimal(1))
KENDALA = (
    "Data pendukung dari subbagian terkait terlambat diterima.",
    "Kegiatan pada triwulan ini bergeser karena tahapan Pemilu 2024.",
)
SOLUSI = (
    "Koordinasi mingguan dengan subbagian terkait dan tenggat pengumpulan data.",
    "Jadwal kegiatan disusun ulang dan dikejar pada triwulan berikutnya.",
)


@dataclass
class HasilContoh:
    langkah: list[str] = field(default_factory=list)

    @property
    def ringkasan(self) -> str:
        if not self.langkah:
            return "Contoh pengukuran Lebak 2024 sudah ada; tidak ada yang diubah."
        return "Contoh pengukuran Lebak 2024: " + "; ".join(self.langkah) + "."


def _akun(satker: Satker, peran: str):
    profil = (
        ProfilPengguna.objects.select_related("user")
        .filter(satker=satker, peran=peran, user__is_active=True)
        .order_by("user__username")
        .first()
    )
    if profil is None:
        raise ValueError(
            f"Tidak ada akun {peran.lower()} aktif untuk {satker}: jalankan seed_demo_users dulu."
        )
    return profil.user


def _beri_program(pk: Dokumen, operator) -> None:
    sebelum = potret(pk)
    pk = dokumen_simpan_tambahan(
        dokumen=pk, kunci="program", baris=PROGRAM_CONTOH, suntingan=pk.suntingan
    )
    # Recorded here rather than by the service, so the history says these are samples.
    catat_perubahan(
        dokumen=pk,
        user=operator,
        jenis=JenisPerubahan.SIMPAN,
        sebelum=sebelum,
        sesudah=potret(pk),
        keterangan=KETERANGAN_PROGRAM,
    )


def _target_tw1(indikator: IndikatorPk) -> Decimal | None:
    if indikator.target_tw1_nilai is not None:
        return indikator.target_tw1_nilai
    if indikator.target_nilai is None:
        return None
    if indikator.agregasi == Agregasi.KUMULATIF:  # a quarter of the year's count, at least 1
        return max(Decimal(1), (indikator.target_nilai / 4).to_integral_value(ROUND_CEILING))
    return indikator.target_nilai


def isian_contoh(indikator: IndikatorPk, urutan: int) -> dict:
    """A plausible TW I entry for `indikator` (its place `urutan` picks the variation)."""
    isian = {"catatan": CATATAN_CONTOH}
    if indikator.polaritas == Polaritas.KUALITATIF:
        skala = NILAI_SKALA.get(indikator.skala, ())
        isian["nilai_skala"] = skala[0] if skala else ""
        return isian
    target = _target_tw1(indikator)
    if indikator.polaritas == Polaritas.RENTANG and indikator.batas_bawah is not None:
        target = (indikator.batas_bawah + (indikator.batas_atas or indikator.batas_bawah)) / 2
    if target is None:
        return {**isian, "tidak_terukur": True, "alasan_tidak_terukur": "Target belum diisi."}
    selisih = SELISIH_PERSEN[urutan % len(SELISIH_PERSEN)]
    if indikator.persentase:
        nilai = min(Decimal(100), max(Decimal(0), target + selisih))
    else:  # a count: on target, one short now and then
        nilai = max(Decimal(0), target - 1) if selisih < -5 else target
    isian["nilai"] = nilai
    if nilai < target:
        # Every third place switches the reason, so neighbouring shortfalls differ.
        isian["kendala"] = KENDALA[urutan // 3 % len(KENDALA)]
        isian["solusi"] = SOLUSI[urutan // 3 % len(SOLUSI)]
    return isian


@transaction.atomic
def muat_contoh_pengukuran() -> HasilContoh:
    """Give Lebak's PK 2024 its sample programs and publish it, then enter and submit TW I."""
    hasil = HasilContoh()
    satker = Satker.objects.get(kode=KODE_SATKER)
    operator = _akun(satker, Peran.OPERATOR)
    pk = pk_terbit(satker, TAHUN)
    if pk is None:
        pk = (
            Dokumen.objects.filter(satker=satker, jenis=JENIS_PK, tahun=TAHUN)
            .order_by("-versi")
            .first()
        )
        if pk is None:
            raise ValueError(f"PK {TAHUN} {satker} belum dimuat: jalankan muat_fixture dulu.")
        if pk.status == StatusDokumen.DRAF and not pk.program_pk.exists():
            _beri_program(pk, operator)
            hasil.langkah.append("program dan anggaran contoh diisi")
        pk = dokumen_terbitkan_langsung(dokumen=Dokumen.objects.get(pk=pk.pk))
        hasil.langkah.append(f"PK {TAHUN} diterbitkan (ditandatangani dengan PKI lokal)")

    laporan = laporan_buka(satker=satker, tahun=TAHUN, tw=TW)
    if laporan.status == StatusLaporan.DRAF and not laporan.realisasi.exists():
        indikator = IndikatorPk.objects.filter(sasaran__dokumen=pk).order_by(
            "sasaran__urutan", "urutan"
        )
        isian = {i.pk: isian_contoh(i, n) for n, i in enumerate(indikator)}
        laporan = realisasi_simpan(
            laporan=laporan, isian=isian, suntingan=laporan.suntingan, oleh=operator
        )
        hasil.langkah.append(f"realisasi TW I contoh diisi untuk {len(isian)} indikator")
        laporan_transisi(laporan=laporan, user=operator, aksi=AksiLaporan.AJUKAN)
        hasil.langkah.append("laporan TW I diajukan (menunggu persetujuan Ketua)")
    return hasil
