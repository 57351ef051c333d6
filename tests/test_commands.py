import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from dokumen.models import Dokumen
from satker.models import Satker

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_loading_the_fixtures_again_changes_nothing():
    before = (Satker.objects.count(), Dokumen.objects.count())
    out = StringIO()
    call_command("muat_fixture", stdout=out)
    assert (Satker.objects.count(), Dokumen.objects.count()) == before == (10, 8)
    assert "Satker baru: 0, dokumen baru: 0, sudah ada (dilewati): 18." in out.getvalue()


@pytest.mark.django_db
def test_loading_the_fixtures_keeps_edits_to_existing_documents(rak_lebak):
    rak_lebak.tempat_ttd = "Diubah pengguna"
    rak_lebak.save()
    call_command("muat_fixture", stdout=StringIO())
    rak_lebak.refresh_from_db()
    assert rak_lebak.tempat_ttd == "Diubah pengguna"


@pytest.mark.django_db
def test_demo_users_are_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("seed_demo_users", stdout=StringIO())


@pytest.mark.django_db
def test_demo_users_are_created_and_printed(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo_users", stdout=out)
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    expected = {"admin.ri", "reviewer.banten", "reviewer.kalimantan-timur"}
    expected |= {"reviewer.kalimantan-selatan", "reviewer.kalimantan-tengah"}
    for kode in ("kab-kutai-barat", "kota-banjarbaru", "kota-serang", "kab-barito-selatan"):
        expected |= {f"operator.{kode}", f"ketua.{kode}", f"sekretaris.{kode}"}
    assert expected <= usernames
    assert "operator.kab-lebak" in out.getvalue()
    assert "demo12345" in out.getvalue()
    ketua = get_user_model().objects.get(username="ketua.kab-lebak")
    assert ketua.check_password("demo12345")
    assert ketua.profil.pejabat.nama == "NI'MATULLAH"


def _settings_with(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG)"
    base = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "kpu_kinerja.settings"}
    return subprocess.run(
        [sys.executable, "-c", code], env=base | env, cwd=ROOT, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_with({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_manage_py_without_settings_says_what_is_missing_not_a_traceback():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check"],
        env={"PATH": "/usr/bin:/bin"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Set the SECRET_KEY environment variable." in result.stderr
    assert "DEBUG=1" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_database_url_means_sqlite():
    result = _settings_with({"DEBUG": "1", "DATABASE_URL": ""})
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_a_bad_boolean_fails_loudly():
    result = _settings_with({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
