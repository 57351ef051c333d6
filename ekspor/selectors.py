"""Reads for the batch export, scoped by the access rule in satker.akses."""

from django.db.models import Q, QuerySet
from django.http import Http404

from dokumen.models import Dokumen
from ekspor.models import EksporBatch
from satker.akses import Pengguna, satker_terlihat
from satker.models import Satker, Tingkat


def provinsi_terlihat(user: Pengguna) -> QuerySet[Satker]:
    return satker_terlihat(user).filter(tingkat=Tingkat.PROVINSI)


def provinsi_ambil(user: Pengguna, pk: int) -> Satker:
    """The provinsi `pk` if `user` may see it; else 404."""
    try:
        return provinsi_terlihat(user).get(pk=pk)
    except Satker.DoesNotExist:
        raise Http404("Provinsi tidak ditemukan.") from None


def dokumen_ekspor(user: Pengguna, provinsi: Satker, tahun: int) -> QuerySet[Dokumen]:
    """Every version of every document of `tahun` of the provinsi and its Kabupaten/Kota that
    `user` may see, in the order they go into the ZIP."""
    return Dokumen.objects.filter(
        Q(satker=provinsi) | Q(satker__induk=provinsi),
        satker__in=satker_terlihat(user),
        tahun=tahun,
    ).order_by("satker__kode", "jenis", "versi", "pk")


def ekspor_terlihat(user: Pengguna) -> QuerySet[EksporBatch]:
    """The jobs `user` may follow and download: those of a provinsi they see whole (the
    provinsi and every one of its satker), as a reviewer of it or Admin RI does. Having asked
    for a job is not enough: a reviewer moved to another provinsi no longer reads the ZIP.

    "Whole", because a job's ZIP holds the documents of the provinsi's Kabupaten/Kota: seeing
    the provinsi's own record alone is not enough to read them.
    """
    if not user.is_authenticated:
        return EksporBatch.objects.none()
    terlihat = satker_terlihat(user)
    provinsi_utuh = terlihat.filter(tingkat=Tingkat.PROVINSI).exclude(
        anak__in=Satker.objects.exclude(pk__in=terlihat)
    )
    return EksporBatch.objects.filter(provinsi__in=provinsi_utuh)


def ekspor_ambil(user: Pengguna, pk: int) -> EksporBatch:
    """The job `pk` with its provinsi if `user` may see it; else 404."""
    try:
        return ekspor_terlihat(user).select_related("provinsi").get(pk=pk)
    except EksporBatch.DoesNotExist:
        raise Http404("Ekspor tidak ditemukan.") from None
