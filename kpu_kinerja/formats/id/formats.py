# Django's own `id` locale renders DATE_FORMAT as "26 Jan. 2024"; official documents spell the
# month out ("26 Januari 2024"), so the long formats are overridden here.
DATE_FORMAT = "j F Y"
# One date-time style everywhere (kpu_kinerja.formats.waktu_lengkap): "2 Desember 2026 pukul
# 03.20 WIB".
DATETIME_FORMAT = r"j F Y \p\u\k\u\l H.i T"
MONTH_YEAR_FORMAT = "F Y"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H.i"
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
