"""Where the signature block landed in a rendered PDF: shared by rendering and signing."""

from dataclasses import dataclass


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
    kotak_ttd: KotakTtd | None  # the first party's; None when it has no signatory to sign
    jumlah_halaman: int
    # Every signing party's box, in signing order (the first is `kotak_ttd`); None where a
    # party has nobody to sign yet.
    kotak_pihak: tuple[KotakTtd | None, ...] = ()
