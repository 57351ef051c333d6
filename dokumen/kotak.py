"""Where the signature block landed in a rendered PDF: shared by rendering and signing."""

from dataclasses import dataclass

ID_KOTAK_TTD = "kotak-ttd"  # the first party's box; a further party's is "kotak-ttd-<urutan>"


def id_kotak(urutan: int) -> str:
    """The HTML id of the signature box of the party signing `urutan`-th."""
    return ID_KOTAK_TTD if urutan == 1 else f"{ID_KOTAK_TTD}-{urutan}"


@dataclass(frozen=True)
class KotakTtd:
    """A rectangle on one page, in PDF points with the origin at the bottom-left (as pyHanko
    expects). `halaman` is the 0-based page index."""

    halaman: int
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (round(self.x1), round(self.y1), round(self.x2), round(self.y2))


@dataclass(frozen=True)
class HasilRender:
    pdf: bytes
    jumlah_halaman: int
    # Every signing party's box, in signing order; None where a party has nobody to sign yet.
    kotak_pihak: tuple[KotakTtd | None, ...]

    @property
    def kotak_ttd(self) -> KotakTtd | None:
        """The first party's box; None when it has no signatory to sign."""
        return self.kotak_pihak[0] if self.kotak_pihak else None
