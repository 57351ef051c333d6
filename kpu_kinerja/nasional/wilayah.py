"""The 38 provinsi and 514 kabupaten/kota of Indonesia (after the 2022 Papua split).

Names are the official ones without "Kabupaten"/"Kota"; the seat of each provinsi is where its
KPU signs. A kabupaten's seat is not listed, so generated kab/kota sign in a town named after
themselves ("Pandeglang"), which is right for most kota and close enough for load testing.
"""

from dataclasses import dataclass

from django.utils.text import slugify


@dataclass(frozen=True)
class KabKota:
    kode: str
    jenis: str  # "Kabupaten" | "Kota"
    nama: str

    @property
    def wilayah(self) -> str:
        """ "Kabupaten Pandeglang", "Kota Cilegon"."""
        return f"{self.jenis} {self.nama}"

    @property
    def singkat(self) -> str:
        """ "Kab. Pandeglang", "Kota Cilegon"."""
        return f"Kab. {self.nama}" if self.jenis == "Kabupaten" else self.wilayah


@dataclass(frozen=True)
class Provinsi:
    kode: str
    nama: str
    ibukota: str
    kabkota: tuple[KabKota, ...]


# nama | ibukota | kabupaten, comma-separated | kota, comma-separated
_DATA = """
Aceh|Banda Aceh|Aceh Barat, Aceh Barat Daya, Aceh Besar, Aceh Jaya, Aceh Selatan, Aceh Singkil, \
Aceh Tamiang, Aceh Tengah, Aceh Tenggara, Aceh Timur, Aceh Utara, Bener Meriah, Bireuen, \
Gayo Lues, Nagan Raya, Pidie, Pidie Jaya, Simeulue|Banda Aceh, Langsa, Lhokseumawe, Sabang, \
Subulussalam
Sumatera Utara|Medan|Asahan, Batu Bara, Dairi, Deli Serdang, Humbang Hasundutan, Karo, \
Labuhanbatu, Labuhanbatu Selatan, Labuhanbatu Utara, Langkat, Mandailing Natal, Nias, \
Nias Barat, Nias Selatan, Nias Utara, Padang Lawas, Padang Lawas Utara, Pakpak Bharat, Samosir, \
Serdang Bedagai, Simalungun, Tapanuli Selatan, Tapanuli Tengah, Tapanuli Utara, Toba|Binjai, \
Gunungsitoli, Medan, Padangsidimpuan, Pematangsiantar, Sibolga, Tanjungbalai, Tebing Tinggi
Sumatera Barat|Padang|Agam, Dharmasraya, Kepulauan Mentawai, Lima Puluh Kota, Padang Pariaman, \
Pasaman, Pasaman Barat, Pesisir Selatan, Sijunjung, Solok, Solok Selatan, Tanah Datar|\
Bukittinggi, Padang, Padang Panjang, Pariaman, Payakumbuh, Sawahlunto, Solok
Riau|Pekanbaru|Bengkalis, Indragiri Hilir, Indragiri Hulu, Kampar, Kepulauan Meranti, \
Kuantan Singingi, Pelalawan, Rokan Hilir, Rokan Hulu, Siak|Dumai, Pekanbaru
Jambi|Jambi|Batanghari, Bungo, Kerinci, Merangin, Muaro Jambi, Sarolangun, \
Tanjung Jabung Barat, Tanjung Jabung Timur, Tebo|Jambi, Sungai Penuh
Sumatera Selatan|Palembang|Banyuasin, Empat Lawang, Lahat, Muara Enim, Musi Banyuasin, \
Musi Rawas, Musi Rawas Utara, Ogan Ilir, Ogan Komering Ilir, Ogan Komering Ulu, \
Ogan Komering Ulu Selatan, Ogan Komering Ulu Timur, Penukal Abab Lematang Ilir|Lubuklinggau, \
Pagar Alam, Palembang, Prabumulih
Bengkulu|Bengkulu|Bengkulu Selatan, Bengkulu Tengah, Bengkulu Utara, Kaur, Kepahiang, Lebong, \
Mukomuko, Rejang Lebong, Seluma|Bengkulu
Lampung|Bandar Lampung|Lampung Barat, Lampung Selatan, Lampung Tengah, Lampung Timur, \
Lampung Utara, Mesuji, Pesawaran, Pesisir Barat, Pringsewu, Tanggamus, Tulang Bawang, \
Tulang Bawang Barat, Way Kanan|Bandar Lampung, Metro
Kepulauan Bangka Belitung|Pangkalpinang|Bangka, Bangka Barat, Bangka Selatan, Bangka Tengah, \
Belitung, Belitung Timur|Pangkalpinang
Kepulauan Riau|Tanjungpinang|Bintan, Karimun, Kepulauan Anambas, Lingga, Natuna|Batam, \
Tanjungpinang
DKI Jakarta|Jakarta|Kepulauan Seribu|Jakarta Barat, Jakarta Pusat, Jakarta Selatan, \
Jakarta Timur, Jakarta Utara
Jawa Barat|Bandung|Bandung, Bandung Barat, Bekasi, Bogor, Ciamis, Cianjur, Cirebon, Garut, \
Indramayu, Karawang, Kuningan, Majalengka, Pangandaran, Purwakarta, Subang, Sukabumi, Sumedang, \
Tasikmalaya|Bandung, Banjar, Bekasi, Bogor, Cimahi, Cirebon, Depok, Sukabumi, Tasikmalaya
Jawa Tengah|Semarang|Banjarnegara, Banyumas, Batang, Blora, Boyolali, Brebes, Cilacap, Demak, \
Grobogan, Jepara, Karanganyar, Kebumen, Kendal, Klaten, Kudus, Magelang, Pati, Pekalongan, \
Pemalang, Purbalingga, Purworejo, Rembang, Semarang, Sragen, Sukoharjo, Tegal, Temanggung, \
Wonogiri, Wonosobo|Magelang, Pekalongan, Salatiga, Semarang, Surakarta, Tegal
DI Yogyakarta|Yogyakarta|Bantul, Gunungkidul, Kulon Progo, Sleman|Yogyakarta
Jawa Timur|Surabaya|Bangkalan, Banyuwangi, Blitar, Bojonegoro, Bondowoso, Gresik, Jember, \
Jombang, Kediri, Lamongan, Lumajang, Madiun, Magetan, Malang, Mojokerto, Nganjuk, Ngawi, Pacitan, \
Pamekasan, Pasuruan, Ponorogo, Probolinggo, Sampang, Sidoarjo, Situbondo, Sumenep, Trenggalek, \
Tuban, Tulungagung|Batu, Blitar, Kediri, Madiun, Malang, Mojokerto, Pasuruan, Probolinggo, \
Surabaya
Banten|Serang|Lebak, Pandeglang, Serang, Tangerang|Cilegon, Serang, Tangerang, \
Tangerang Selatan
Bali|Denpasar|Badung, Bangli, Buleleng, Gianyar, Jembrana, Karangasem, Klungkung, Tabanan|\
Denpasar
Nusa Tenggara Barat|Mataram|Bima, Dompu, Lombok Barat, Lombok Tengah, Lombok Timur, \
Lombok Utara, Sumbawa, Sumbawa Barat|Bima, Mataram
Nusa Tenggara Timur|Kupang|Alor, Belu, Ende, Flores Timur, Kupang, Lembata, Malaka, Manggarai, \
Manggarai Barat, Manggarai Timur, Nagekeo, Ngada, Rote Ndao, Sabu Raijua, Sikka, Sumba Barat, \
Sumba Barat Daya, Sumba Tengah, Sumba Timur, Timor Tengah Selatan, Timor Tengah Utara|Kupang
Kalimantan Barat|Pontianak|Bengkayang, Kapuas Hulu, Kayong Utara, Ketapang, Kubu Raya, Landak, \
Melawi, Mempawah, Sambas, Sanggau, Sekadau, Sintang|Pontianak, Singkawang
Kalimantan Tengah|Palangka Raya|Barito Selatan, Barito Timur, Barito Utara, Gunung Mas, Kapuas, \
Katingan, Kotawaringin Barat, Kotawaringin Timur, Lamandau, Murung Raya, Pulang Pisau, Seruyan, \
Sukamara|Palangka Raya
Kalimantan Selatan|Banjarbaru|Balangan, Banjar, Barito Kuala, Hulu Sungai Selatan, \
Hulu Sungai Tengah, Hulu Sungai Utara, Kotabaru, Tabalong, Tanah Bumbu, Tanah Laut, Tapin|\
Banjarbaru, Banjarmasin
Kalimantan Timur|Samarinda|Berau, Kutai Barat, Kutai Kartanegara, Kutai Timur, Mahakam Ulu, \
Paser, Penajam Paser Utara|Balikpapan, Bontang, Samarinda
Kalimantan Utara|Tanjung Selor|Bulungan, Malinau, Nunukan, Tana Tidung|Tarakan
Sulawesi Utara|Manado|Bolaang Mongondow, Bolaang Mongondow Selatan, Bolaang Mongondow Timur, \
Bolaang Mongondow Utara, Kepulauan Sangihe, Kepulauan Siau Tagulandang Biaro, Kepulauan Talaud, \
Minahasa, Minahasa Selatan, Minahasa Tenggara, Minahasa Utara|Bitung, Kotamobagu, Manado, Tomohon
Sulawesi Tengah|Palu|Banggai, Banggai Kepulauan, Banggai Laut, Buol, Donggala, Morowali, \
Morowali Utara, Parigi Moutong, Poso, Sigi, Tojo Una-Una, Tolitoli|Palu
Sulawesi Selatan|Makassar|Bantaeng, Barru, Bone, Bulukumba, Enrekang, Gowa, Jeneponto, \
Kepulauan Selayar, Luwu, Luwu Timur, Luwu Utara, Maros, Pangkajene dan Kepulauan, Pinrang, \
Sidenreng Rappang, Sinjai, Soppeng, Takalar, Tana Toraja, Toraja Utara, Wajo|Makassar, Palopo, \
Parepare
Sulawesi Tenggara|Kendari|Bombana, Buton, Buton Selatan, Buton Tengah, Buton Utara, Kolaka, \
Kolaka Timur, Kolaka Utara, Konawe, Konawe Kepulauan, Konawe Selatan, Konawe Utara, Muna, \
Muna Barat, Wakatobi|Baubau, Kendari
Gorontalo|Gorontalo|Boalemo, Bone Bolango, Gorontalo, Gorontalo Utara, Pohuwato|Gorontalo
Sulawesi Barat|Mamuju|Majene, Mamasa, Mamuju, Mamuju Tengah, Pasangkayu, Polewali Mandar|
Maluku|Ambon|Buru, Buru Selatan, Kepulauan Aru, Kepulauan Tanimbar, Maluku Barat Daya, \
Maluku Tengah, Maluku Tenggara, Seram Bagian Barat, Seram Bagian Timur|Ambon, Tual
Maluku Utara|Sofifi|Halmahera Barat, Halmahera Selatan, Halmahera Tengah, Halmahera Timur, \
Halmahera Utara, Kepulauan Sula, Pulau Morotai, Pulau Taliabu|Ternate, Tidore Kepulauan
Papua|Jayapura|Biak Numfor, Jayapura, Keerom, Kepulauan Yapen, Mamberamo Raya, Sarmi, Supiori, \
Waropen|Jayapura
Papua Barat|Manokwari|Fakfak, Kaimana, Manokwari, Manokwari Selatan, Pegunungan Arfak, \
Teluk Bintuni, Teluk Wondama|
Papua Selatan|Merauke|Asmat, Boven Digoel, Mappi, Merauke|
Papua Tengah|Nabire|Deiyai, Dogiyai, Intan Jaya, Mimika, Nabire, Paniai, Puncak, Puncak Jaya|
Papua Pegunungan|Wamena|Jayawijaya, Lanny Jaya, Mamberamo Tengah, Nduga, Pegunungan Bintang, \
Tolikara, Yahukimo, Yalimo|
Papua Barat Daya|Sorong|Maybrat, Raja Ampat, Sorong, Sorong Selatan, Tambrauw|Sorong
"""


def _daftar(teks: str) -> list[str]:
    return [nama.strip() for nama in teks.split(",") if nama.strip()]


def _baca() -> tuple[Provinsi, ...]:
    semua = []
    for baris in _DATA.strip().splitlines():
        nama, ibukota, kabupaten, kota = baris.split("|")
        kabkota = [KabKota(f"kab-{slugify(n)}", "Kabupaten", n) for n in _daftar(kabupaten)]
        kabkota += [KabKota(f"kota-{slugify(n)}", "Kota", n) for n in _daftar(kota)]
        semua.append(Provinsi(f"prov-{slugify(nama)}", nama, ibukota, tuple(kabkota)))
    return tuple(semua)


PROVINSI: tuple[Provinsi, ...] = _baca()
