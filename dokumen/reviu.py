"""Review notes: a provinsi reviewer writes, the satker's staff answer and resolve.

A note on a row names it by the row's key (dokumen.baris), so it follows the row through saves
that reorder rows, and keeps the row's label from when it was written for when the row is gone.
"""

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from dokumen.alur import TidakBerhak
from dokumen.baris import data_baris
from dokumen.jenis import TabelTambahan
from dokumen.models import CatatanReviu, Dokumen
from dokumen.sinyal import catatan_reviu, kirim_setelah_commit
from satker.akses import Pengguna, boleh_menulis, profil_pengguna
from satker.models import Peran


class CatatanTidakValid(Exception):
    """The note or answer cannot be saved as given; the message says why."""


def boleh_mereviu(user: Pengguna, dokumen: Dokumen) -> bool:
    """The reviewer of the document's provinsi, or Admin RI."""
    if user.is_superuser:
        return True
    profil = profil_pengguna(user)
    if profil is None:
        return False
    if profil.peran == Peran.ADMIN_RI:
        return True
    return profil.peran == Peran.REVIEWER_PROVINSI and profil.satker_id == dokumen.satker.induk_id


def label_tambahan(tabel: TabelTambahan, baris: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The rows of a table beside the rows as a reviewer picks one: by the table's own labels,
    else "Program dan anggaran, baris 2"."""
    if tabel.label_bagian is not None:
        return tabel.label_bagian(baris)
    return [
        (row["kunci"], f"{tabel.label}, baris {n}"[:300]) for n, row in enumerate(baris, start=1)
    ]


def pilihan_bagian(dokumen: Dokumen) -> list[tuple[str, str]]:
    """The document's rows as a reviewer picks one, then those of each table beside them (a
    PK's programs): (kunci, label) pairs, labels numbered as the rows stand now (no key is the
    whole document)."""
    terdaftar = dokumen.jenis_terdaftar
    pilihan = terdaftar.label_bagian(data_baris(dokumen))
    for tabel in terdaftar.tambahan:
        pilihan += label_tambahan(tabel, tabel.baca(dokumen))
    return pilihan


def catatan_tambah(
    *,
    dokumen: Dokumen,
    user: Pengguna,
    isi: str,
    kunci_bagian: uuid.UUID | str | None = None,
) -> CatatanReviu:
    """A reviewer's note on the document, or on the row whose key is `kunci_bagian`; the note
    keeps the row's label as it is now (`bagian`), shown should the row be deleted."""
    if not boleh_mereviu(user, dokumen):
        raise TidakBerhak("Hanya reviewer provinsi yang dapat menulis catatan reviu.")
    isi = isi.strip()
    if not isi:
        raise CatatanTidakValid("Tulis isi catatan.")
    bagian = ""
    if kunci_bagian:
        kunci_bagian = str(kunci_bagian)
        label = dict(pilihan_bagian(dokumen)).get(kunci_bagian)
        if label is None:
            raise CatatanTidakValid("Baris yang dipilih tidak ada di dokumen ini.")
        bagian = label
    catatan = CatatanReviu(
        dokumen=dokumen, kunci_bagian=kunci_bagian or None, bagian=bagian, isi=isi, oleh=user
    )
    catatan.full_clean()
    catatan.save()
    kirim_setelah_commit(
        catatan_reviu, CatatanReviu, catatan_pk=catatan.pk, oleh=user, jawaban=False
    )
    return catatan


@transaction.atomic
def catatan_jawab(
    *, catatan: CatatanReviu, user: Pengguna, jawaban: str, selesai: bool
) -> CatatanReviu:
    """The satker's answer; marking it resolved closes the note (the reviewer still sees it)."""
    if not boleh_menulis(user, catatan.dokumen.satker):
        raise TidakBerhak("Hanya staf satker yang dapat menjawab catatan reviu.")
    jawaban = jawaban.strip()
    if not jawaban and not selesai:
        raise CatatanTidakValid("Tulis jawaban, atau tandai catatan selesai.")
    if jawaban:
        catatan.jawaban = jawaban
        catatan.dijawab_oleh = user
        catatan.dijawab_pada = timezone.now()
    catatan.selesai = selesai
    catatan.full_clean()
    catatan.save()
    if jawaban:
        kirim_setelah_commit(
            catatan_reviu, CatatanReviu, catatan_pk=catatan.pk, oleh=user, jawaban=True
        )
    return catatan


def catatan_dokumen(
    dokumen: Dokumen, pilihan: list[tuple[str, str]] | None = None
) -> list[CatatanReviu]:
    """Open notes first, each with its author and answerer, and what to show for its row:
    `bagian_tampil`, the row's label now (it follows the row through saves that move it), or
    the label the note kept when the row is gone (`bagian_terhapus`).

    The rows are read once for all notes, only when a note names one; `pilihan`, the
    document's `pilihan_bagian` when the caller has it, saves that read.
    """
    semua = list(
        dokumen.catatan_reviu.select_related("oleh", "dijawab_oleh").order_by(
            "selesai", "dibuat", "pk"
        )
    )
    label: dict[str, str] = {}
    if any(c.kunci_bagian for c in semua):
        label = dict(pilihan if pilihan is not None else pilihan_bagian(dokumen))
    for catatan in semua:
        sekarang = label.get(str(catatan.kunci_bagian)) if catatan.kunci_bagian else None
        # A note from before rows had keys has only its label; it is shown as it was.
        catatan.bagian_terhapus = bool(catatan.kunci_bagian) and sekarang is None
        catatan.bagian_tampil = sekarang or catatan.bagian
    return semua
