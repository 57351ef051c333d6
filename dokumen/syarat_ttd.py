"""What must hold, beyond the workflow's rules, before a person signs: the site's address is the
one the request came to, and the signatory gave their password again. The signing page and the
API's `terbitkan` ask the same. And what is worth a second look, though it refuses nothing: a
signing date long past."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils import timezone

from dokumen.models import Dokumen
from dokumen.selectors import tanggal_ttd_tertulis

PORT_BAWAAN = {"http": 80, "https": 443}
PESAN_SANDI_SALAH = "Kata sandi salah. Dokumen belum ditandatangani."


def _alamat(url: str) -> tuple[str, str, int | None]:
    bagian = urlsplit(url)
    skema = bagian.scheme.lower()
    return skema, (bagian.hostname or "").lower(), bagian.port or PORT_BAWAAN.get(skema)


def masalah_alamat(request: HttpRequest) -> str:
    """Why signing from this request must wait, or "": the QR code and footer print
    `settings.SITE_URL` for ever, so it must be the address this request came to."""
    datang = request.build_absolute_uri("/").rstrip("/")
    situs = settings.SITE_URL.rstrip("/")
    if situs and _alamat(situs) == _alamat(datang):
        return ""
    return (
        f"Alamat situs untuk QR Code dan verifikasi (SITE_URL) adalah {situs or '(kosong)'}, "
        f"sedangkan halaman ini dibuka di {datang}. Dokumen yang ditandatangani sekarang akan "
        "selamanya memuat alamat verifikasi yang salah, jadi penandatanganan ditolak. Minta "
        "Admin RI mengatur SITE_URL ke alamat situs ini."
    )


def sandi_benar(request: HttpRequest, password: str) -> bool:
    """Whether `password` is the signed-in user's, checked by Django's authentication as at
    login, so a wrong one counts toward the same lockout (django-axes, on this username and
    address)."""
    user = request.user
    hasil = authenticate(request, username=user.get_username(), password=password)
    return hasil is not None and hasil.pk == user.pk


HARI_TANGGAL_LEWAT = 60  # a signing date further back than this is probably last year's copy


def peringatan_tanggal(dokumen: Dokumen, hari: datetime.date | None = None) -> str:
    """A warning, or "", when the document's signing date (printed above the signatures) is
    more than `HARI_TANGGAL_LEWAT` days before `hari` (today)."""
    hari = hari or timezone.localdate()
    if dokumen.tanggal_ttd is None or (hari - dokumen.tanggal_ttd).days <= HARI_TANGGAL_LEWAT:
        return ""
    return (
        f"Tanggal penandatanganan {tanggal_ttd_tertulis(dokumen)} sudah lewat "
        f"{(hari - dokumen.tanggal_ttd).days} hari dan akan tercetak pada dokumen; periksa "
        "kembali. Bila keliru, dokumen perlu dikembalikan ke draf (oleh Ketua atau reviewer "
        "provinsi) untuk memperbaiki tanggalnya."
    )
