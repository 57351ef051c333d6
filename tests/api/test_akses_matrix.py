"""Every role × target × API endpoint × method against one expectation derived from the rule.

As in tests/test_akses_matrix.py, the expectation is written from the access rule in words
(satker.akses and dokumen.alur docstrings), not from the code: a role sees its own satker, a
reviewer its provinsi, the Admin RI everything; Operator and Admin RI write; the Ketua approves;
the Ketua or the provinsi's reviewer returns; the signatory publishes. Not visible → 404 (for a
create, whose satker is in the body: 400 "satker tidak ditemukan"); visible but not allowed →
403; allowed → 200/201, and only then does the data change.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from dokumen.baris import data_baris
from dokumen.models import Dokumen, StatusDokumen
from satker.demo import PASSWORD_DEMO
from satker.models import Satker
from tests.api.conftest import klien
from tests.conftest import _user, dokumen_seed
from tests.dua_faktor_uji import kode_sekali


@dataclass(frozen=True)
class Peran:
    username: str
    satker: str | None  # the satker a satker-level role works for
    provinsi: str | None  # the provinsi a reviewer reads
    menulis: bool = False  # Operator / Admin RI
    ketua: bool = False

    @property
    def di_mana_saja(self) -> bool:
        return self.satker is None and self.provinsi is None


PERAN = {
    "operator_lebak": Peran("operator.kab-lebak", "kab-lebak", None, menulis=True),
    "operator_serang": Peran("operator.kota-serang", "kota-serang", None, menulis=True),
    "ketua_lebak": Peran("ketua.kab-lebak", "kab-lebak", None, ketua=True),
    "reviewer_banten": Peran("reviewer.banten", None, "prov-banten"),
    "reviewer_kaltim": Peran("reviewer.kalimantan-timur", None, "prov-kalimantan-timur"),
    "admin_ri": Peran("admin.ri", None, None, menulis=True),
}

# Target → (satker, its provinsi): own satker of the Lebak roles, another satker of the same
# provinsi, and a satker of another provinsi.
SASARAN = {
    "lebak": ("kab-lebak", "prov-banten"),
    "serang": ("kota-serang", "prov-banten"),
    "kutai_barat": ("kab-kutai-barat", "prov-kalimantan-timur"),
}


def terlihat(p: Peran, satker: str, provinsi: str) -> bool:
    return p.di_mana_saja or satker == p.satker or provinsi == p.provinsi


def penulis(p: Peran, satker: str, provinsi: str) -> bool:
    return p.menulis and (p.di_mana_saja or satker == p.satker)


def _isian_ttd(d: Dokumen) -> dict:
    """The IKU's signatory (its Ketua) gives the password and a second-factor code."""
    return {
        "kata_sandi": PASSWORD_DEMO,
        "kode_verifikasi": kode_sekali(_user(f"ketua.{d.satker.kode}")),
    }


def ketua(p: Peran, satker: str, provinsi: str) -> bool:
    return p.ketua and satker == p.satker


def ketua_atau_reviewer(p: Peran, satker: str, provinsi: str) -> bool:
    return ketua(p, satker, provinsi) or (p.provinsi is not None and provinsi == p.provinsi)


def _tubuh_ubah(d: Dokumen) -> dict:
    return {
        "suntingan": d.suntingan,
        "tahun": d.tahun,
        "label_lampiran": d.label_lampiran,
        "tahun_anggaran": d.tahun_anggaran,
        "tempat_ttd": "Tempat dari matriks",
        "tanggal_ttd": d.tanggal_ttd.isoformat() if d.tanggal_ttd else None,
        "tanggal_ttd_presisi": d.tanggal_ttd_presisi,
        "penandatangan": d.penandatangan_id,
        "baris": data_baris(d),
    }


def _diubah(d: Dokumen) -> bool:
    return Dokumen.objects.filter(
        pk=d.pk, suntingan=d.suntingan + 1, tempat_ttd="Tempat dari matriks"
    ).exists()


def _status(status: str) -> Callable[[Dokumen], None]:
    def siapkan(d: Dokumen) -> None:
        kolom = {"status": status}
        if status == StatusDokumen.TERBIT:  # a published record needs its hash and token
            kolom |= {"sha256": "0" * 64, "token_verifikasi": f"matriks{d.pk}"}
        Dokumen.objects.filter(pk=d.pk).update(**kolom)

    return siapkan


def _berstatus(status: str) -> Callable[[Dokumen], bool]:
    return lambda d: Dokumen.objects.filter(pk=d.pk, status=status).exists()


@dataclass(frozen=True)
class Ujung:
    """One endpoint: its URL, the methods it answers, and who may use it."""

    url: Callable[[Dokumen], str]
    metode: tuple[str, ...]
    berhak: Callable[[Peran, str, str], bool] | None = None  # None: any reader
    daftar: bool = False  # a list: 200 for everyone, scoped content
    berhasil: int = 200
    data: Callable[[Dokumen], dict] = field(default=lambda d: {})
    siapkan: Callable[[Dokumen], None] = field(default=lambda d: None)
    terjadi: Callable[[Dokumen], bool] = field(default=lambda d: False)


def _aksi(nama: str) -> Callable[[Dokumen], str]:
    return lambda d: f"/api/v1/dokumen/{d.pk}/{nama}/"


UJUNG = {
    "satker-daftar": Ujung(
        lambda d: f"/api/v1/satker/?provinsi={d.satker.induk.kode}", ("GET",), daftar=True
    ),
    "satker-detail": Ujung(lambda d: f"/api/v1/satker/{d.satker.kode}/", ("GET",)),
    "dokumen-daftar": Ujung(
        lambda d: f"/api/v1/dokumen/?satker={d.satker.kode}", ("GET", "POST"), daftar=True
    ),
    "dokumen-detail": Ujung(lambda d: f"/api/v1/dokumen/{d.pk}/", ("GET", "PUT", "PATCH")),
    "ajukan": Ujung(
        _aksi("ajukan"), ("POST",), penulis, terjadi=_berstatus(StatusDokumen.DIAJUKAN)
    ),
    "setujui": Ujung(
        _aksi("setujui"),
        ("POST",),
        ketua,
        siapkan=_status(StatusDokumen.DIAJUKAN),
        terjadi=_berstatus(StatusDokumen.DISETUJUI),
    ),
    "kembalikan": Ujung(
        _aksi("kembalikan"),
        ("POST",),
        ketua_atau_reviewer,
        data=lambda d: {"catatan": "Target indikator 2 belum terukur."},
        siapkan=_status(StatusDokumen.DIAJUKAN),
        terjadi=_berstatus(StatusDokumen.DRAF),
    ),
    "terbitkan": Ujung(
        _aksi("terbitkan"),
        ("POST",),
        # The IKU's signatory is the Ketua, who publishes through their own account, giving
        # their password again.
        ketua,
        data=_isian_ttd,
        siapkan=_status(StatusDokumen.DISETUJUI),
        terjadi=_berstatus(StatusDokumen.TERBIT),
    ),
    # The same signature under its honest name: for a one-party IKU it publishes too.
    "tandatangani": Ujung(
        _aksi("tandatangani"),
        ("POST",),
        ketua,
        data=_isian_ttd,
        siapkan=_status(StatusDokumen.DISETUJUI),
        terjadi=_berstatus(StatusDokumen.TERBIT),
    ),
    "revisi": Ujung(
        _aksi("revisi"),
        ("POST",),
        penulis,
        berhasil=201,
        data=lambda d: {"alasan": "Target indikator 2 salah ketik."},
        siapkan=_status(StatusDokumen.TERBIT),
        terjadi=lambda d: d.satker.dokumen.filter(jenis=d.jenis, tahun=d.tahun, versi=2).exists(),
    ),
    "pdf": Ujung(_aksi("pdf"), ("GET",)),
}

# Writes on the document itself, by method: who may, what is sent, what must change.
TULIS_DOKUMEN = {
    ("dokumen-daftar", "POST"): Ujung(
        lambda d: "/api/v1/dokumen/",
        ("POST",),
        penulis,
        berhasil=201,
        data=lambda d: {"satker": d.satker.kode, "jenis": "RKT", "tahun": 2030},
        terjadi=lambda d: d.satker.dokumen.filter(jenis="RKT", tahun=2030).exists(),
    ),
    ("dokumen-detail", "PUT"): Ujung(
        lambda d: f"/api/v1/dokumen/{d.pk}/", ("PUT",), penulis, data=_tubuh_ubah, terjadi=_diubah
    ),
    ("dokumen-detail", "PATCH"): Ujung(
        lambda d: f"/api/v1/dokumen/{d.pk}/",
        ("PATCH",),
        penulis,
        data=lambda d: {"suntingan": d.suntingan, "tempat_ttd": "Tempat dari matriks"},
        terjadi=_diubah,
    ),
    # The seed documents are drafts never submitted: their writers may delete them.
    ("dokumen-detail", "DELETE"): Ujung(
        lambda d: f"/api/v1/dokumen/{d.pk}/",
        ("DELETE",),
        penulis,
        berhasil=204,
        terjadi=lambda d: not Dokumen.objects.filter(pk=d.pk).exists(),
    ),
}

PERMINTAAN = [
    ("satker-daftar", "GET"),
    ("satker-detail", "GET"),
    ("satker-detail", "PUT"),
    ("dokumen-daftar", "GET"),
    ("dokumen-daftar", "POST"),
    ("dokumen-detail", "GET"),
    ("dokumen-detail", "PUT"),
    ("dokumen-detail", "PATCH"),
    ("dokumen-detail", "DELETE"),
    ("ajukan", "GET"),
    ("ajukan", "POST"),
    ("setujui", "POST"),
    ("kembalikan", "POST"),
    ("terbitkan", "POST"),
    ("tandatangani", "POST"),
    ("revisi", "POST"),
    ("pdf", "GET"),
    ("pdf", "POST"),
]


def ujung_untuk(ujung: str, metode: str) -> Ujung:
    return TULIS_DOKUMEN.get((ujung, metode), UJUNG[ujung])


def harapan(peran: str, sasaran: str, ujung: str, metode: str) -> int:
    """The status the rule promises for this role, target, endpoint and method."""
    p, (satker, provinsi) = PERAN[peran], SASARAN[sasaran]
    u = ujung_untuk(ujung, metode)
    if metode not in u.metode:
        return 405
    if u.daftar and u.berhak is None:
        return 200
    if not terlihat(p, satker, provinsi):
        return 400 if (ujung, metode) == ("dokumen-daftar", "POST") else 404
    if u.berhak is not None and not u.berhak(p, satker, provinsi):
        return 403
    return u.berhasil


def kirim(client, metode: str, url: str, data: dict):
    if metode == "GET":
        return client.get(url)
    return getattr(client, metode.lower())(url, data, format="json")


def keadaan(satker: Satker) -> list:
    """Everything an endpoint in the matrix could change for `satker`."""
    return list(
        satker.dokumen.order_by("pk").values_list(
            "pk", "jenis", "tahun", "versi", "status", "suntingan", "tempat_ttd"
        )
    )


def test_the_expectation_covers_every_outcome():
    hasil = {harapan(p, s, u, m) for p in PERAN for s in SASARAN for u, m in PERMINTAAN}
    assert hasil == {200, 201, 204, 400, 403, 404, 405}
    assert harapan("reviewer_banten", "serang", "dokumen-detail", "GET") == 200
    assert harapan("reviewer_banten", "serang", "dokumen-detail", "PATCH") == 403
    assert harapan("reviewer_banten", "serang", "kembalikan", "POST") == 200
    assert harapan("reviewer_kaltim", "serang", "kembalikan", "POST") == 404
    assert harapan("operator_serang", "lebak", "dokumen-daftar", "POST") == 400
    assert harapan("ketua_lebak", "lebak", "terbitkan", "POST") == 200
    assert harapan("admin_ri", "kutai_barat", "terbitkan", "POST") == 403
    assert harapan("admin_ri", "kutai_barat", "dokumen-detail", "DELETE") == 204
    assert harapan("reviewer_banten", "serang", "dokumen-detail", "DELETE") == 403


@pytest.mark.django_db
@pytest.mark.parametrize(("ujung", "metode"), PERMINTAAN)
@pytest.mark.parametrize("sasaran", SASARAN)
@pytest.mark.parametrize("peran", PERAN)
def test_it_answers_as_the_rule_says_and_only_allowed_requests_change_data(
    request, monkeypatch, settings, peran, sasaran, ujung, metode
):
    settings.SITE_URL = "http://testserver"  # the address the test client's requests come to
    dokumen = dokumen_seed(SASARAN[sasaran][0], "IKU")
    u = ujung_untuk(ujung, metode)
    status = harapan(peran, sasaran, ujung, metode)
    if ujung in ("terbitkan", "tandatangani") and status == 200:
        request.getfixturevalue("pki_aktif")  # a real signature, with the test PKI
    # The matrix checks access; rendering is tested in test_dokumen_api.py.
    monkeypatch.setattr("dokumen.api.pdf_dokumen", lambda d: b"%PDF-1.7 matriks")
    if metode in u.metode:
        u.siapkan(dokumen)
        dokumen.refresh_from_db()
    sebelum = keadaan(dokumen.satker)

    response = kirim(klien(PERAN[peran].username), metode, u.url(dokumen), u.data(dokumen))

    assert response.status_code == status, response.content[:300]
    if status in (200, 201, 204) and metode != "GET":
        assert u.terjadi(dokumen)
        assert keadaan(dokumen.satker) != sebelum
    else:
        assert keadaan(dokumen.satker) == sebelum


@pytest.mark.django_db
@pytest.mark.parametrize("sasaran", SASARAN)
@pytest.mark.parametrize("peran", PERAN)
def test_lists_hold_exactly_what_the_role_may_see(peran, sasaran):
    p, (satker, provinsi) = PERAN[peran], SASARAN[sasaran]
    client = klien(p.username)

    satker_semua = [s["kode"] for s in client.get("/api/v1/satker/").json()["results"]]
    dokumen_semua = [d["satker"] for d in client.get("/api/v1/dokumen/").json()["results"]]

    assert (satker in satker_semua) == terlihat(p, satker, provinsi)
    assert (satker in dokumen_semua) == terlihat(p, satker, provinsi)


@pytest.mark.django_db
@pytest.mark.parametrize(("ujung", "metode"), PERMINTAAN)
def test_a_visitor_without_credentials_gets_401_everywhere(ujung, metode):
    dokumen = dokumen_seed("kab-lebak", "IKU")
    u = ujung_untuk(ujung, metode)
    sebelum = keadaan(dokumen.satker)

    response = kirim(klien(None), metode, u.url(dokumen), u.data(dokumen))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert keadaan(dokumen.satker) == sebelum
