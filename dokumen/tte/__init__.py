"""TTE (tanda tangan elektronik): PAdES signatures on the published PDFs, and their check.

Callers use the `Penandatangan` interface through `penandatangan_aktif()`; `settings.TTE_BACKEND`
picks the implementation:
- "lokal": `PenandatanganLokal`, pyHanko with a local key per official — the development PKI
  made by `python manage.py init_pki` under `settings.PKI_DIR`, or one PKCS#12 file
  (`settings.TTE_PKCS12_PATH`, e.g. a BSrE-issued certificate) for every official;
- "bsre" (not built yet): an adapter that posts the PDF to BSrE's `POST /api/sign/pdf` (multipart
  `file`, `nik`, `passphrase`, `tampilan=visible`, `linkQR`=url_verifikasi, `page`/`xAxis`/`yAxis`/
  `width`/`height` from `kotak`, `reason`=alasan, `location`=lokasi) and returns the signed PDF. It
  implements the same `tandatangani` signature, so callers do not change.

A document signed by several parties (`dokumen.jenis.PihakTtd`) is rendered once and signed by
each in order (`tandatangani_berurutan`): one incremental approval signature per party, in its
own visible field (TTE1, TTE2, …) at its own signature box; the page carries one QR code to the
verification URL beside the first party's box.

The package, by concern:
- `pki`: the development CA and the officials' certificates (`init_pki`);
- `kunci`: loading a signing key (development PKI or PKCS#12) and the trust roots;
- `sertifikat`: the certificate a party signs with as people read it, and the footer's
  sentence naming its issuer (BSrE, the development CA, or another CA);
- `tandatangan`: the `Penandatangan` interface, pyHanko signing, signing in order;
- `batas`: the caps of the bounded check (`BatasPeriksa`, counted before validating);
- `periksa`: validating a PDF's signatures (`periksa_tanda_tangan`), never raising on bad input.
Everything other modules use is re-exported here, so `from dokumen.tte import …` keeps working.
"""

from dokumen.tte.batas import BatasPeriksa, BerkasTerlaluRumit, ukur_berkas
from dokumen.tte.kunci import PESAN_TIDAK_SIAP, TteTidakSiap, akar_tepercaya, nama_sertifikat
from dokumen.tte.periksa import (
    TIDAK_ADA,
    HasilPeriksa,
    TandaTanganTerperiksa,
    dalam_waktu_lokal,
    dari_json,
    ke_json,
    periksa_dengan,
    periksa_tanda_tangan,
    tidak_dapat_diperiksa,
)
from dokumen.tte.pki import (
    EKU_DOCUMENT_SIGNING,
    MASA_BERLAKU_CA,
    MASA_BERLAKU_PEJABAT,
    NAMA_CA,
    HasilInitPki,
    init_pki,
)
from dokumen.tte.sertifikat import (
    PERNYATAAN_BSRE,
    AsalSertifikat,
    InfoSertifikat,
    info_sertifikat,
    pernyataan_tte,
)
from dokumen.tte.tandatangan import (
    CADANGAN_TANDA_TANGAN,
    FONT_STEMPEL,
    FORMAT_WAKTU_STEMPEL,
    LEBAR_BARIS_NAMA,
    TEKS_STEMPEL,
    IdentitasSertifikat,
    Penandatangan,
    PenandatanganLokal,
    TandaTanganDibuat,
    identitas_penanda_terakhir,
    identitas_sertifikat,
    penandatangan_aktif,
    tandatangani_berurutan,
    timestamper,
)

# The names the single module had before the split (tests and tools import them).
_akar_tepercaya = akar_tepercaya
_timestamper = timestamper

__all__ = [
    "AsalSertifikat",
    "InfoSertifikat",
    "CADANGAN_TANDA_TANGAN",
    "EKU_DOCUMENT_SIGNING",
    "FONT_STEMPEL",
    "FORMAT_WAKTU_STEMPEL",
    "LEBAR_BARIS_NAMA",
    "MASA_BERLAKU_CA",
    "MASA_BERLAKU_PEJABAT",
    "NAMA_CA",
    "PERNYATAAN_BSRE",
    "PESAN_TIDAK_SIAP",
    "TEKS_STEMPEL",
    "TIDAK_ADA",
    "BatasPeriksa",
    "BerkasTerlaluRumit",
    "HasilInitPki",
    "HasilPeriksa",
    "IdentitasSertifikat",
    "Penandatangan",
    "PenandatanganLokal",
    "TandaTanganDibuat",
    "TandaTanganTerperiksa",
    "TteTidakSiap",
    "_akar_tepercaya",
    "_timestamper",
    "akar_tepercaya",
    "dalam_waktu_lokal",
    "dari_json",
    "identitas_penanda_terakhir",
    "identitas_sertifikat",
    "info_sertifikat",
    "init_pki",
    "ke_json",
    "nama_sertifikat",
    "penandatangan_aktif",
    "periksa_dengan",
    "periksa_tanda_tangan",
    "pernyataan_tte",
    "tandatangani_berurutan",
    "tidak_dapat_diperiksa",
    "timestamper",
    "ukur_berkas",
]
