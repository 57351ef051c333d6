"""System checks of the project's own settings, run at start-up (runserver, migrate, `manage.py
check`); registered in KpuKinerjaConfig.ready()."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Warning
from django.http.request import validate_host

# Addresses only this machine reaches: a QR code holding one is dead on every other device.
HOST_LOKAL = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}  # noqa: S104 (names, not a bind)
AKIBAT = (
    "Setiap PDF yang ditandatangani memuat alamat verifikasi dari SITE_URL selamanya, dan "
    "halaman tanda tangan menolak menandatangani selama SITE_URL bukan alamat yang dibuka."
)


def periksa_site_url(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Outside DEBUG, SITE_URL must be the site's public address (http or https, a host
    others reach, one of ALLOWED_HOSTS)."""
    if settings.DEBUG:
        return []
    situs = settings.SITE_URL
    bagian = urlsplit(situs)
    host = (bagian.hostname or "").lower()
    if not situs or bagian.scheme not in ("http", "https") or not host or host in HOST_LOKAL:
        return [
            Warning(
                f"SITE_URL belum diatur ke alamat publik situs (sekarang {situs!r}).",
                hint=f"Atur SITE_URL, mis. https://kinerja.kpu.go.id. {AKIBAT}",
                id="kpu_kinerja.W001",
            )
        ]
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return [
            Warning(
                f"Host SITE_URL {host!r} tidak termasuk ALLOWED_HOSTS.",
                hint=f"Samakan SITE_URL dengan alamat situs yang dilayani. {AKIBAT}",
                id="kpu_kinerja.W002",
            )
        ]
    return []


def periksa_surel(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Outside DEBUG, EMAIL_URL must say how mail leaves (a password reset is sent by email)
    and DEFAULT_FROM_EMAIL who sends it."""
    if settings.DEBUG:
        return []
    hasil: list[CheckMessage] = []
    if not getattr(settings, "EMAIL_URL", ""):
        hasil.append(
            Warning(
                "EMAIL_URL belum diatur: tidak ada surel yang terkirim, termasuk tautan atur "
                "ulang kata sandi.",
                hint="Atur EMAIL_URL, mis. smtp://pengguna:sandi@mail.kpu.go.id:587?tls=1.",
                id="kpu_kinerja.W003",
            )
        )
    elif settings.DEFAULT_FROM_EMAIL.endswith("@localhost") or not settings.DEFAULT_FROM_EMAIL:
        hasil.append(
            Warning(
                f"DEFAULT_FROM_EMAIL belum diatur (sekarang {settings.DEFAULT_FROM_EMAIL!r}).",
                hint="Atur DEFAULT_FROM_EMAIL, mis. “SAKIP KPU <noreply@kpu.go.id>”: surel dari "
                "alamat localhost ditolak atau masuk spam.",
                id="kpu_kinerja.W004",
            )
        )
    return hasil
