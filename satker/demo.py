"""Demo accounts for local use: one per role, all with the same known password."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from satker.models import Jabatan, Pejabat, Peran, ProfilPengguna, Satker, Tingkat

PASSWORD_DEMO = "demo12345"

GRUP_REVIEWER = "Reviewer Provinsi"
# The apps whose data a reviewer reads in the admin; user profiles stay out of reach.
APP_REVIEWER = ("satker", "dokumen", "indikator", "rencana_aksi", "pengukuran", "ekspor")
TANPA_IZIN_REVIEWER = ("view_profilpengguna",)


@dataclass(frozen=True)
class AkunDemo:
    username: str
    peran: str
    satker: str


def grup_reviewer() -> Group:
    """The "Reviewer Provinsi" group: view permissions only, reset on every call."""
    grup, _ = Group.objects.get_or_create(name=GRUP_REVIEWER)
    izin = Permission.objects.filter(
        content_type__app_label__in=APP_REVIEWER, codename__startswith="view_"
    ).exclude(codename__in=TANPA_IZIN_REVIEWER)
    grup.permissions.set(izin)
    return grup


def _akun(
    username: str,
    satker: Satker,
    peran: Peran,
    *,
    grup: Group,
    superuser: bool = False,
) -> AkunDemo:
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=username)
    reviewer = peran == Peran.REVIEWER_PROVINSI
    user.is_superuser = superuser
    user.is_staff = superuser or reviewer  # reviewers read in the admin; others use the site
    user.set_password(PASSWORD_DEMO)
    user.save()
    if reviewer:
        user.groups.add(grup)
    else:
        user.groups.remove(grup)
    pejabat = None
    if peran in (Peran.KETUA, Peran.SEKRETARIS):
        pejabat = Pejabat.objects.filter(satker=satker, jabatan=Jabatan(peran.value)).first()
    ProfilPengguna.objects.update_or_create(
        user=user, defaults={"satker": satker, "peran": peran, "pejabat": pejabat}
    )
    return AkunDemo(username, peran.label, satker.nama)


@transaction.atomic
def buat_akun_demo() -> list[AkunDemo]:
    """Create or reset admin.ri, a reviewer per provinsi and three accounts per kab/kota.

    Reviewers are staff in the "Reviewer Provinsi" group (view permissions only); the admin
    scopes what they see through satker.akses.
    """
    grup = grup_reviewer()
    ri = Satker.objects.get(tingkat=Tingkat.RI)
    akun = [_akun("admin.ri", ri, Peran.ADMIN_RI, grup=grup, superuser=True)]
    for provinsi in Satker.objects.filter(tingkat=Tingkat.PROVINSI).order_by("kode"):
        nama = provinsi.kode.removeprefix("prov-")
        akun.append(_akun(f"reviewer.{nama}", provinsi, Peran.REVIEWER_PROVINSI, grup=grup))
    for satker in Satker.objects.filter(tingkat=Tingkat.KABKOTA).order_by("kode"):
        for peran in (Peran.OPERATOR, Peran.KETUA, Peran.SEKRETARIS):
            akun.append(_akun(f"{peran.value.lower()}.{satker.kode}", satker, peran, grup=grup))
    return akun
