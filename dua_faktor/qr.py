"""The authenticator app's set-up QR code as inline SVG (no image file, no external service)."""

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe


def qr_svg(isi: str) -> SafeString:
    gambar = qrcode.make(isi, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = gambar.to_string(encoding="unicode")
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308 — made by qrcode from our own URL
