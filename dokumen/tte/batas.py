"""The bounded check's caps: how much of an uploaded PDF is looked at before refusing it."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class BatasPeriksa:
    """How much of a PDF the check looks at before refusing it unchecked (issue 10).

    A crafted file listing one signature field 10,000 times made pyHanko validate it 10,000
    times; these caps are counted cheaply from the cross-reference tables and the form tree
    before any signature is validated. Our own PDFs have one signature per signing party (1 or
    2), one revision more than signatures, one field per signature and a few hundred objects.
    """

    tanda_tangan: int = 10
    field: int = 200
    objek: int = 50_000
    revisi: int = 20

    @classmethod
    def dari_settings(cls) -> BatasPeriksa:
        return cls(
            tanda_tangan=settings.VERIFIKASI_MAKS_TANDA_TANGAN,
            field=settings.VERIFIKASI_MAKS_FIELD,
            objek=settings.VERIFIKASI_MAKS_OBJEK,
            revisi=settings.VERIFIKASI_MAKS_REVISI,
        )


class BerkasTerlaluRumit(Exception):
    """The PDF exceeds a `BatasPeriksa` cap; the message (Indonesian) says which."""


def ukur_berkas(reader, batas: BatasPeriksa) -> None:
    """Count revisions, objects and form fields without validating anything; raise
    `BerkasTerlaluRumit` past a cap. Each field node counts once per time it is listed, so a
    field listed 10,000 times counts 10,000."""
    from pyhanko.pdf_utils import generic

    xrefs = reader.xrefs
    if xrefs.total_revisions > batas.revisi:
        raise BerkasTerlaluRumit(
            f"Berkas memuat {xrefs.total_revisions} revisi; paling banyak {batas.revisi}."
        )
    objek = sum(len(xrefs.explicit_refs_in_revision(r)) for r in range(xrefs.total_revisions))
    if objek > batas.objek:
        raise BerkasTerlaluRumit(f"Berkas memuat {objek} objek; paling banyak {batas.objek}.")
    form = reader.root.get("/AcroForm")
    if form is None:
        return
    antrean: list = []
    dilihat = 0

    def tambah(daftar) -> None:
        # Lengths first: a /Fields of a million entries is refused before it is walked.
        nonlocal dilihat
        if not isinstance(daftar, generic.ArrayObject):
            return
        dilihat += len(daftar)
        if dilihat > batas.field:
            raise BerkasTerlaluRumit(
                f"Berkas memuat lebih dari {batas.field} isian formulir (field)."
            )
        antrean.extend(daftar.raw_get(i) for i in range(len(daftar)))

    tambah(form.get_object().get("/Fields"))
    while antrean:
        simpul = antrean.pop().get_object()
        if isinstance(simpul, generic.DictionaryObject):
            tambah(simpul.get("/Kids"))
