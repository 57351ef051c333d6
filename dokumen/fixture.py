"""Load the YAML fixtures in fixtures/ (format: fixtures/FORMAT.md) through the services.

Loading is idempotent and never overwrites work: a satker or document that already exists is
left as it is, so re-running `make run` keeps what users have edited.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from dokumen.baris import ganti_baris, ganti_tambahan
from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen
from dokumen.services import dokumen_buat
from satker.models import JenisTupoksi, Pejabat, Satker
from satker.services import pejabat_buat, satker_buat, tupoksi_ganti


@dataclass
class HasilMuat:
    satker_baru: list[str] = field(default_factory=list)
    dokumen_baru: list[str] = field(default_factory=list)
    dilewati: list[str] = field(default_factory=list)


def _baca(path: Path) -> Any:
    with path.open(encoding="utf-8") as berkas:
        return yaml.safe_load(berkas)


def _muat_satker(data: dict[str, Any], hasil: HasilMuat) -> None:
    if Satker.objects.filter(kode=data["kode"]).exists():
        hasil.dilewati.append(data["kode"])
        return
    induk = Satker.objects.get(kode=data["induk"]) if data.get("induk") else None
    satker = satker_buat(
        kode=data["kode"],
        nama=data["nama"],
        nama_lengkap=data["nama_lengkap"],
        tingkat=data["tingkat"],
        induk=induk,
        kota_ttd=data["kota_ttd"],
        alamat=data.get("alamat") or "",
        gaya_penomoran=data.get("gaya_penomoran") or "ANGKA",
    )
    for jenis in JenisTupoksi:
        tupoksi_ganti(satker=satker, jenis=jenis, daftar=data.get(jenis.lower()) or [])
    for pejabat in data.get("pejabat") or []:
        pejabat_buat(
            satker=satker,
            nama=pejabat["nama"],
            jabatan=pejabat["jabatan"],
            sebutan_jabatan=pejabat["sebutan_jabatan"],
            nip=str(pejabat.get("nip") or ""),
            status=pejabat.get("status") or "DEFINITIF",
        )
    hasil.satker_baru.append(satker.kode)


def _muat_dokumen(data: dict[str, Any], hasil: HasilMuat) -> None:
    satker = Satker.objects.get(kode=data["satker"])
    kunci = {"satker": satker, "jenis": data["jenis"], "tahun": data["tahun"]}
    kunci["versi"] = data.get("versi") or 1
    nama = f"{satker.kode} {data['jenis']} {data['tahun']}"
    if Dokumen.objects.filter(**kunci).exists():
        hasil.dilewati.append(nama)
        return
    penandatangan = None
    if data.get("penandatangan"):
        penandatangan = Pejabat.objects.get(satker=satker, jabatan=data["penandatangan"])
    dokumen = dokumen_buat(
        **kunci,
        label_lampiran=data.get("label_lampiran") or "",
        tahun_anggaran=data.get("tahun_anggaran"),
        tempat_ttd=data.get("tempat_ttd") or "",
        tanggal_ttd=data.get("tanggal_ttd"),
        tanggal_ttd_presisi=data.get("tanggal_ttd_presisi") or "HARI",
        penandatangan=penandatangan,
    )
    # fixtures/FORMAT.md: a flat type's rows under `baris`, a grouped type's under `sasaran`,
    # each table beside them under its own key (a PK's `program`).
    terdaftar = jenis_terdaftar(dokumen.jenis)
    ganti_baris(dokumen, data["sasaran" if terdaftar.berkelompok else "baris"])
    ganti_tambahan(dokumen, {t.kunci: data.get(t.kunci) or [] for t in terdaftar.tambahan})
    hasil.dokumen_baru.append(nama)


@transaction.atomic
def muat_fixture(folder: Path) -> HasilMuat:
    """Load wilayah.yaml, then satker/*.yaml, then dokumen/*.yaml from `folder`."""
    hasil = HasilMuat()
    for data in _baca(folder / "wilayah.yaml"):
        _muat_satker(data, hasil)
    for path in sorted((folder / "satker").glob("*.yaml")):
        _muat_satker(_baca(path), hasil)
    for path in sorted((folder / "dokumen").glob("*.yaml")):
        _muat_dokumen(_baca(path), hasil)
    return hasil
