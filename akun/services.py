"""Writes of accounts and invitations. Each checks the actor's right (akun.akses), refuses with
a ValidationError whose message the page shows, and records the change in `JejakAkun`; all or
nothing (`transaction.atomic`).

Choices made here:
- The account is created when the invitee accepts, with the username they choose (the
  address's local part is suggested): no inactive half-accounts, nothing to clean up when an
  invitation expires or is revoked.
- The link's token is 32 random bytes; only its SHA-256 is stored. It works for `BERLAKU`,
  once; re-sending makes a new token (the old link dies), revoking closes it.
- Addresses are unique across accounts and waiting invitations (case-insensitive). An inviter
  is told who holds an address only when that account or invitation is in a satker they may
  see; otherwise the answer is one fixed sentence, whatever the reason, and invitations are
  rate-limited per inviter (settings.UNDANGAN_BATAS). A stranger never types an address: the
  accept page knows it from the token.
- The email is sent inside the transaction: if it cannot be sent, nothing was invited.
- Guards: nobody deactivates or changes the role of their own account; a satker's last active
  Sekretaris (KPU RI's last Admin RI) stays until a successor is active; an official signs
  through one active account; Admin RI's role is taken away in the Django admin only.
"""

import datetime
import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from akun.akses import PERAN_PENGELOLA, pastikan_boleh_memberi
from akun.models import AksiAkun, JejakAkun, StatusUndangan, Undangan
from kpu_kinerja.surel import kirim_surel
from satker.akses import satker_terlihat
from satker.demo import grup_reviewer
from satker.models import Pejabat, Peran, ProfilPengguna, Satker

User = get_user_model()

BERLAKU = datetime.timedelta(days=7)

# Said to an inviter about an address outside what they may see: that it cannot be used,
# not whose it is or where (an invitation is not a way to look addresses up).
PESAN_SUREL_TIDAK_BISA = (
    "Alamat surel ini tidak dapat diundang. Bila orang ini memerlukan akun di satker Anda, "
    "hubungi Admin RI."
)
PESAN_SUREL_GAGAL = "Surel undangan tidak dapat dikirim; undangan tidak dibuat. Coba lagi nanti."


class TautanTidakBerlaku(Exception):
    """The invitation link is unknown, used, revoked or expired (one page for all four)."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token_baru() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def normalkan_surel(email: str) -> str:
    return email.strip().lower()


def _catat(
    *,
    satker: Satker,
    aksi: AksiAkun,
    oleh: AbstractBaseUser,
    ringkasan: str,
    pengguna: AbstractBaseUser | None = None,
    undangan: Undangan | None = None,
    sebelum: dict[str, Any] | None = None,
    sesudah: dict[str, Any] | None = None,
) -> JejakAkun:
    return JejakAkun.objects.create(
        satker=satker,
        aksi=aksi,
        oleh=oleh,
        pengguna=pengguna,
        undangan=undangan,
        ringkasan=ringkasan,
        sebelum=sebelum or {},
        sesudah=sesudah or {},
    )


def potret_akun(profil: ProfilPengguna) -> dict[str, Any]:
    """An account as the audit history keeps it: a snapshot, not a live join."""
    user = profil.user
    return {
        "username": user.get_username(),
        "email": user.email,
        "nama": user.get_full_name(),
        "peran": profil.get_peran_display(),
        "pejabat": profil.pejabat.nama if profil.pejabat else None,
        "aktif": user.is_active,
    }


def potret_undangan(undangan: Undangan) -> dict[str, Any]:
    return {
        "email": undangan.email,
        "nama": undangan.nama,
        "peran": undangan.get_peran_display(),
        "pejabat": undangan.pejabat.nama if undangan.pejabat else None,
        "status": undangan.get_status_display(),
        "kedaluwarsa": undangan.kedaluwarsa,
    }


def _pastikan_surel_bebas(*, oleh: AbstractBaseUser, email: str) -> None:
    """Refuse an address that an account or a waiting invitation already uses. Within the
    satker the inviter may see they are told by whom; outside, only that it cannot be used."""
    terlihat = satker_terlihat(oleh)
    pemilik = (
        ProfilPengguna.objects.filter(user__email__iexact=email)
        .select_related("user", "satker")
        .first()
    )
    if pemilik is not None and terlihat.filter(pk=pemilik.satker_id).exists():
        raise ValidationError(
            {
                "email": f"Alamat surel ini sudah dipakai akun {pemilik.user.get_username()} "
                f"({pemilik.get_peran_display()} {pemilik.satker})."
            }
        )
    if pemilik is not None or User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": PESAN_SUREL_TIDAK_BISA})
    menunggu = (
        Undangan.objects.filter(email__iexact=email, status=StatusUndangan.MENUNGGU)
        .select_related("satker")
        .first()
    )
    if menunggu is not None and terlihat.filter(pk=menunggu.satker_id).exists():
        raise ValidationError(
            {
                "email": f"Sudah ada undangan yang menunggu untuk alamat ini ({menunggu.satker}): "
                "kirim ulang atau cabut undangan itu."
            }
        )
    if menunggu is not None:
        raise ValidationError({"email": PESAN_SUREL_TIDAK_BISA})


def _pastikan_pejabat(
    *, satker: Satker, pejabat: Pejabat | None, kecuali: ProfilPengguna | None = None
) -> None:
    """An official is of the account's satker and signs through one active account only."""
    if pejabat is None:
        return
    if pejabat.satker_id != satker.pk:
        raise ValidationError({"pejabat": "Pejabat harus pejabat satker ini."})
    lain = ProfilPengguna.objects.filter(pejabat=pejabat, user__is_active=True)
    if kecuali is not None:
        lain = lain.exclude(pk=kecuali.pk)
    akun = lain.select_related("user").first()
    if akun is not None:
        raise ValidationError(
            {"pejabat": f"{pejabat.nama} sudah ditautkan ke akun {akun.user.get_username()}."}
        )


def _kirim(undangan: Undangan, token: str) -> None:
    """Send the link; a failure rolls the caller's transaction back (nothing half-applied)."""
    try:
        kirim_surel(
            ke=[undangan.email],
            nama="undangan",
            konteks={"undangan": undangan, "token": token},
        )
    except Exception as galat:  # SMTP refused, unreachable, timed out: the inviter is told
        raise ValidationError(PESAN_SUREL_GAGAL) from galat


@transaction.atomic
def undangan_buat(
    *,
    satker: Satker,
    oleh: AbstractBaseUser,
    email: str,
    nama: str,
    peran: str,
    pejabat: Pejabat | None = None,
) -> Undangan:
    """Invite `email` to an account with `peran` at `satker` and send the link by email."""
    pastikan_boleh_memberi(oleh, satker, peran)
    if not satker.aktif:
        raise ValidationError(f"{satker} nonaktif: tidak dapat mengundang akun baru.")
    email = normalkan_surel(email)
    _pastikan_surel_bebas(oleh=oleh, email=email)
    _pastikan_pejabat(satker=satker, pejabat=pejabat)
    token, token_hash = _token_baru()
    sekarang = timezone.now()
    undangan = Undangan(
        satker=satker,
        email=email,
        nama=nama.strip(),
        peran=peran,
        pejabat=pejabat,
        token_hash=token_hash,
        dikirim=sekarang,
        kedaluwarsa=sekarang + BERLAKU,
        diundang_oleh=oleh,
    )
    undangan.full_clean()
    try:
        with transaction.atomic():
            undangan.save()
    except IntegrityError:  # the same address invited at the same moment by someone else
        raise ValidationError({"email": PESAN_SUREL_TIDAK_BISA}) from None
    _catat(
        satker=satker,
        aksi=AksiAkun.UNDANG,
        oleh=oleh,
        undangan=undangan,
        ringkasan=f"Undangan untuk {email} sebagai {undangan.get_peran_display()}.",
        sesudah=potret_undangan(undangan),
    )
    _kirim(undangan, token)
    return undangan


def _undangan_terkunci(undangan: Undangan) -> Undangan:
    return (
        Undangan.objects.select_for_update(of=("self",))
        .select_related("satker", "pejabat")
        .get(pk=undangan.pk)
    )


@transaction.atomic
def undangan_kirim_ulang(*, undangan: Undangan, oleh: AbstractBaseUser) -> Undangan:
    """A new link, valid for another week; the old link stops working."""
    undangan = _undangan_terkunci(undangan)
    pastikan_boleh_memberi(oleh, undangan.satker, undangan.peran)
    if undangan.status != StatusUndangan.MENUNGGU:
        raise ValidationError(f"Undangan ini sudah {undangan.get_status_display().lower()}.")
    sebelum = potret_undangan(undangan)
    token, undangan.token_hash = _token_baru()
    undangan.dikirim = timezone.now()
    undangan.kedaluwarsa = undangan.dikirim + BERLAKU
    undangan.save(update_fields=["token_hash", "dikirim", "kedaluwarsa"])
    _catat(
        satker=undangan.satker,
        aksi=AksiAkun.KIRIM_ULANG,
        oleh=oleh,
        undangan=undangan,
        ringkasan=f"Undangan untuk {undangan.email} dikirim ulang; tautan lama tidak berlaku.",
        sebelum=sebelum,
        sesudah=potret_undangan(undangan),
    )
    _kirim(undangan, token)
    return undangan


@transaction.atomic
def undangan_cabut(*, undangan: Undangan, oleh: AbstractBaseUser) -> Undangan:
    undangan = _undangan_terkunci(undangan)
    pastikan_boleh_memberi(oleh, undangan.satker, undangan.peran)
    if undangan.status != StatusUndangan.MENUNGGU:
        raise ValidationError(f"Undangan ini sudah {undangan.get_status_display().lower()}.")
    sebelum = potret_undangan(undangan)
    undangan.status = StatusUndangan.DICABUT
    undangan.save(update_fields=["status"])
    _catat(
        satker=undangan.satker,
        aksi=AksiAkun.CABUT,
        oleh=oleh,
        undangan=undangan,
        ringkasan=f"Undangan untuk {undangan.email} dicabut.",
        sebelum=sebelum,
        sesudah=potret_undangan(undangan),
    )
    return undangan


def undangan_berlaku(token: str, *, kunci: bool = False) -> Undangan:
    """The waiting, unexpired invitation of `token`, else TautanTidakBerlaku."""
    if not token or len(token) > 100:
        raise TautanTidakBerlaku
    queryset = Undangan.objects.select_related("satker", "pejabat", "diundang_oleh")
    if kunci:
        queryset = queryset.select_for_update(of=("self",))
    undangan = queryset.filter(token_hash=hash_token(token)).first()
    if (
        undangan is None
        or undangan.status != StatusUndangan.MENUNGGU
        or undangan.kedaluwarsa <= timezone.now()
    ):
        raise TautanTidakBerlaku
    return undangan


def _atur_hak(user: AbstractBaseUser, peran: str) -> None:
    """The Django flags a role implies, as the demo accounts have them (satker/demo.py):
    reviewers read in the admin through their group, Admin RI is a superuser."""
    user.is_staff = peran in (Peran.REVIEWER_PROVINSI, Peran.ADMIN_RI)
    user.is_superuser = peran == Peran.ADMIN_RI
    user.save(update_fields=["is_staff", "is_superuser"])
    if peran == Peran.REVIEWER_PROVINSI:
        user.groups.add(grup_reviewer())
    else:
        user.groups.remove(*user.groups.filter(name=grup_reviewer().name))


@transaction.atomic
def undangan_terima(*, token: str, username: str, password: str) -> AbstractBaseUser:
    """Create the invitee's active account with `username` and `password` (already checked by
    Django's validators in the form) and close the invitation; once."""
    undangan = undangan_berlaku(token, kunci=True)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "Nama pengguna ini sudah dipakai. Pilih yang lain."})
    if User.objects.filter(email__iexact=undangan.email).exists():
        # Given to an account in the admin since the invitation was sent.
        raise ValidationError(
            "Alamat surel undangan ini sudah dipakai akun lain. Hubungi yang mengundang Anda."
        )
    try:
        _pastikan_pejabat(satker=undangan.satker, pejabat=undangan.pejabat)
    except ValidationError:
        raise ValidationError(
            "Pejabat pada undangan ini sudah ditautkan ke akun lain. "
            "Minta yang mengundang Anda mengirim undangan baru."
        ) from None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=username,
                email=undangan.email,
                password=password,
                first_name=undangan.nama,
            )
    except IntegrityError:  # the same username taken at the same moment
        raise ValidationError(
            {"username": "Nama pengguna ini sudah dipakai. Pilih yang lain."}
        ) from None
    _atur_hak(user, undangan.peran)
    profil = ProfilPengguna(
        user=user, satker=undangan.satker, peran=undangan.peran, pejabat=undangan.pejabat
    )
    profil.full_clean()
    profil.save()
    undangan.status = StatusUndangan.DITERIMA
    undangan.pengguna = user
    undangan.save(update_fields=["status", "pengguna"])
    _catat(
        satker=undangan.satker,
        aksi=AksiAkun.TERIMA,
        oleh=user,
        pengguna=user,
        undangan=undangan,
        ringkasan=f"Akun {username} ({undangan.email}) dibuat dari undangan.",
        sesudah=potret_akun(profil),
    )
    return user


def _pastikan_bukan_pengelola_terakhir(profil: ProfilPengguna, tindakan: str) -> None:
    """A satker keeps one active account that manages its accounts (its Sekretaris; Admin
    RI at KPU RI): a successor is invited before the last one leaves."""
    if profil.peran not in PERAN_PENGELOLA or not profil.user.is_active:
        return
    lain = ProfilPengguna.objects.filter(
        satker_id=profil.satker_id, peran=profil.peran, user__is_active=True
    ).exclude(pk=profil.pk)
    if not lain.exists():
        raise ValidationError(
            f"{profil.user.get_username()} adalah satu-satunya {profil.get_peran_display()} "
            f"aktif di {profil.satker}, sehingga tidak dapat {tindakan}. "
            "Undang penggantinya lebih dahulu."
        )


def _profil_terkunci(profil: ProfilPengguna) -> ProfilPengguna:
    return (
        ProfilPengguna.objects.select_for_update(of=("self",))
        .select_related("user", "satker", "pejabat")
        .get(pk=profil.pk)
    )


def _pastikan_bukan_diri(profil: ProfilPengguna, oleh: AbstractBaseUser, tindakan: str) -> None:
    if profil.user_id == oleh.pk:
        raise ValidationError(f"Anda tidak dapat {tindakan} akun Anda sendiri.")


@transaction.atomic
def akun_nonaktifkan(*, profil: ProfilPengguna, oleh: AbstractBaseUser) -> ProfilPengguna:
    """Deactivate (never delete: documents and history point at the account). Its sessions end
    with it: the backend refuses an inactive user on the next request."""
    profil = _profil_terkunci(profil)
    pastikan_boleh_memberi(oleh, profil.satker, profil.peran)
    _pastikan_bukan_diri(profil, oleh, "menonaktifkan")
    if not profil.user.is_active:
        raise ValidationError("Akun ini sudah nonaktif.")
    _pastikan_bukan_pengelola_terakhir(profil, "dinonaktifkan")
    sebelum = potret_akun(profil)
    profil.user.is_active = False
    profil.user.save(update_fields=["is_active"])
    _catat(
        satker=profil.satker,
        aksi=AksiAkun.NONAKTIF,
        oleh=oleh,
        pengguna=profil.user,
        ringkasan=f"Akun {profil.user.get_username()} dinonaktifkan.",
        sebelum=sebelum,
        sesudah=potret_akun(profil),
    )
    return profil


@transaction.atomic
def akun_aktifkan(*, profil: ProfilPengguna, oleh: AbstractBaseUser) -> ProfilPengguna:
    profil = _profil_terkunci(profil)
    pastikan_boleh_memberi(oleh, profil.satker, profil.peran)
    if profil.user.is_active:
        raise ValidationError("Akun ini sudah aktif.")
    try:
        _pastikan_pejabat(satker=profil.satker, pejabat=profil.pejabat, kecuali=profil)
    except ValidationError as galat:
        raise ValidationError(
            f"{galat.message_dict['pejabat'][0]} Lepaskan tautan pejabat itu lebih dahulu."
        ) from None
    sebelum = potret_akun(profil)
    profil.user.is_active = True
    profil.user.save(update_fields=["is_active"])
    _catat(
        satker=profil.satker,
        aksi=AksiAkun.AKTIFKAN,
        oleh=oleh,
        pengguna=profil.user,
        ringkasan=f"Akun {profil.user.get_username()} diaktifkan kembali.",
        sebelum=sebelum,
        sesudah=potret_akun(profil),
    )
    return profil


@transaction.atomic
def akun_ubah(
    *, profil: ProfilPengguna, oleh: AbstractBaseUser, peran: str, pejabat: Pejabat | None
) -> ProfilPengguna:
    """Change an account's role and the official it signs for."""
    profil = _profil_terkunci(profil)
    pastikan_boleh_memberi(oleh, profil.satker, profil.peran)
    pastikan_boleh_memberi(oleh, profil.satker, peran)
    if peran != profil.peran:
        _pastikan_bukan_diri(profil, oleh, "mengubah peran")
        if profil.peran == Peran.ADMIN_RI or profil.user.is_superuser:
            raise ValidationError("Peran Admin RI diubah melalui admin Django.")
        _pastikan_bukan_pengelola_terakhir(profil, "diganti perannya")
    _pastikan_pejabat(satker=profil.satker, pejabat=pejabat, kecuali=profil)
    sebelum = potret_akun(profil)
    if peran == profil.peran and pejabat == profil.pejabat:
        return profil
    profil.peran = peran
    profil.pejabat = pejabat
    profil.full_clean()
    profil.save(update_fields=["peran", "pejabat"])
    _atur_hak(profil.user, peran)
    sesudah = potret_akun(profil)
    berubah = ", ".join(k for k in sesudah if sesudah[k] != sebelum[k])
    _catat(
        satker=profil.satker,
        aksi=AksiAkun.UBAH,
        oleh=oleh,
        pengguna=profil.user,
        ringkasan=f"Akun {profil.user.get_username()} diubah ({berubah}).",
        sebelum=sebelum,
        sesudah=sesudah,
    )
    return profil
