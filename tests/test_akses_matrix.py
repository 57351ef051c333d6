"""Every role × target × view × method against one expectation derived from the access rule.

The expectation below is written from the rule in words (satker.akses docstrings and STYLE.md),
not from satker.akses itself: a role sees its own satker, a reviewer its provinsi, the Admin RI
everything; Operator, Sekretaris and Admin RI write where they may; Ketua and reviewers read.
Not visible → 404; visible but not writable → 403 on write views; writer → 200 / 302.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dokumen.models import Dokumen
from indikator.models import BarisIku
from satker.models import Satker
from tests.conftest import dokumen_seed
from tests.dokumen.test_dokumen_ubah import form_data
from tests.satker.test_profil import _isian, _tupoksi


@dataclass(frozen=True)
class Peran:
    username: str
    satker: str | None  # the satker a satker-level role works for
    provinsi: str | None  # the provinsi a reviewer reads
    menulis: bool  # a writing role (on its own satker, or everywhere for the Admin RI)

    @property
    def di_mana_saja(self) -> bool:
        return self.satker is None and self.provinsi is None


PERAN = {
    "operator": Peran("operator.kab-lebak", "kab-lebak", None, menulis=True),
    "ketua": Peran("ketua.kab-lebak", "kab-lebak", None, menulis=False),
    "sekretaris": Peran("sekretaris.kab-lebak", "kab-lebak", None, menulis=True),
    "reviewer_banten": Peran("reviewer.banten", None, "banten", menulis=False),
    "reviewer_kaltim": Peran("reviewer.kalimantan-timur", None, "kaltim", menulis=False),
    "admin_ri": Peran("admin.ri", None, None, menulis=True),
}

# Target → (satker, its provinsi). Lebak is the Lebak personas' own satker.
SASARAN = {
    "lebak": ("kab-lebak", "banten"),
    "serang": ("kota-serang", "banten"),
    "kutai_barat": ("kab-kutai-barat", "kaltim"),
}


@dataclass(frozen=True)
class Tampilan:
    url: Callable[[Satker, Dokumen], str]
    tulis: bool = False  # a write view: needs the right to write on GET and POST
    metode: tuple[str, ...] = ("GET",)
    data: Callable[[Satker, Dokumen], dict] = lambda satker, dokumen: {}
    # For a writer's POST: did the intended change happen? (dokumen is the state before.)
    terjadi: Callable[[Satker, Dokumen], bool] = lambda satker, dokumen: False


TAMPILAN = {
    "satker-detail": Tampilan(lambda s, d: reverse("satker-detail", args=[s.kode])),
    "satker-profil": Tampilan(
        lambda s, d: reverse("satker-profil", args=[s.kode]),
        tulis=True,
        metode=("GET", "POST"),
        data=lambda s, d: _isian(s) | {"tugas": "Tugas dari matriks"},
        terjadi=lambda s, d: _tupoksi(s)["TUGAS"] == ["Tugas dari matriks"],
    ),
    "dokumen-detail": Tampilan(lambda s, d: reverse("dokumen:detail", args=[d.pk])),
    "dokumen-xlsx": Tampilan(lambda s, d: reverse("pertukaran:dokumen-xlsx", args=[d.pk])),
    "dokumen-ubah": Tampilan(
        lambda s, d: reverse("dokumen:ubah", args=[d.pk]),
        tulis=True,
        metode=("GET", "POST"),
        data=lambda s, d: form_data(d, tempat_ttd="Tempat dari matriks"),
        terjadi=lambda s, d: Dokumen.objects.filter(
            pk=d.pk, suntingan=d.suntingan + 1, tempat_ttd="Tempat dari matriks"
        ).exists(),
    ),
    "dokumen-baru": Tampilan(
        lambda s, d: reverse("dokumen:baru", args=[s.kode]),
        tulis=True,
        metode=("GET", "POST"),
        data=lambda s, d: {"jenis": "RKT", "tahun": "2030"},
        terjadi=lambda s, d: s.dokumen.filter(jenis="RKT", tahun=2030, status="DRAF").exists(),
    ),
    "dokumen-salin": Tampilan(
        lambda s, d: reverse("dokumen:salin", args=[d.pk]),
        tulis=True,
        metode=("POST",),
        terjadi=lambda s, d: s.dokumen.filter(jenis=d.jenis, tahun=d.tahun + 1).exists(),
    ),
}

# The requests of the issue; dokumen-salin is POST only, so its GET must answer 405.
PERMINTAAN = [
    ("satker-detail", "GET"),
    ("satker-profil", "GET"),
    ("satker-profil", "POST"),
    ("dokumen-detail", "GET"),
    ("dokumen-xlsx", "GET"),
    ("dokumen-ubah", "GET"),
    ("dokumen-ubah", "POST"),
    ("dokumen-baru", "GET"),
    ("dokumen-baru", "POST"),
    ("dokumen-salin", "GET"),
    ("dokumen-salin", "POST"),
]


def harapan(peran: str, sasaran: str, tampilan: str, metode: str) -> int:
    """The status the rule promises for this role, target, view and method."""
    p, (satker, provinsi), t = PERAN[peran], SASARAN[sasaran], TAMPILAN[tampilan]
    if metode not in t.metode:
        return 405
    terlihat = p.di_mana_saja or satker == p.satker or provinsi == p.provinsi
    if not terlihat:
        return 404
    if not t.tulis:
        return 200
    boleh_tulis = p.menulis and (p.di_mana_saja or satker == p.satker)
    if not boleh_tulis:
        return 403
    return 302 if metode == "POST" else 200


def keadaan(satker: Satker) -> tuple:
    """Everything a view in the matrix could change for `satker`."""
    return (
        list(satker.tupoksi.order_by("jenis", "urutan").values_list("jenis", "teks")),
        list(satker.pejabat.order_by("pk").values_list("pk", "nama", "nip", "status")),
        list(
            satker.dokumen.order_by("pk").values_list(
                "pk", "jenis", "tahun", "suntingan", "tempat_ttd"
            )
        ),
        BarisIku.objects.filter(dokumen__satker=satker).count(),
    )


def _target(sasaran: str) -> tuple[Satker, Dokumen]:
    kode = SASARAN[sasaran][0]
    return Satker.objects.get(kode=kode), dokumen_seed(kode, "IKU")


def test_the_expectation_covers_every_outcome():
    hasil = {harapan(p, s, t, m) for p in PERAN for s in SASARAN for t, m in PERMINTAAN}
    assert hasil == {200, 302, 403, 404, 405}
    assert harapan("reviewer_banten", "serang", "dokumen-detail", "GET") == 200
    assert harapan("reviewer_banten", "serang", "dokumen-ubah", "POST") == 403
    assert harapan("sekretaris", "serang", "satker-detail", "GET") == 404
    assert harapan("admin_ri", "kutai_barat", "dokumen-salin", "POST") == 302


@pytest.mark.django_db
@pytest.mark.parametrize(("tampilan", "metode"), PERMINTAAN)
@pytest.mark.parametrize("sasaran", SASARAN)
@pytest.mark.parametrize("peran", PERAN)
def test_it_answers_as_the_rule_says_and_only_writers_change_data(
    client, peran, sasaran, tampilan, metode
):
    satker, dokumen = _target(sasaran)
    t = TAMPILAN[tampilan]
    client.force_login(get_user_model().objects.get(username=PERAN[peran].username))
    sebelum = keadaan(satker)

    if metode == "POST":
        response = client.post(t.url(satker, dokumen), t.data(satker, dokumen))
    else:
        response = client.get(t.url(satker, dokumen))

    status = harapan(peran, sasaran, tampilan, metode)
    assert response.status_code == status
    if status == 302:
        assert t.terjadi(satker, dokumen)
        assert keadaan(satker) != sebelum
    else:
        assert keadaan(satker) == sebelum


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tampilan", "metode"), [p for p in PERMINTAAN if p[1] in TAMPILAN[p[0]].metode]
)
def test_a_visitor_is_sent_to_login_from_every_view(client, tampilan, metode):
    satker, dokumen = _target("lebak")
    t = TAMPILAN[tampilan]
    sebelum = keadaan(satker)
    kirim = client.post if metode == "POST" else client.get

    response = kirim(t.url(satker, dokumen), t.data(satker, dokumen) if metode == "POST" else {})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert keadaan(satker) == sebelum
