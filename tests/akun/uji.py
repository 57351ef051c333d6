"""Helpers of the account tests: sending an invitation through the page, and the link a
message carries."""

import re

from django.urls import reverse

TAUTAN = re.compile(r"https://kinerja\.kpu\.go\.id(/akun/undangan/[^/\s]+/)")
SANDI = "Rangkasbitung-2024!"


def undang(client, kode: str, **data):
    isian = {"email": "baru@kpu-lebak.go.id", "nama": "Siti Aminah", "peran": "OPERATOR"}
    return client.post(reverse("akun:undang", args=[kode]), isian | data)


def tautan(pesan) -> str:
    """The path of the invitation link in a received message's text."""
    teks = pesan.get_body(preferencelist=("plain",)).get_content()
    cocok = TAUTAN.search(teks)
    assert cocok, teks
    return cocok.group(1)


def terima(client, jalur: str, username: str = "siti.aminah", sandi: str = SANDI, ulang=None):
    return client.post(
        jalur, {"username": username, "password1": sandi, "password2": ulang or sandi}
    )
