"""Review notes: a provinsi reviewer writes, the satker's staff answer and resolve."""

from django.db import transaction
from django.utils import timezone

from dokumen.alur import TidakBerhak
from dokumen.baris import data_baris
from dokumen.models import CatatanReviu, Dokumen
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


def pilihan_bagian(dokumen: Dokumen) -> list[str]:
    """Labels of the document's rows, as a reviewer picks one ("" is the whole document)."""
    return dokumen.jenis_terdaftar.label_bagian(data_baris(dokumen))


def catatan_tambah(*, dokumen: Dokumen, user: Pengguna, isi: str, bagian: str = "") -> CatatanReviu:
    if not boleh_mereviu(user, dokumen):
        raise TidakBerhak("Hanya reviewer provinsi yang dapat menulis catatan reviu.")
    isi = isi.strip()
    if not isi:
        raise CatatanTidakValid("Tulis isi catatan.")
    if bagian and bagian not in pilihan_bagian(dokumen):
        raise CatatanTidakValid("Baris yang dipilih tidak ada di dokumen ini.")
    catatan = CatatanReviu(dokumen=dokumen, bagian=bagian, isi=isi, oleh=user)
    catatan.full_clean()
    catatan.save()
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
    return catatan


def catatan_dokumen(dokumen: Dokumen) -> list[CatatanReviu]:
    """Open notes first, each with its author and answerer."""
    return list(
        dokumen.catatan_reviu.select_related("oleh", "dijawab_oleh").order_by(
            "selesai", "dibuat", "pk"
        )
    )
