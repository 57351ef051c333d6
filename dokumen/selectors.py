"""Reads of documents, scoped to the user by the access rule in satker.akses."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import QuerySet
from django.http import Http404

from dokumen.jenis import jenis_terdaftar
from dokumen.models import (
    Dokumen,
    JenisDokumen,
    PresisiTanggal,
    RiwayatDokumen,
    StatusDokumen,
    TandaTangan,
)
from kpu_kinerja.formats import tanggal_panjang
from satker.akses import Pengguna, satker_terlihat
from satker.models import Pejabat, Satker


def dokumen_terlihat(user: Pengguna) -> QuerySet[Dokumen]:
    return Dokumen.objects.filter(satker__in=satker_terlihat(user))


# What a list of documents shows (the API's DokumenRingkasSerializer, the /dokumen/ page).
KOLOM_DAFTAR = (
    *("jenis", "tahun", "versi", "status", "suntingan", "diubah"),
    *("satker__kode", "satker__nama", "satker__tingkat", "satker__induk__kode"),
    "satker__induk__nama",
)


def dokumen_daftar(user: Pengguna) -> QuerySet[Dokumen]:
    """The documents `user` may see, in list order, reading only KOLOM_DAFTAR.

    The one queryset the document list of the API and of the page filter (dokumen.filters).
    """
    return (
        dokumen_terlihat(user)
        .select_related("satker__induk")
        .only(*KOLOM_DAFTAR)
        .order_by("satker__nama", "-tahun", "jenis", "-versi", "pk")
    )


def satker_untuk_saringan(user: Pengguna) -> list[Satker]:
    """The satker `user` may see, by name: the choices offered beside the list's code filters."""
    return list(satker_terlihat(user).only("kode", "nama", "tingkat").order_by("nama", "pk"))


def dokumen_ambil(user: Pengguna, pk: int) -> Dokumen:
    """The document `pk` with its satker and signatory if `user` may see it; else 404."""
    queryset = dokumen_terlihat(user).select_related("satker__induk", "penandatangan")
    try:
        return queryset.get(pk=pk)
    except Dokumen.DoesNotExist:
        raise Http404("Dokumen tidak ditemukan.") from None


def dokumen_per_tahun(satker: Satker) -> list[tuple[int, list[Dokumen]]]:
    """The satker's documents, newest year first, grouped by year."""
    semua = satker.dokumen.order_by("-tahun", "jenis", "-versi")
    return [(tahun, list(kelompok)) for tahun, kelompok in groupby(semua, lambda d: d.tahun)]


def tanggal_ttd_tertulis(dokumen: Dokumen) -> str:
    """The date as the signature line prints it; "" when the document has none."""
    if dokumen.tanggal_ttd is None:
        return ""
    return tanggal_panjang(
        dokumen.tanggal_ttd, dengan_hari=dokumen.tanggal_ttd_presisi == PresisiTanggal.HARI
    )


def kekurangan_dokumen(dokumen: Dokumen) -> list[str]:
    """What the document still lacks before it can be signed, in words for the user."""
    kurang = []
    if not dokumen.tempat_ttd:
        kurang.append("Tempat penandatanganan belum diisi.")
    if dokumen.tanggal_ttd is None:
        kurang.append("Tanggal penandatanganan belum diisi.")
    elif dokumen.tanggal_ttd_presisi != PresisiTanggal.HARI:
        kurang.append("Tanggal penandatanganan belum lengkap (hari belum diisi).")
    if dokumen.penandatangan_id is None:
        kurang.append("Penandatangan belum ditetapkan.")
    return kurang


def dokumen_tahun_itu(sumber: Dokumen, tahun: int) -> Dokumen | None:
    """The satker's existing document of the same type for `tahun`, if any (latest version)."""
    return (
        Dokumen.objects.filter(satker_id=sumber.satker_id, jenis=sumber.jenis, tahun=tahun)
        .order_by("-versi")
        .first()
    )


@dataclass(frozen=True)
class SelRingkasan:
    """One cell of the home page matrix: the latest version of a type in a year, if any."""

    jenis: str
    dokumen: Dokumen | None
    bisa_disalin: bool  # no document of this type exists for the next year yet


def ringkasan_per_tahun(satker: Satker) -> list[tuple[int, list[SelRingkasan]]]:
    """Years (newest first) × types, each with its latest version: one query."""
    terbaru: dict[tuple[int, str], Dokumen] = {}
    for dokumen in satker.dokumen.order_by("tahun", "jenis", "versi"):
        terbaru[(dokumen.tahun, dokumen.jenis)] = dokumen
    tahun_semua = sorted({tahun for tahun, _ in terbaru}, reverse=True)
    return [
        (
            tahun,
            [
                SelRingkasan(
                    jenis=jenis,
                    dokumen=terbaru.get((tahun, jenis)),
                    bisa_disalin=(tahun, jenis) in terbaru and (tahun + 1, jenis) not in terbaru,
                )
                for jenis in JenisDokumen.values
            ],
        )
        for tahun in tahun_semua
    ]


def penandatangan_bawaan(satker: Satker, jenis: str) -> Pejabat | None:
    """Who signs by default, as the type declares (the seeds' practice); each document can name
    another of its officials."""
    pihak = jenis_terdaftar(jenis).pihak_ttd[0]
    return satker.pejabat.filter(jabatan=pihak.jabatan_bawaan).first()


def tanda_tangan_terbit(dokumen: Dokumen) -> TandaTangan | None:
    """The frozen record of who signed a published document (None before it is signed)."""
    if dokumen.status != StatusDokumen.TERBIT:
        return None
    # .all() (ordered by Meta): a list that prefetched the records reads none again.
    return next(iter(dokumen.tanda_tangan.all()), None)


def penandatangan_tercetak(dokumen: Dokumen) -> TandaTangan | Pejabat | None:
    """Whom the signature block names: once signed, the record; before, the chosen official."""
    return tanda_tangan_terbit(dokumen) or dokumen.penandatangan


def riwayat_dokumen(dokumen: Dokumen) -> list[RiwayatDokumen]:
    return list(dokumen.riwayat.select_related("oleh").order_by("waktu", "pk"))


def versi_pengganti(dokumen: Dokumen) -> Dokumen | None:
    """The newest published later version of the same document, if one superseded it."""
    return (
        Dokumen.objects.filter(
            satker_id=dokumen.satker_id,
            jenis=dokumen.jenis,
            tahun=dokumen.tahun,
            versi__gt=dokumen.versi,
            status=StatusDokumen.TERBIT,
        )
        .order_by("-versi")
        .first()
    )
