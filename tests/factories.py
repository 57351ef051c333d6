"""Test data from factories: satker, officials, users with roles and documents with rows.

Everything is written the way the application writes it, so constraints and parsed targets hold:
- satker through `satker.services.satker_buat`, in the hierarchy RI → Provinsi → Kab/Kota
  (`KabKotaFactory()` creates its Provinsi under the one KPU RI, which it reuses);
- officials and profiles `full_clean()`-ed before they are saved;
- documents through `dokumen.services.dokumen_buat` and `dokumen_simpan` (a draft saved once
  with its rows, so `suntingan` is 1 and targets are parsed);
- a document in another status (`RakFactory(status=StatusDokumen.TERBIT)`, or `ke_status`)
  through the workflow service `dokumen.alur.dokumen_transisi`, step by step, by accounts of
  its satker whose roles allow each step, so its history, signature record and PDF are real.
  Publishing signs with the development PKI of `settings.PKI_DIR`: use the `pki_aktif`
  fixture (tests/dokumen/conftest.py) and a temporary MEDIA_ROOT.

Typical use::

    dokumen = RakFactory()                       # a RAK draft of a new Kab/Kota, with rows
    operator = OperatorFactory(satker=dokumen.satker)
    ketua = KetuaPenggunaFactory(satker=dokumen.satker)   # linked to the Ketua official
    reviewer = ReviewerFactory(satker=dokumen.satker.induk)
    diajukan = RktFactory(status=StatusDokumen.DIAJUKAN)  # submitted by an operator
    isi_tupoksi(dokumen.satker, fungsi=5)        # the satker's tugas, fungsi, …
"""

import datetime
from pathlib import Path
from typing import Any

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from factory.django import DjangoModelFactory, Password

from dokumen.alur import dokumen_transisi
from dokumen.models import AksiDokumen, Dokumen, StatusDokumen
from dokumen.selectors import giliran
from dokumen.services import KOLOM_KEPALA, dokumen_buat, dokumen_simpan
from dokumen.tte import init_pki
from satker.demo import grup_reviewer
from satker.models import (
    Jabatan,
    JenisTupoksi,
    Pejabat,
    Peran,
    ProfilPengguna,
    Satker,
    Tingkat,
    Tupoksi,
)
from satker.services import satker_buat, tupoksi_ganti

PASSWORD = "uji-rahasia-123"
KOMISIONER = (Jabatan.KETUA, Jabatan.ANGGOTA)  # not civil servants: no NIP


# Satker ------------------------------------------------------------------------------------


class _SatkerFactory(DjangoModelFactory):
    class Meta:
        model = Satker

    nama = factory.Sequence(lambda n: f"KPU Uji {n}")
    nama_lengkap = factory.LazyAttribute(
        lambda o: o.nama.replace("KPU", "Komisi Pemilihan Umum", 1)
    )
    kode = factory.LazyAttribute(lambda o: slugify(o.nama.removeprefix("KPU ")))
    kota_ttd = factory.Sequence(lambda n: f"Kota Uji {n}")
    alamat = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Satker:
        return satker_buat(**kwargs)


class SatkerRiFactory(_SatkerFactory):
    """The one KPU RI: the existing one when there is one (the seeds have it)."""

    tingkat = Tingkat.RI
    induk = None
    kode = "ri"
    nama = "KPU RI"
    nama_lengkap = "Komisi Pemilihan Umum Republik Indonesia"
    kota_ttd = "Jakarta"

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Satker:
        ada = Satker.objects.filter(tingkat=Tingkat.RI).order_by("pk").first()
        return ada or satker_buat(**kwargs)


class ProvinsiFactory(_SatkerFactory):
    tingkat = Tingkat.PROVINSI
    induk = factory.SubFactory(SatkerRiFactory)
    nama = factory.Sequence(lambda n: f"KPU Provinsi Uji {n}")


class KabKotaFactory(_SatkerFactory):
    tingkat = Tingkat.KABKOTA
    induk = factory.SubFactory(ProvinsiFactory)
    nama = factory.Sequence(lambda n: f"KPU Kabupaten Uji {n}")


# Officials ---------------------------------------------------------------------------------


class _BersihFactory(DjangoModelFactory):
    """Validated (`full_clean`, constraints included) before it is saved."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.full_clean()
        obj.save()
        return obj


def _nip(pejabat: Any, n: int) -> str:
    """18 digits (born 1980-01-01, appointed 2005-01, male, serial n) — none for commissioners."""
    return "" if pejabat.jabatan in KOMISIONER else f"198001012005011{n % 1000:03d}"


def _sebutan(pejabat: Any) -> str:
    return f"{Jabatan(pejabat.jabatan).label} {pejabat.satker.nama_lengkap},"


class PejabatFactory(_BersihFactory):
    class Meta:
        model = Pejabat

    satker = factory.SubFactory(KabKotaFactory)
    jabatan = Jabatan.SEKRETARIS
    nama = factory.Sequence(lambda n: f"PEJABAT UJI {n}, S.E.")
    nip = factory.LazyAttributeSequence(_nip)
    sebutan_jabatan = factory.LazyAttribute(_sebutan)


class KetuaFactory(PejabatFactory):
    jabatan = Jabatan.KETUA
    nama = factory.Sequence(lambda n: f"KETUA UJI {n}")


class AnggotaFactory(PejabatFactory):
    jabatan = Jabatan.ANGGOTA
    nama = factory.Sequence(lambda n: f"ANGGOTA UJI {n}")


class SekretarisFactory(PejabatFactory):
    jabatan = Jabatan.SEKRETARIS


def pejabat_satker(satker: Satker, jabatan: str) -> Pejabat:
    """The satker's official of `jabatan`, created when it has none."""
    ada = Pejabat.objects.filter(satker=satker, jabatan=jabatan).order_by("pk").first()
    return ada or PejabatFactory(satker=satker, jabatan=jabatan)


# Tugas, fungsi, wewenang, kewajiban ----------------------------------------------------------


class TupoksiFactory(_BersihFactory):
    """One item of a satker's tugas (by default), fungsi, wewenang or kewajiban."""

    class Meta:
        model = Tupoksi

    satker = factory.SubFactory(KabKotaFactory)
    jenis = JenisTupoksi.TUGAS
    urutan = factory.Sequence(lambda n: n + 1)
    teks = factory.LazyAttribute(lambda o: f"{JenisTupoksi(o.jenis).label} uji {o.urutan}.")


def isi_tupoksi(
    satker: Satker, *, tugas: int = 3, fungsi: int = 5, wewenang: int = 2, kewajiban: int = 2
) -> dict[str, list[str]]:
    """Give `satker` that many items of each kind (through `tupoksi_ganti`, in order), texts
    "Fungsi uji 1. …"; returns the lists by kind, as a profile page shows them."""
    jumlah = {
        JenisTupoksi.TUGAS: tugas,
        JenisTupoksi.FUNGSI: fungsi,
        JenisTupoksi.WEWENANG: wewenang,
        JenisTupoksi.KEWAJIBAN: kewajiban,
    }
    hasil = {}
    for jenis, n in jumlah.items():
        daftar = [f"{jenis.label} uji {i} {satker.nama}." for i in range(1, n + 1)]
        tupoksi_ganti(satker=satker, jenis=jenis, daftar=daftar)
        hasil[jenis.value] = daftar
    return hasil


# Users with roles --------------------------------------------------------------------------


class ProfilPenggunaFactory(_BersihFactory):
    class Meta:
        model = ProfilPengguna

    user = None  # given by PenggunaFactory
    satker = factory.SubFactory(KabKotaFactory)
    peran = Peran.OPERATOR
    pejabat = None


class PenggunaFactory(DjangoModelFactory):
    """A user with a role (`profil`) at a satker; an operator of a new Kab/Kota by default.

    `satker` and `peran` go to the profile; the role factories below set them.
    """

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        satker = factory.SubFactory(KabKotaFactory)
        peran = Peran.OPERATOR
        pejabat = None

    username = factory.Sequence(lambda n: f"pengguna.uji{n}")
    password = Password(PASSWORD)
    is_staff = False
    is_superuser = False
    profil = factory.RelatedFactory(
        ProfilPenggunaFactory,
        factory_related_name="user",
        satker=factory.SelfAttribute("..satker"),
        peran=factory.SelfAttribute("..peran"),
        pejabat=factory.SelfAttribute("..pejabat"),
    )


class OperatorFactory(PenggunaFactory):
    username = factory.Sequence(lambda n: f"operator.uji{n}")


class KetuaPenggunaFactory(PenggunaFactory):
    """The Ketua's account, linked to the satker's Ketua official (created when missing)."""

    class Params:
        peran = Peran.KETUA
        pejabat = factory.LazyAttribute(lambda o: pejabat_satker(o.satker, Jabatan.KETUA))

    username = factory.Sequence(lambda n: f"ketua.uji{n}")


class SekretarisPenggunaFactory(PenggunaFactory):
    """The Sekretaris's account, linked to the satker's Sekretaris official."""

    class Params:
        peran = Peran.SEKRETARIS
        pejabat = factory.LazyAttribute(lambda o: pejabat_satker(o.satker, Jabatan.SEKRETARIS))

    username = factory.Sequence(lambda n: f"sekretaris.uji{n}")


class ReviewerFactory(PenggunaFactory):
    """A reviewer of a provinsi: staff in the read-only "Reviewer Provinsi" group."""

    class Params:
        satker = factory.SubFactory(ProvinsiFactory)
        peran = Peran.REVIEWER_PROVINSI

    username = factory.Sequence(lambda n: f"reviewer.uji{n}")
    is_staff = True

    @factory.post_generation
    def grup(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.groups.add(grup_reviewer())


class AdminRiFactory(PenggunaFactory):
    class Params:
        satker = factory.SubFactory(SatkerRiFactory)
        peran = Peran.ADMIN_RI

    username = factory.Sequence(lambda n: f"admin.uji{n}")
    is_staff = True
    is_superuser = True


# Documents ---------------------------------------------------------------------------------


def baris_iku(jumlah: int = 3) -> list[dict[str, Any]]:
    """IKU rows in the services' shape, numbered 1..jumlah, targets "8x%"."""
    return [
        {
            "nomor": str(i),
            "sasaran": f"Sasaran strategis uji {i}",
            "indikator": f"Persentase capaian indikator uji {i}",
            "cara_penghitungan": "Realisasi dibagi target dikali 100%",
            "target": f"{80 + i}%",
            "sumber_data": "Laporan kinerja",
        }
        for i in range(1, jumlah + 1)
    ]


def sasaran_rkt(jumlah: int = 2, indikator: int = 2) -> list[dict[str, Any]]:
    """RKT sasaran, each with `indikator` indicators (targets "9x%")."""
    return [
        {
            "nomor": str(i),
            "sasaran": f"Sasaran program uji {i}",
            "indikator": [
                {
                    "indikator": f"Persentase indikator uji {i}.{j}",
                    "target": f"{90 + j}%",
                    "kegiatan_aksi": f"Kegiatan aksi uji {i}.{j}",
                }
                for j in range(1, indikator + 1)
            ],
        }
        for i in range(1, jumlah + 1)
    ]


def sasaran_rak(jumlah: int = 2, baris: int = 2) -> list[dict[str, Any]]:
    """RAK sasaran, each with `baris` rows: quarters 1–2, Rp1.000.000 × row number."""
    return [
        {
            "nomor": str(i),
            "sasaran": f"Sasaran kegiatan uji {i}",
            "baris": [
                {
                    "indikator": f"Persentase indikator uji {i}.{j}" if j == 1 else "",
                    "target": "100%" if j == 1 else "",
                    "kegiatan": f"Kegiatan uji {i}.{j}",
                    "target_kegiatan_aksi": f"{j} Laporan",
                    "triwulan": [1, 2],
                    "anggaran": 1_000_000 * j,
                    "pelaksana": "Subbagian Uji",
                }
                for j in range(1, baris + 1)
            ],
        }
        for i in range(1, jumlah + 1)
    ]


def sasaran_pk(jumlah: int = 2, indikator: int = 2) -> list[dict[str, Any]]:
    """PK sasaran, each with `indikator` indicators: a count (cumulative, 3/6/9/12 Laporan)
    first, then percentages (last quarter, "9x%")."""
    return [
        {
            "nomor": str(i),
            "sasaran": f"Sasaran strategis uji {i}",
            "indikator": [
                {
                    "indikator": f"Jumlah laporan uji {i}.{j}",
                    "satuan": "Laporan",
                    "target": "12 Laporan",
                    "polaritas": "NAIK",
                    "agregasi": "KUMULATIF",
                    "target_tw1": "3",
                    "target_tw2": "6",
                    "target_tw3": "9",
                    "target_tw4": "12",
                }
                if j == 1
                else {
                    "indikator": f"Persentase indikator uji {i}.{j}",
                    "satuan": "%",
                    "target": f"{90 + j}%",
                    "polaritas": "NAIK",
                    "agregasi": "TERAKHIR",
                }
                for j in range(1, indikator + 1)
            ],
        }
        for i in range(1, jumlah + 1)
    ]


def program_pk(jumlah: int = 2) -> list[dict[str, Any]]:
    """PK programs: "Program uji n" [076.01.Un], Rp1.000.000.000 × n."""
    return [
        {"program": f"Program uji {i}", "kode": f"076.01.U{i}", "anggaran": 1_000_000_000 * i}
        for i in range(1, jumlah + 1)
    ]


KUNCI_IDENTITAS = frozenset({"kunci", "asal"})


def tanpa_kunci(data: Any) -> Any:
    """Rows (as `data_baris` returns them) without the keys that name a row rather than hold
    its content (`kunci`, `asal`), for comparing the content of two documents' rows."""
    if isinstance(data, list):
        return [tanpa_kunci(item) for item in data]
    if isinstance(data, dict):
        return {k: tanpa_kunci(v) for k, v in data.items() if k not in KUNCI_IDENTITAS}
    return data


BARIS_CONTOH = {
    "IKU": baris_iku,
    "RKT": sasaran_rkt,
    "RAK": sasaran_rak,
    "PK": sasaran_pk,
}
# The tables beside the rows of a type (dokumen.jenis.TabelTambahan), by key.
TAMBAHAN_CONTOH = {"PK": lambda: {"program": program_pk()}}
PENANDATANGAN_BAKU = {
    "IKU": Jabatan.KETUA,
    "RKT": Jabatan.KETUA,
    "RAK": Jabatan.SEKRETARIS,
    "PK": Jabatan.SEKRETARIS,
}


class DokumenFactory(DjangoModelFactory):
    """A draft with its rows, through dokumen_buat + dokumen_simpan (targets parsed), then
    through the workflow to `status` when that is not DRAF.

    `baris` is the rows in the services' shape (`baris_iku`, `sasaran_rkt`, `sasaran_rak`,
    `sasaran_pk`), `tambahan` the tables beside them (a PK's `program`); `oleh`, when given,
    has both steps recorded in the audit history.
    """

    class Meta:
        model = Dokumen

    satker = factory.SubFactory(KabKotaFactory)
    jenis = "IKU"
    tahun = 2024
    tempat_ttd = factory.SelfAttribute("satker.kota_ttd")
    tanggal_ttd = datetime.date(2024, 1, 26)
    penandatangan = factory.LazyAttribute(
        lambda o: pejabat_satker(o.satker, PENANDATANGAN_BAKU[o.jenis])
    )
    baris = factory.LazyAttribute(lambda o: BARIS_CONTOH[o.jenis]())
    tambahan = factory.LazyAttribute(lambda o: TAMBAHAN_CONTOH.get(o.jenis, dict)())
    oleh = None
    status = StatusDokumen.DRAF

    @classmethod
    def _build(cls, model_class, *args, **kwargs) -> Dokumen:
        kwargs.pop("baris")
        kwargs.pop("tambahan")
        kwargs.pop("oleh")
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Dokumen:
        baris = kwargs.pop("baris")
        tambahan = kwargs.pop("tambahan")
        oleh = kwargs.pop("oleh")
        status = kwargs.pop("status")
        dokumen = dokumen_buat(**kwargs, oleh=oleh)
        kepala = {kolom: getattr(dokumen, kolom) for kolom in KOLOM_KEPALA}
        dokumen = dokumen_simpan(
            dokumen=dokumen,
            kepala=kepala,
            baris=baris,
            suntingan=dokumen.suntingan,
            oleh=oleh,
            tambahan=tambahan,
        )
        return ke_status(dokumen, status)


class IkuFactory(DokumenFactory):
    jenis = "IKU"


class RktFactory(DokumenFactory):
    jenis = "RKT"


class RakFactory(DokumenFactory):
    jenis = "RAK"


class PkFactory(DokumenFactory):
    """A PK draft; its satker gets a Ketua too, the second party."""

    jenis = "PK"

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Dokumen:
        pejabat_satker(kwargs["satker"], Jabatan.KETUA)
        return super()._create(model_class, *args, **kwargs)


# Workflow ----------------------------------------------------------------------------------
#
# Each step goes through dokumen.alur.dokumen_transisi as an account whose role allows it, so
# the document's history (RiwayatDokumen, JejakPerubahan), signature record and PDF are the
# ones the application writes.


def akun_satker(satker: Satker, peran: str):
    """An active account of `satker` with `peran`: the first there is, else a new one (the
    Ketua's and Sekretaris's linked to their official)."""
    profil = (
        ProfilPengguna.objects.select_related("user")
        .filter(satker=satker, peran=peran, user__is_active=True)
        .order_by("pk")
        .first()
    )
    if profil is not None:
        return profil.user
    buat = {
        Peran.OPERATOR: OperatorFactory,
        Peran.KETUA: KetuaPenggunaFactory,
        Peran.SEKRETARIS: SekretarisPenggunaFactory,
        Peran.REVIEWER_PROVINSI: ReviewerFactory,
        Peran.ADMIN_RI: AdminRiFactory,
    }[peran]
    return buat(satker=satker)


def akun_penandatangan(dokumen: Dokumen, pejabat: Pejabat | None = None):
    """The account that signs `dokumen` as `pejabat` (by default its chosen signatory, the
    first party): linked to that official (a new one of the official's role when there is
    none)."""
    pejabat = pejabat or dokumen.penandatangan
    profil = (
        ProfilPengguna.objects.select_related("user")
        .filter(satker=dokumen.satker, pejabat=pejabat, user__is_active=True)
        .order_by("pk")
        .first()
    )
    if profil is not None:
        return profil.user
    peran = Peran.KETUA if pejabat.jabatan == Jabatan.KETUA else Peran.SEKRETARIS
    return PenggunaFactory(satker=dokumen.satker, peran=peran, pejabat=pejabat)


def pastikan_kunci_tte() -> None:
    """A development key and certificate in `settings.PKI_DIR` for every official without one
    (factory officials are new to the session's PKI); nothing to do with a PKCS#12 file."""
    if settings.TTE_PKCS12_PATH:
        return
    pki_dir = Path(settings.PKI_DIR).resolve()
    if pki_dir.is_relative_to(Path(settings.BASE_DIR).resolve()):
        raise RuntimeError(
            f"PKI_DIR {pki_dir} is the project's own: use the pki_aktif fixture to sign."
        )
    init_pki(pki_dir)


def ajukan(dokumen: Dokumen, oleh=None) -> Dokumen:
    """Submit `dokumen`, as `oleh` or the satker's operator."""
    oleh = oleh or akun_satker(dokumen.satker, Peran.OPERATOR)
    return dokumen_transisi(dokumen=dokumen, user=oleh, aksi=AksiDokumen.AJUKAN)


def setujui(dokumen: Dokumen, oleh=None) -> Dokumen:
    """Approve `dokumen`, as `oleh` or the satker's Ketua."""
    oleh = oleh or akun_satker(dokumen.satker, Peran.KETUA)
    return dokumen_transisi(dokumen=dokumen, user=oleh, aksi=AksiDokumen.SETUJUI)


def kembalikan(dokumen: Dokumen, oleh=None, catatan: str = "Mohon diperbaiki.") -> Dokumen:
    """Return `dokumen` to draft with `catatan`, as `oleh` or the satker's Ketua."""
    oleh = oleh or akun_satker(dokumen.satker, Peran.KETUA)
    return dokumen_transisi(
        dokumen=dokumen, user=oleh, aksi=AksiDokumen.KEMBALIKAN, catatan=catatan
    )


def tandatangani(dokumen: Dokumen, oleh=None) -> Dokumen:
    """Sign an approved `dokumen` as the party whose turn it is, as `oleh` or that party's
    account (the last party's signature publishes it)."""
    pastikan_kunci_tte()
    if oleh is None:
        sekarang = giliran(dokumen)
        pejabat = sekarang.tanda_tangan.pejabat if sekarang.tanda_tangan else None
        oleh = akun_penandatangan(dokumen, pejabat)
    return dokumen_transisi(dokumen=dokumen, user=oleh, aksi=AksiDokumen.TERBITKAN)


def terbitkan(dokumen: Dokumen, oleh=None) -> Dokumen:
    """Sign and publish an approved `dokumen`: as `oleh` or its signatory's account, then as
    every further party's own account in turn."""
    dokumen = tandatangani(dokumen, oleh)
    while dokumen.status == StatusDokumen.DISETUJUI:
        dokumen = tandatangani(dokumen)
    return dokumen


LANGKAH = {
    StatusDokumen.DRAF: (StatusDokumen.DIAJUKAN, ajukan),
    StatusDokumen.DIAJUKAN: (StatusDokumen.DISETUJUI, setujui),
    StatusDokumen.DISETUJUI: (StatusDokumen.TERBIT, terbitkan),
}
URUTAN_STATUS = [StatusDokumen.DRAF, *(ke for ke, _ in LANGKAH.values())]


def ke_status(dokumen: Dokumen, status: str) -> Dokumen:
    """Take `dokumen` forward through the workflow, one real step at a time, to `status`."""
    if URUTAN_STATUS.index(status) < URUTAN_STATUS.index(dokumen.status):
        raise ValueError(f"{dokumen} is already past {status}.")
    while dokumen.status != status:
        _, langkah = LANGKAH[StatusDokumen(dokumen.status)]
        dokumen = langkah(dokumen)
    return dokumen
