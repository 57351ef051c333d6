"""The authentication backend of settings: satker's per-request user read, with the bell's
unread count as a subquery of that same read, so the navbar costs no query of its own."""

from notifikasi.selectors import dengan_belum_dibaca
from satker.backends import BackendPengguna


class BackendPenggunaLonceng(BackendPengguna):
    def akun(self):
        return dengan_belum_dibaca(super().akun())
