"""A realistic PK and TW II report for the report PDF's tests: three sasaran of 2–3
indicators, long kendala and tindak lanjut texts, a qualitative indicator, a missing value and
one marked not measurable."""

from decimal import Decimal as D

from dokumen.models import StatusDokumen
from pengukuran.models import StatusLaporan
from pengukuran.services import laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import IndikatorPk
from tests.factories import PkFactory, program_pk

KENDALA_PANJANG = (
    "Pemutakhiran data pemilih berkelanjutan di 28 kecamatan terhambat karena data kependudukan "
    "dari Dinas Kependudukan dan Pencatatan Sipil baru diterima pada akhir triwulan, sehingga "
    "pencocokan dan penelitian belum dapat diselesaikan tepat waktu."
)
TINDAK_LANJUT_PANJANG = (
    "Menyusun jadwal pencocokan bersama Disdukcapil setiap bulan, menambah dua petugas "
    "operator Sidalih, dan melaporkan kemajuan setiap minggu kepada Sekretaris."
)


def indikator(nama, satuan, target, polaritas="NAIK", agregasi="TERAKHIR", tw=(), **lain):
    data = {
        "indikator": nama,
        "satuan": satuan,
        "target": target,
        "polaritas": polaritas,
        "agregasi": agregasi,
        **lain,
    }
    for n, t in enumerate(tw, start=1):
        data[f"target_tw{n}"] = t
    return data


SASARAN = [
    {
        "nomor": "1",
        "sasaran": "Meningkatnya kualitas penyelenggaraan pemutakhiran data pemilih berkelanjutan",
        "indikator": [
            indikator(
                "Jumlah laporan pemutakhiran data pemilih berkelanjutan",
                "Laporan",
                "12 Laporan",
                agregasi="KUMULATIF",
                tw=("3", "6", "9", "12"),
            ),
            indikator("Persentase data pemilih yang dimutakhirkan", "%", "100%"),
            indikator(
                "Jumlah aduan masyarakat atas data pemilih",
                "Aduan",
                "10 Aduan",
                polaritas="TURUN",
            ),
        ],
    },
    {
        "nomor": "2",
        "sasaran": "Terwujudnya tata kelola keuangan yang akuntabel",
        "indikator": [
            indikator(
                "Opini BPK atas laporan keuangan",
                "Opini",
                "WTP",
                polaritas="KUALITATIF",
                skala="OPINI_BPK",
            ),
            indikator("Persentase realisasi anggaran", "%", "95%", tw=("20", "45", "70", "95")),
        ],
    },
    {
        "nomor": "3",
        "sasaran": "Meningkatnya partisipasi masyarakat dalam pendidikan pemilih",
        "indikator": [
            indikator("Jumlah kegiatan sosialisasi pendidikan pemilih", "Kegiatan", "8 Kegiatan"),
            indikator("Indeks kepuasan peserta sosialisasi", "Indeks", "80"),
        ],
    },
]


def pk_realistis():
    return PkFactory(status=StatusDokumen.TERBIT, baris=SASARAN, tambahan={"program": program_pk()})


def laporan_tw2(pk, operator, *, status=StatusLaporan.DRAF):
    """TW I and TW II reported; TW II has a missing value (sasaran 3's first indicator) and
    one not measurable (the satisfaction index)."""
    (laporan_jumlah, persen_data, aduan, opini, serapan, sosialisasi, indeks) = list(
        IndikatorPk.objects.filter(sasaran__dokumen=pk).order_by("sasaran__urutan", "urutan")
    )
    tw1 = laporan_buka(satker=pk.satker, tahun=pk.tahun, tw=1)
    realisasi_simpan(
        laporan=tw1,
        isian={laporan_jumlah.pk: {"nilai": D(3)}, sosialisasi.pk: {"nilai": D(2)}},
        suntingan=tw1.suntingan,
        oleh=operator,
    )
    tw2 = laporan_buka(satker=pk.satker, tahun=pk.tahun, tw=2)
    realisasi_simpan(
        laporan=tw2,
        isian={
            laporan_jumlah.pk: {
                "nilai": D(2),
                "kendala": KENDALA_PANJANG,
                "solusi": TINDAK_LANJUT_PANJANG,
            },
            persen_data.pk: {"pembilang": D(45), "penyebut": D(50)},
            aduan.pk: {"nilai": D(12), "kendala": "Aduan meningkat menjelang penetapan DPT."},
            opini.pk: {"nilai_skala": "WTP"},
            serapan.pk: {
                "nilai": D("38.5"),
                "kendala": "Pencairan dana hibah tertunda.",
                "solusi": "Percepatan pengadaan triwulan III.",
            },
            indeks.pk: {
                "tidak_terukur": True,
                "alasan_tidak_terukur": "Survei kepuasan baru dilaksanakan pada triwulan III",
            },
        },
        suntingan=tw2.suntingan,
        oleh=operator,
    )
    if status != StatusLaporan.DRAF:
        tw2.status = status
        tw2.save(update_fields=["status"])
    tw2.refresh_from_db()
    return tw2
