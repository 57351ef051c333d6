"""The per-indicator chart: well-formed SVG with every text escaped, cumulative lines for a
cumulative indicator, a missing quarter breaking the line, a range as a band, a scale as the
axis."""

import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest

from pengukuran.grafik import DataGrafik, data_grafik, grafik_svg
from pengukuran.selectors import tabel_pengukuran
from pengukuran.services import laporan_buka, realisasi_simpan
from perjanjian_kinerja.models import IndikatorPk

SVG = "{http://www.w3.org/2000/svg}"


def _pohon(data: DataGrafik) -> ET.Element:
    return ET.fromstring(str(grafik_svg(data)))


def _teks(akar: ET.Element) -> list[str]:
    return [t.text for t in akar.iter(f"{SVG}text")]


def test_it_is_well_formed_and_escapes_every_text():
    judul = "<script>alert(\"x\")</script> & Laporan 'BMN'"
    data = DataGrafik(judul, (D(3), D(6), D(9), D(12)), (D(3), None, None, None), "<b>kali</b>")

    svg = str(grafik_svg(data))
    akar = ET.fromstring(svg)  # raises on anything not well-formed

    assert akar.tag == f"{SVG}svg"
    assert "<script" not in svg
    assert "<b>" not in svg
    assert akar.find(f"{SVG}title").text == f"Target dan realisasi: {judul}"
    assert akar.get("aria-label") == f"Target dan realisasi: {judul}"
    assert "Target (<b>kali</b>)" in _teks(akar)
    assert not [e for e in akar.iter() if e.get("id")]


def test_it_describes_the_quarters_in_indonesian():
    data = DataGrafik("Persentase", (D(90),) * 4, (D("1234.5"), D("87.25"), None, None), "%")

    desc = _pohon(data).find(f"{SVG}desc").text

    assert desc.startswith("TW I: target 90, realisasi 1.234,5; TW II: target 90, realisasi 87,25")
    assert "TW III: target 90, realisasi belum diisi" in desc


def test_a_missing_quarter_breaks_the_line():
    data = DataGrafik("Uji", (D(1),) * 4, (D(1), None, D(3), D(4)))

    akar = _pohon(data)

    garis = [p for p in akar.iter(f"{SVG}polyline") if p.get("stroke") == "#7a1414"]
    assert [len(p.get("points").split()) for p in garis] == [2]  # TW III–IV only
    titik = [c for c in akar.iter(f"{SVG}circle") if c.get("r") == "3.5"]
    assert len(titik) == 3


def test_a_range_is_a_band_and_a_scale_is_the_axis():
    rentang = _pohon(DataGrafik("Rentang", (None,) * 4, (D(5),) * 4, rentang=(D(4), D(6))))
    skala = ("WTP", "WDP", "TW", "TMP")
    kualitatif = _pohon(DataGrafik("Opini", (D(3),) * 4, (D(2), D(3), None, None), skala=skala))

    assert any(r.get("fill-opacity") == "0.15" for r in rentang.iter(f"{SVG}rect"))
    assert "Rentang target" in _teks(rentang)
    teks = _teks(kualitatif)
    assert [t for t in teks if t in skala][:4] == ["TMP", "TW", "WDP", "WTP"]  # best on top
    assert teks.count("WDP") == 2  # an axis label and a point's label: scale values


def test_nothing_to_draw_still_draws_the_axes():
    akar = _pohon(DataGrafik("Kosong", (None,) * 4, (None,) * 4))

    assert "TW IV" in _teks(akar)


@pytest.mark.django_db
def test_a_cumulative_indicator_is_drawn_as_running_totals(pk_terbit, operator):
    jumlah = (
        IndikatorPk.objects.filter(sasaran__dokumen=pk_terbit, agregasi="KUMULATIF")
        .order_by("sasaran__urutan", "urutan")
        .first()
    )
    for tw, nilai in ((1, D(3)), (2, D(2))):
        laporan = laporan_buka(satker=pk_terbit.satker, tahun=2024, tw=tw)
        realisasi_simpan(
            laporan=laporan, isian={jumlah.pk: {"nilai": nilai}}, suntingan=0, oleh=operator
        )
    baris = tabel_pengukuran(pk_terbit.satker, 2024, sampai_tw=2).sasaran[0].indikator[0]

    data = data_grafik(baris)

    assert data.kumulatif
    assert data.target == (D(3), D(6), D(9), D(12))
    assert data.realisasi == (D(3), D(5), None, None)
    assert "Realisasi kumulatif" in _teks(_pohon(data))
