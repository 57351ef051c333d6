"""Who may manage whose accounts, on top of the one access rule (satker/akses.py).

- Admin RI (and superusers) manage every satker's accounts and give any role that fits the
  satker's level: Admin RI at KPU RI, Reviewer Provinsi at a KPU Provinsi.
- A satker's Sekretaris manages its own staff accounts: Operator, Ketua, Sekretaris.
- Nobody else does. A KPU Provinsi's Sekretaris and reviewers do not manage their
  Kabupaten/Kota's accounts: reviewers only read (satker.akses.PERAN_PENULIS), and a new
  Kabupaten/Kota without a Sekretaris yet is started by Admin RI, who invites its Sekretaris.

A satker the user may not see is a 404 (satker_terlihat); one they see but may not manage, 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from satker.akses import Pengguna, adalah_admin_ri, profil_pengguna, satker_terlihat
from satker.models import Peran, Satker, Tingkat

PERAN_STAF = (Peran.OPERATOR, Peran.KETUA, Peran.SEKRETARIS)
PERAN_PER_TINGKAT = {
    Tingkat.RI: (Peran.ADMIN_RI, *PERAN_STAF),
    Tingkat.PROVINSI: (Peran.REVIEWER_PROVINSI, *PERAN_STAF),
    Tingkat.KABKOTA: PERAN_STAF,
}
# The role that manages a satker's accounts: its last active holder is never removed.
PERAN_PENGELOLA = frozenset({Peran.SEKRETARIS, Peran.ADMIN_RI})


def peran_boleh_diberi(user: Pengguna, satker: Satker) -> tuple[Peran, ...]:
    """The roles `user` may give (or take away) at `satker`; empty when they manage nothing."""
    if adalah_admin_ri(user):
        return PERAN_PER_TINGKAT[satker.tingkat]
    profil = profil_pengguna(user)
    if profil is not None and profil.peran == Peran.SEKRETARIS and profil.satker_id == satker.pk:
        return PERAN_STAF
    return ()


def boleh_kelola_akun(user: Pengguna, satker: Satker) -> bool:
    return bool(peran_boleh_diberi(user, satker))


def satker_kelola(user: Pengguna, kode: str) -> Satker:
    """The satker `kode` whose accounts `user` manages: 404 if unseen, 403 if only read."""
    try:
        satker = satker_terlihat(user).select_related("induk").get(kode=kode)
    except Satker.DoesNotExist:
        raise Http404("Satker tidak ditemukan.") from None
    if not boleh_kelola_akun(user, satker):
        raise PermissionDenied("Peran Anda tidak berhak mengelola akun satker ini.")
    return satker


def pastikan_boleh_memberi(user: Pengguna, satker: Satker, peran: str) -> None:
    if peran not in peran_boleh_diberi(user, satker):
        raise PermissionDenied("Peran Anda tidak berhak mengelola akun dengan peran ini.")


def pastikan_admin_ri(user: Pengguna) -> None:
    if not adalah_admin_ri(user):
        raise PermissionDenied("Hanya Admin RI yang dapat mengelola reviewer provinsi.")
