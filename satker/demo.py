"""Demo accounts for local use: one per role, all with the same known password."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from satker.models import Jabatan, Pejabat, Peran, ProfilPengguna, Satker, Tingkat

PASSWORD_DEMO = "demo12345"


@dataclass(frozen=True)
class AkunDemo:
    username: str
    peran: str
    satker: str


def _akun(username: str, satker: Satker, peran: Peran, *, superuser: bool = False) -> AkunDemo:
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=username)
    user.is_superuser = superuser
    user.is_staff = superuser
    user.set_password(PASSWORD_DEMO)
    user.save()
    pejabat = None
    if peran in (Peran.KETUA, Peran.SEKRETARIS):
        pejabat = Pejabat.objects.filter(satker=satker, jabatan=Jabatan(peran.value)).first()
    ProfilPengguna.objects.update_or_create(
        user=user, defaults={"satker": satker, "peran": peran, "pejabat": pejabat}
    )
    return AkunDemo(username, peran.label, satker.nama)


@transaction.atomic
def buat_akun_demo() -> list[AkunDemo]:
    """Create or reset admin.ri, a reviewer per provinsi and three accounts per kab/kota."""
    akun = [
        _akun("admin.ri", Satker.objects.get(tingkat=Tingkat.RI), Peran.ADMIN_RI, superuser=True)
    ]
    for provinsi in Satker.objects.filter(tingkat=Tingkat.PROVINSI).order_by("kode"):
        nama = provinsi.kode.removeprefix("prov-")
        akun.append(_akun(f"reviewer.{nama}", provinsi, Peran.REVIEWER_PROVINSI))
    for satker in Satker.objects.filter(tingkat=Tingkat.KABKOTA).order_by("kode"):
        akun.append(_akun(f"operator.{satker.kode}", satker, Peran.OPERATOR))
        akun.append(_akun(f"ketua.{satker.kode}", satker, Peran.KETUA))
        akun.append(_akun(f"sekretaris.{satker.kode}", satker, Peran.SEKRETARIS))
    return akun
