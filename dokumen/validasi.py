"""Checks that what is stored reads back as it was typed, shared by the forms and the API.

A right-to-left override or a zero-width character makes "58%" look like "85%" (or hides text);
digits of other scripts ("١٢٣٤") read as a number nobody typed in 0–9. Both are refused with
a message instead of being stored.
"""

import unicodedata

from django.core.exceptions import ValidationError

from dokumen.target import baca_target

# Control (Cc), format (Cf: bidi overrides, zero-width), private-use (Co), surrogate (Cs),
# line/paragraph separators: invisible, or not what the page shows.
_KATEGORI_TERSEMBUNYI = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
_SPASI_BIASA = frozenset("\n\r\t")

PESAN_ANGKA_ASCII = "Tulis angka dengan angka 0–9."


def tolak_karakter_tersembunyi(teks: str) -> None:
    """Refuse invisible and direction-changing characters (line breaks and tabs are fine)."""
    for huruf in str(teks):
        if huruf not in _SPASI_BIASA and unicodedata.category(huruf) in _KATEGORI_TERSEMBUNYI:
            raise ValidationError(
                f"Hapus karakter tersembunyi U+{ord(huruf):04X} (mis. pengatur arah teks atau "
                "spasi tak terlihat): isian harus terbaca persis seperti yang diketik.",
                code="karakter_tersembunyi",
            )


def tolak_angka_non_ascii(teks: str) -> None:
    """Refuse digits of other scripts ("١٢٣٤", "８５"): numbers are written with 0–9."""
    if any(huruf.isdigit() and not huruf.isascii() for huruf in str(teks)):
        raise ValidationError(PESAN_ANGKA_ASCII, code="angka_non_ascii")


def periksa_target(teks: str) -> None:
    """A target is stored as typed; its number, when it has one, must fit where it is kept."""
    tolak_angka_non_ascii(teks)
    galat = baca_target(teks).galat
    if galat:
        raise ValidationError(galat, code="target_terlalu_panjang")


# The largest anggaran stored (exclusive): Rp1 kuadriliun, far above any satker budget, so a
# typo's extra digits are caught. The RAK's and the PK's budgets share it.
ANGGARAN_MAKSIMUM = 10**15
