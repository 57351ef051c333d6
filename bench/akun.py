"""The few accounts the web benchmark logs in as, without hashing 1,500 demo passwords.

generate_national already made one operator per kab/kota and a reviewer per provinsi; this adds
admin.ri and operator.kab-lebak and makes every reviewer a staff member of the reviewer group.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_kinerja.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from satker.demo import PASSWORD_DEMO, grup_reviewer  # noqa: E402
from satker.models import Peran, ProfilPengguna, Satker  # noqa: E402

User = get_user_model()
for username, kode, peran in [
    ("admin.ri", "ri", Peran.ADMIN_RI),
    ("operator.kab-lebak", "kab-lebak", Peran.OPERATOR),
]:
    user, _ = User.objects.get_or_create(username=username)
    user.is_superuser = user.is_staff = peran == Peran.ADMIN_RI
    user.set_password(PASSWORD_DEMO)
    user.save()
    satker = Satker.objects.get(kode=kode)
    ProfilPengguna.objects.update_or_create(user=user, defaults={"satker": satker, "peran": peran})
grup = grup_reviewer()
reviewer = User.objects.filter(profil__peran=Peran.REVIEWER_PROVINSI)
reviewer.update(is_staff=True)
grup.user_set.add(*reviewer)
print(f"Akun benchmark siap: admin.ri, operator.kab-lebak, {reviewer.count()} reviewer.")
