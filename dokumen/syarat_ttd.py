"""What must hold, beyond the workflow's rules, before a person signs: the site's address is the
one the request came to, and the signatory gave their password again. The signing page and the
API's `terbitkan` ask the same."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest

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
