"""The progress overview: for one year, which Kabupaten/Kota satker has which document where.

Read by the admin's progress page (`DokumenAdmin.kemajuan_view`). Scoped by the access rule;
three queries whatever the number of satker and documents: the year under way, the satker, the
documents (the latest version of each is picked in Python). The year shown by default is the
planning year under way (`dokumen.tahun`, the rule every home page shares), not merely the
newest with any document: next year's first copies must not hide this year's unfinished work.
A provinsi may be asked for: the matrix of its satker only (Admin RI's home links each one).
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from dokumen.jenis import jenis_terdaftar, kode_jenis
from dokumen.models import Dokumen, StatusDokumen
from dokumen.tahun import tahun_perencanaan
from satker.akses import Pengguna, kunci_cakupan, satker_terlihat
from satker.models import Jabatan, Satker, Tingkat

BELUM_ADA = "BELUM"  # the status key of a missing document
LABEL_BELUM_ADA = "Belum ada"
# The badge of an approved document some parties have signed: counted as approved, shown apart.
SEBAGIAN = "SEBAGIAN"

# Status → (background, text) colour, shared by the change list badge and the progress page.
WARNA_STATUS = {
    StatusDokumen.DRAF: ("#6c757d", "#fff"),
    StatusDokumen.DIAJUKAN: ("#0d6efd", "#fff"),
    StatusDokumen.DISETUJUI: ("#ffc107", "#212529"),
    StatusDokumen.TERBIT: ("#198754", "#fff"),
    BELUM_ADA: ("#dc3545", "#fff"),
    SEBAGIAN: ("#fd7e14", "#212529"),
}

# The column order of the counts: every status, then the missing documents.
URUTAN_STATUS = [*StatusDokumen.values, BELUM_ADA]
LABEL_STATUS = dict(StatusDokumen.choices) | {BELUM_ADA: LABEL_BELUM_ADA}


@dataclass(frozen=True)
class SelKemajuan:
    """One cell: the latest version of a satker's document of one type, or none."""

    jenis: str
    dokumen: Dokumen | None

    @property
    def status(self) -> str:
        return self.dokumen.status if self.dokumen else BELUM_ADA

    @property
    def ttd_sudah(self) -> int:
        """How many parties have signed (read with the documents: `kemajuan_dokumen`)."""
        return getattr(self.dokumen, "jumlah_ttd_sudah", 0) if self.dokumen else 0

    @property
    def ttd_jumlah(self) -> int:
        """How many parties sign: the records once the first has signed, else the type's."""
        if self.dokumen is None:
            return 0
        return getattr(self.dokumen, "jumlah_ttd", 0) or len(jenis_terdaftar(self.jenis).pihak_ttd)

    @property
    def sebagian(self) -> bool:
        """Approved and signed by some parties, not all: not merely "Disetujui"."""
        return self.status == StatusDokumen.DISETUJUI and self.ttd_sudah > 0

    @property
    def gaya(self) -> str:
        """The badge's colour key (WARNA_STATUS)."""
        return SEBAGIAN if self.sebagian else self.status

    @property
    def label(self) -> str:
        if self.sebagian:
            return f"Ditandatangani {self.ttd_sudah}/{self.ttd_jumlah}"
        return LABEL_STATUS[self.status]

    @property
    def keterangan(self) -> str:
        """Whose signature a partly signed document waits for, e.g. "menunggu TTD Ketua"."""
        if not self.sebagian:
            return ""
        pihak = jenis_terdaftar(self.jenis).pihak_ttd
        if self.ttd_sudah >= len(pihak):
            return "menunggu TTD pihak berikutnya"
        return f"menunggu TTD {Jabatan(pihak[self.ttd_sudah].jabatan_bawaan).label}"


@dataclass(frozen=True)
class BarisKemajuan:
    satker: Satker
    sel: list[SelKemajuan]


@dataclass(frozen=True)
class KelompokProvinsi:
    provinsi: Satker
    baris: list[BarisKemajuan]

    @property
    def jumlah_belum_ada(self) -> int:
        """The documents its satker have not started yet."""
        return sum(sel.dokumen is None for baris in self.baris for sel in baris.sel)

    @property
    def persen_terbit(self) -> int:
        """The share of its satker's documents (every type) already published."""
        sel = [sel for baris in self.baris for sel in baris.sel]
        terbit = sum(s.status == StatusDokumen.TERBIT for s in sel)
        return round(100 * terbit / len(sel)) if sel else 0


class BagianStatus(NamedTuple):
    """One status's share of a column: its count and percentage (`lebar`: the same for CSS,
    with a decimal point whatever the locale)."""

    status: str
    label: str
    jumlah: int
    persen: int
    lebar: str


@dataclass(frozen=True)
class JumlahStatus:
    """The number of cells per status (BELUM_ADA included) of one column, or of all."""

    judul: str
    per_status: dict[str, int] = field(default_factory=dict)

    @property
    def daftar(self) -> list[BagianStatus]:
        """Every status in the order of `URUTAN_STATUS`, with its share of the column."""
        total = self.total
        hasil = []
        for status in URUTAN_STATUS:
            jumlah = self.per_status.get(status, 0)
            bagian = 100 * jumlah / total if total else 0
            hasil.append(
                BagianStatus(status, LABEL_STATUS[status], jumlah, round(bagian), f"{bagian:.2f}")
            )
        return hasil

    @property
    def persen_terbit(self) -> int:
        """The share of the column's documents published: the progress the bar shows."""
        terbit = self.per_status.get(StatusDokumen.TERBIT, 0)
        return round(100 * terbit / self.total) if self.total else 0

    @property
    def total(self) -> int:
        return sum(self.per_status.values())


@dataclass(frozen=True)
class Kemajuan:
    tahun: int
    kelompok: list[KelompokProvinsi]
    jumlah_per_jenis: list[JumlahStatus]
    jumlah_semua: JumlahStatus

    @property
    def jumlah_satker(self) -> int:
        return sum(len(k.baris) for k in self.kelompok)


def _kabkota(user: Pengguna, provinsi: int | None) -> QuerySet[Satker]:
    """The visible Kabupaten/Kota satker, of one provinsi (by pk) when asked."""
    kabkota = satker_terlihat(user).filter(tingkat=Tingkat.KABKOTA)
    return kabkota if provinsi is None else kabkota.filter(induk_id=provinsi)


def kemajuan_dokumen(
    user: Pengguna, tahun: int | None = None, provinsi: int | None = None
) -> Kemajuan:
    """The visible Kabupaten/Kota satker (of `provinsi` when given) × every type for `tahun`
    (default: the planning year under way)."""
    tahun = tahun if tahun is not None else tahun_perencanaan(user)

    kabkota = _kabkota(user, provinsi)
    satker_semua = list(kabkota.select_related("induk").order_by("induk__nama", "nama", "pk"))

    terbaru: dict[tuple[int, str], Dokumen] = {}
    # The signature counts ride on the same query: a half-signed cell costs no query of its own.
    dokumen = (
        Dokumen.objects.filter(satker__in=kabkota, tahun=tahun)
        .annotate(
            jumlah_ttd=Count("tanda_tangan"),
            jumlah_ttd_sudah=Count("tanda_tangan", filter=Q(tanda_tangan__waktu__isnull=False)),
        )
        .order_by("versi")
    )
    for item in dokumen:
        terbaru[(item.satker_id, item.jenis)] = item  # a later version replaces an earlier one

    kelompok: list[KelompokProvinsi] = []
    jenis_semua = kode_jenis()
    hitung = {jenis: Counter() for jenis in jenis_semua}
    for satker in satker_semua:
        sel = [SelKemajuan(j, terbaru.get((satker.pk, j))) for j in jenis_semua]
        for item in sel:
            hitung[item.jenis][item.status] += 1
        if not kelompok or kelompok[-1].provinsi.pk != satker.induk_id:
            kelompok.append(KelompokProvinsi(satker.induk, []))
        kelompok[-1].baris.append(BarisKemajuan(satker, sel))

    jumlah_per_jenis = [JumlahStatus(jenis, dict(hitung[jenis])) for jenis in jenis_semua]
    semua = sum(hitung.values(), Counter())
    return Kemajuan(
        tahun=tahun,
        kelompok=kelompok,
        jumlah_per_jenis=jumlah_per_jenis,
        jumlah_semua=JumlahStatus("Semua", dict(semua)),
    )


# Satker names and places change rarely and are not in the key: they show within five minutes.
UMUR_CACHE_KEMAJUAN = 5 * 60


def kunci_kemajuan(user: Pengguna, tahun: int, provinsi: int | None = None) -> str:
    """The matrix's version: any saved, added or deleted document of the year moves it.

    Two small aggregates instead of the matrix's three reads and its ~40 ms of rendering.
    """
    kabkota = _kabkota(user, provinsi)
    # suntingan moves on every save and step: its sum catches a change committed after a later
    # one, which Max(diubah) alone (set at save, not at commit) would miss.
    versi = Dokumen.objects.filter(satker__in=kabkota, tahun=tahun).aggregate(
        jumlah=Count("pk"), terakhir=Max("diubah"), suntingan=Sum("suntingan")
    )
    terakhir = versi["terakhir"].timestamp() if versi["terakhir"] else 0
    return (
        f"kemajuan:{kunci_cakupan(user)}:{tahun}:{provinsi or ''}:{kabkota.count()}:"
        f"{versi['jumlah']}:{versi['suntingan'] or 0}:{terakhir}"
    )


def kemajuan_html(user: Pengguna, tahun: int, provinsi: int | None = None) -> SafeString:
    """The counts and the matrix as HTML, rendered once per version of the year's documents.

    Every reviewer of a provinsi opens this page around the deadline; it is the same for all of
    them until a document changes. Holds no per-user token: the export form is outside it.
    """
    kunci = kunci_kemajuan(user, tahun, provinsi)
    html = cache.get(kunci)
    if html is None:
        konteks = {"kemajuan": kemajuan_dokumen(user, tahun, provinsi)}
        html = render_to_string("admin/dokumen/_kemajuan_isi.html", konteks)
        cache.set(kunci, html, UMUR_CACHE_KEMAJUAN)
    return mark_safe(html)  # noqa: S308 — rendered by our own autoescaping template
