"""Reads for the people pages: a satker's accounts, waiting invitations and account history,
and the reviewers of every provinsi; a fixed number of queries whatever their size."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from akun.models import JejakAkun, StatusUndangan, Undangan
from satker.models import Peran, ProfilPengguna, Satker, Tingkat

RIWAYAT_DITAMPILKAN = 50


def _dengan_dua_faktor(profil: QuerySet[ProfilPengguna]) -> QuerySet[ProfilPengguna]:
    """Each account with `punya_dua_faktor`: a confirmed authenticator app (dua_faktor.aturan)."""
    app = TOTPDevice.objects.filter(user=OuterRef("user_id"), confirmed=True)
    return profil.select_related("user", "pejabat").annotate(punya_dua_faktor=Exists(app))


def akun_satker(satker: Satker) -> QuerySet[ProfilPengguna]:
    """The satker's accounts, active first, then by role and username."""
    return _dengan_dua_faktor(ProfilPengguna.objects.filter(satker=satker)).order_by(
        "-user__is_active", "peran", "user__username"
    )


def undangan_menunggu(satker: Satker) -> QuerySet[Undangan]:
    return Undangan.objects.filter(satker=satker, status=StatusUndangan.MENUNGGU).select_related(
        "diundang_oleh", "pejabat"
    )


def riwayat_akun(satker: Satker) -> list[JejakAkun]:
    return list(
        JejakAkun.objects.filter(satker=satker).select_related("oleh", "pengguna")[
            :RIWAYAT_DITAMPILKAN
        ]
    )


def profil_ambil(satker: Satker, user_id: int) -> ProfilPengguna:
    """The account `user_id` of `satker`, else 404 (another satker's account is not there)."""
    try:
        return ProfilPengguna.objects.select_related("user", "pejabat", "satker").get(
            satker=satker, user_id=user_id
        )
    except ProfilPengguna.DoesNotExist:
        raise Http404("Akun tidak ditemukan.") from None


def undangan_ambil(satker: Satker, pk: int) -> Undangan:
    try:
        return Undangan.objects.select_related("satker").get(satker=satker, pk=pk)
    except Undangan.DoesNotExist:
        raise Http404("Undangan tidak ditemukan.") from None


def reviewer_per_provinsi() -> QuerySet[Satker]:
    """Every KPU Provinsi with its reviewers (`daftar_reviewer`) and waiting reviewer
    invitations (`daftar_undangan`), by name: three queries."""
    reviewer = _dengan_dua_faktor(
        ProfilPengguna.objects.filter(peran=Peran.REVIEWER_PROVINSI)
    ).order_by("-user__is_active", "user__username")
    undangan = Undangan.objects.filter(
        peran=Peran.REVIEWER_PROVINSI, status=StatusUndangan.MENUNGGU
    )
    return (
        Satker.objects.filter(tingkat=Tingkat.PROVINSI)
        .order_by("nama")
        .prefetch_related(
            Prefetch("pengguna", queryset=reviewer, to_attr="daftar_reviewer"),
            Prefetch("undangan", queryset=undangan, to_attr="daftar_undangan"),
        )
    )
