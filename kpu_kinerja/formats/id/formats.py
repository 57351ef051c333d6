# Django's own `id` locale renders DATE_FORMAT as "26 Jan. 2024"; official documents spell the
# month out ("26 Januari 2024"), so the long formats are overridden here.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i"
MONTH_YEAR_FORMAT = "F Y"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H.i"
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
