"""Demo accounts for the national dataset, in bulk: operators of kab/kota, reviewers of provinsi.

Same naming and password as `satker.demo` (operator.<kode>, reviewer.<provinsi>, demo12345),
for local use and load testing only: the command refuses to make them when DEBUG is off.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from satker.demo import PASSWORD_DEMO
from satker.models import Peran, ProfilPengguna, Satker

GRUP_REVIEWER = "Reviewer Provinsi"
UKURAN_BATCH = 2_000


def akun_nasional_buat(*, provinsi: Iterable[Satker], kabkota: Iterable[Satker]) -> int:
    """Create the accounts whose username is still free; return how many were created.

    One password hash, computed once, serves every account (hashing 550 passwords one by one
    would take minutes). Reviewers join the "Reviewer Provinsi" group, and become staff to use
    it, when that group exists.
    """
    rencana = {
        f"reviewer.{p.kode.removeprefix('prov-')}": (p, Peran.REVIEWER_PROVINSI) for p in provinsi
    }
    rencana |= {f"operator.{k.kode}": (k, Peran.OPERATOR) for k in kabkota}
    user_model = get_user_model()
    ada = set(user_model.objects.filter(username__in=rencana).values_list("username", flat=True))
    baru = {nama: isi for nama, isi in rencana.items() if nama not in ada}
    if not baru:
        return 0
    grup = Group.objects.filter(name=GRUP_REVIEWER).first()
    sandi = make_password(PASSWORD_DEMO)
    users = [
        user_model(
            username=nama,
            password=sandi,
            is_staff=grup is not None and peran == Peran.REVIEWER_PROVINSI,
        )
        for nama, (_, peran) in baru.items()
    ]
    users = user_model.objects.bulk_create(users, batch_size=UKURAN_BATCH)
    ProfilPengguna.objects.bulk_create(
        [
            ProfilPengguna(user_id=user.pk, satker_id=satker.pk, peran=peran)
            for user, (satker, peran) in zip(users, baru.values(), strict=True)
        ],
        batch_size=UKURAN_BATCH,
    )
    if grup is not None:
        keanggotaan = user_model.groups.through
        keanggotaan.objects.bulk_create(
            [
                keanggotaan(user_id=user.pk, group_id=grup.pk)
                for user, (_, peran) in zip(users, baru.values(), strict=True)
                if peran == Peran.REVIEWER_PROVINSI
            ],
            batch_size=UKURAN_BATCH,
        )
    return len(users)
