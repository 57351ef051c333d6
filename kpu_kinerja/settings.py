"""Settings for kpu_kinerja, read from the environment (see README.md, "Konfigurasi")."""

from pathlib import Path

import dj_database_url

from kpu_kinerja.env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)
# Production has no default secret: the app refuses to start without one.
SECRET_KEY = env_str("SECRET_KEY", default="dev-only-insecure-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Two-factor authentication for those who sign or reach the admin (dua_faktor/).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
LOCAL_APPS = [
    "satker",
    "dokumen",
    "indikator",
    "rencana_aksi",
    "perjanjian_kinerja",
    "pengukuran",
    "dua_faktor",
    "akun",
    "pertukaran",
    # The project package itself, for the commands that span every app (backup, restore,
    # generate_national). It has no models.
    "kpu_kinerja",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second factor (django-otp): who verified a code this login, and where it is asked.
    "django_otp.middleware.OTPMiddleware",
    "dua_faktor.middleware.DuaFaktorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kpu_kinerja.urls"
WSGI_APPLICATION = "kpu_kinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifikasi.context_processors.lonceng",
            ],
        },
    },
]

# An empty DATABASE_URL counts as unset (dj-database-url would raise on it).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The `make run` default under a small office's load: WAL lets readers go on while one
    # writes, BEGIN IMMEDIATE takes the write lock up front (a deferred transaction that starts
    # reading, then writes, fails at once with "database is locked" instead of waiting), and
    # the busy timeout makes the next writer wait its turn instead of failing.
    # With IMMEDIATE, a transaction per request would hold the one write lock through every
    # page, a slow PDF preview included: on SQLite only the services' own atomic blocks (every
    # write goes through one) open transactions, and reads run in autocommit.
    DATABASES["default"]["ATOMIC_REQUESTS"] = False
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": int(env_str("SQLITE_TIMEOUT_DETIK", default="20")),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords set in the admin, `createsuperuser` or `changepassword`: at least 10 characters,
# not in Django's list of 20,000 common passwords (messages in Indonesian from Django's own
# translations). The demo accounts (`seed_demo_users`) are set directly and keep demo12345.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["kpu_kinerja.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from the npm registry at set-up time (package.json) and are served
# from node_modules by Django/WhiteNoise: no CDN, no vendored copies in git.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    # Drag and drop of the grouped editor's rows and sasaran (static/js/editor_kelompok.js).
    ("vendor/sortablejs", BASE_DIR / "node_modules" / "sortablejs"),
]
WHITENOISE_USE_FINDERS = True
# The document editor posts every row at once: up to 500 rows × 16 fields (dokumen.editor).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The API (/api/v1/, kpu_kinerja/api_urls.py): token (`manage.py drf_create_token <user>`) or
# session login, the same access rule as the pages, JSON errors with per-field messages.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON only, capped in size and depth (a 100,000-deep body is a 400, not a RecursionError).
    "DEFAULT_PARSER_CLASSES": ["kpu_kinerja.parsers.JSONTerbatas"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Every error in Indonesian, {"detail": …} or per field; anything else goes to handler500.
    "EXCEPTION_HANDLER": "kpu_kinerja.api_galat.penangan_galat",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KPU Kinerja API",
    "DESCRIPTION": "Satker, dokumen IKU/RKT/RAK beserta barisnya, alur kerja, PDF, verifikasi.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # Swagger UI and ReDoc from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "JenisDokumenEnum": "dokumen.jenis.pilihan_jenis",
        "StatusDokumenEnum": "dokumen.models.StatusDokumen",
        "JenisTupoksiEnum": "satker.models.JenisTupoksi",
        "StatusJabatanEnum": "satker.models.StatusJabatan",
        "StatusLaporanEnum": "pengukuran.models.StatusLaporan",
        "StatusKegiatanEnum": "pengukuran.models_kegiatan.StatusKegiatan",
    },
}

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "fontTools": {"level": "ERROR"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# The public address printed in QR codes and PDF footers, so a paper copy can be checked.
SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000")

# TTE (tanda tangan elektronik), see dokumen/tte.py. An empty value counts as unset.
# Development keys live under PKI_DIR (made by `python manage.py init_pki`); a PKCS#12 file
# (e.g. a BSrE-issued certificate) replaces them for every official when TTE_PKCS12_PATH is set.
PKI_DIR = Path(env_str("PKI_DIR", default=str(VAR_DIR / "pki")))
TTE_BACKEND = env_str("TTE_BACKEND", default="lokal")
TTE_PKCS12_PATH = env_str("TTE_PKCS12_PATH", default="")
TTE_PKCS12_PASSPHRASE = env_str("TTE_PKCS12_PASSPHRASE", default="")
TTE_TIMESTAMP_URL = env_str("TTE_TIMESTAMP_URL", default="")  # RFC 3161 TSA → PAdES B-T

# Batch export (issue 6)
# "Unduh semua PDF" of a provinsi and year runs in the background (ekspor/). With a broker it
# runs on Celery workers (`celery -A kpu_kinerja worker`), which need this database and this
# MEDIA_ROOT (a shared disk when they run on other machines); without one (the default of
# `make run`) it runs in a thread of the web process. An empty value counts as unset.
INSTALLED_APPS += ["ekspor", "notifikasi"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(MEDIA_ROOT)))
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = CELERY_BROKER_URL or None  # a chord needs one: the same Redis
# Deployments (or test runs) sharing one Redis each keep their own queue.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", default="celery")
CELERY_TASK_ACKS_LATE = True  # a part whose worker dies is delivered again (parts are idempotent)
# Redis hands a task left unacknowledged (its worker was killed) to another worker after this
# long: the export's stall check (ekspor.services.BATAS_MACET, 15 minutes). A killed worker's
# parts are queued again well before, when the job is resumed (ekspor_lanjutkan_yatim).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 15 * 60}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # PDF parts are long: take one at a time, share evenly
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = TIME_ZONE

# Security and reliability (issue 6)
# HTTPS. Behind a TLS-terminating proxy set BEHIND_PROXY=1: the proxy must set X-Forwarded-Proto
# (and X-Forwarded-For, which the login throttle then reads). The test suite and the live-server
# browser tests speak plain http, so they run with SECURE_SSL_REDIRECT=0.
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # the load balancer's probe may use plain http
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", default="0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts only from files of this site, never inline (the
# pages pass data in data- attributes); /api/docs/ is drf-spectacular's split Swagger view, whose
# start-up script is a file too. Inline style attributes (progress bars, the PDF templates)
# are allowed: style-src alone keeps 'unsafe-inline'. data: images are Bootstrap's SVG icons.
# Permissions-Policy and Cache-Control: kpu_kinerja.middleware.HeaderKeamananMiddleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes): 5 failures for one username from one address lock that pair
# out for AXES_COOLOFF_MENIT minutes, on /masuk/ and /admin/login/ alike; a success resets the
# count. AXES_BATAS_ALAMAT failures from one address within the cool-off, whatever the
# usernames, lock the address (satker.backends.HandlerAxes). force_login, sessions and API
# tokens do not authenticate through the backends.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out pair before checking
    # ModelBackend reading profile, satker and the bell's unread count along (satker.backends,
    # notifikasi.backends). Sessions made under satker.backends.BackendPengguna log in again.
    "notifikasi.backends.BackendPenggunaLonceng",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = int(env_str("AXES_COOLOFF_MENIT", default="15")) / 60  # a float: hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "satker.backends.HandlerAxes"
AXES_BATAS_GAGAL_ALAMAT = int(env_str("AXES_BATAS_ALAMAT", default="20"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_COOLOFF_MESSAGE = "Akun dikunci sementara: terlalu banyak percobaan masuk. Coba lagi nanti."
# The address as the upload limit reads it: behind our proxy, the entry the proxy appended
# (django-ipware, which axes would otherwise try, is not installed).
AXES_CLIENT_IP_CALLABLE = "kpu_kinerja.klien.alamat_klien"

# Sessions: SESSION_COOKIE_AGE (14 days from the last activity) for operators; signers (Ketua,
# Sekretaris, an account linked to an official) and admins (Admin RI, reviewers, staff) get a
# session that ends SESI_PENANDATANGAN_JAM hours after login (satker.backends.batas_sesi).
SESI_PENANDATANGAN_JAM = int(env_str("SESI_PENANDATANGAN_JAM", default="12"))

# Error pages in Indonesian under `make run` too (kpu_kinerja/galat.py); 1 keeps Django's
# technical 404/500 pages for debugging.
HALAMAN_GALAT_TEKNIS = env_bool("HALAMAN_GALAT_TEKNIS", default=False)
CSRF_FAILURE_VIEW = "kpu_kinerja.galat.csrf_gagal"

# Every request gets an id (X-Request-ID, shown on the 500 page as "Kode kejadian"); log lines
# carry it with the method, path, user and satker (kpu_kinerja/middleware.py). Axes stays last.
MIDDLEWARE = [
    "kpu_kinerja.middleware.IdPermintaanMiddleware",
    "kpu_kinerja.galat.HalamanGalatMiddleware",
    *MIDDLEWARE,
    "kpu_kinerja.middleware.HeaderKeamananMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]
LOGGING["filters"] = {"konteks": {"()": "kpu_kinerja.middleware.FilterKonteksPermintaan"}}
LOGGING["formatters"] = {
    "konteks": {
        "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(method)s %(path)s "
        "user=%(user)s satker=%(satker)s: %(message)s"
    }
}
LOGGING["handlers"]["console"] |= {"filters": ["konteks"], "formatter": "konteks"}
# Filtered on the logger too, so every handler of a failed request's record gets the context.
LOGGING["loggers"]["django.request"] = {"level": "WARNING", "filters": ["konteks"]}

# The version written into backups' manifests (`manage.py backup`, kpu_kinerja/cadangan.py).
APP_VERSION = env_str("APP_VERSION", default="dev")

# Caches. With CACHE_URL (Redis, e.g. redis://127.0.0.1:6379/1) every web process and worker
# shares one cache and sessions are read from it (cached_db: written through to the database,
# so a restart of Redis logs nobody out). Without it (`make run`, the tests) each process keeps
# its own memory cache and sessions stay in the database: a per-process session cache would
# keep a logged-out session alive in the other processes. Cached fragments carry their data's
# version in the key (dokumen/tabel.py, dokumen/kemajuan.py), so either kind is correct.
CACHE_URL = env_str("CACHE_URL", default="")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # One Redis for staging and production needs CACHE_KEY_PREFIX apart; a release
            # with another APP_VERSION renders its fragments afresh.
            "KEY_PREFIX": f"{env_str('CACHE_KEY_PREFIX', default='kpu-kinerja')}:{APP_VERSION}",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public verification upload limits (issue 10)
# /verifikasi/<token>/ takes a PDF from anyone (dokumen/views_publik.py). The body is refused
# before it is read past VERIFIKASI_UKURAN_MAKS_MB; each address may check VERIFIKASI_BATAS_UNGGAH
# files (django-ratelimit, in CACHES: per process without CACHE_URL); the signature check runs
# in a child process (dokumen/periksa_terbatas.py) killed after VERIFIKASI_BATAS_DETIK seconds
# or past VERIFIKASI_BATAS_MEMORI_MB of address space, and refuses files with more signatures,
# form fields, objects or revisions than the caps below (dokumen.tte.BatasPeriksa).
VERIFIKASI_UKURAN_MAKS_MB = int(env_str("VERIFIKASI_UKURAN_MAKS_MB", default="10"))
VERIFIKASI_BATAS_UNGGAH = env_str("VERIFIKASI_BATAS_UNGGAH", default="10/m")
VERIFIKASI_BATAS_DETIK = int(env_str("VERIFIKASI_BATAS_DETIK", default="4"))  # a genuine one: ~1 s
# Checks at once on this machine (each a child process); the next upload gets a 503 at once.
VERIFIKASI_SERENTAK_MAKS = int(env_str("VERIFIKASI_SERENTAK_MAKS", default="2"))
VERIFIKASI_BATAS_MEMORI_MB = int(env_str("VERIFIKASI_BATAS_MEMORI_MB", default="256"))
VERIFIKASI_MAKS_TANDA_TANGAN = int(env_str("VERIFIKASI_MAKS_TANDA_TANGAN", default="10"))
VERIFIKASI_MAKS_FIELD = int(env_str("VERIFIKASI_MAKS_FIELD", default="200"))
VERIFIKASI_MAKS_OBJEK = int(env_str("VERIFIKASI_MAKS_OBJEK", default="50000"))
VERIFIKASI_MAKS_REVISI = int(env_str("VERIFIKASI_MAKS_REVISI", default="20"))
# The client address for the limit: X-Forwarded-For only behind the proxy (BEHIND_PROXY).
RATELIMIT_IP_META_KEY = "kpu_kinerja.klien.alamat_klien"
# Form data kept in memory per request: the editor's 500 rows with long texts fit (~1 MB
# typical); files past FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)

# Bukti dukung of a realisasi (issue 14, pengukuran/bukti.py): each file at most
# BUKTI_UKURAN_MAKS_MB (refused while the body is read, never buffered whole), at most
# BUKTI_MAKS_PER_REALISASI files per entry; what a file is is read from its bytes
# (pengukuran/jenis_berkas.py). Files live under MEDIA_ROOT/bukti/ and are served only through
# the access rule (pengukuran/views_bukti.py, pengukuran/api.py), never from MEDIA_URL.
BUKTI_UKURAN_MAKS_MB = int(env_str("BUKTI_UKURAN_MAKS_MB", default="10"))
BUKTI_MAKS_PER_REALISASI = int(env_str("BUKTI_MAKS_PER_REALISASI", default="10"))

# Two-factor authentication (dua_faktor/, django-otp): the name authenticator apps show.
OTP_TOTP_ISSUER = "SAKIP KPU"
# Accounts: email and passwords (issue 16)
# One EMAIL_URL says how mail leaves (kpu_kinerja.env.email_dari_url): smtp://user:pass@host:587
# ?tls=1 (STARTTLS), smtps://user:pass@host:465, or console: (printed: the default under DEBUG,
# so `make run` shows the reset link in its output). Unset outside DEBUG nothing is sent
# (kpu_kinerja.surel.BackendBelumDiatur logs each refusal) and a check warns at start-up.
# Messages are sent through kpu_kinerja.surel.kirim_surel.
from kpu_kinerja.env import email_dari_url  # noqa: E402 (kept with its block)

EMAIL_URL = env_str("EMAIL_URL", default="console:" if DEBUG else "")
_SUREL = email_dari_url(EMAIL_URL)
EMAIL_BACKEND = _SUREL["EMAIL_BACKEND"]
EMAIL_HOST = _SUREL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _SUREL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _SUREL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _SUREL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _SUREL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _SUREL.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _SUREL.get("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="SAKIP KPU <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[SAKIP KPU] "
# Password reset by email (satker/views_sandi.py): the link works once, for SANDI_TAUTAN_JAM
# hours; requests are limited per client address and per email address (django-ratelimit),
# with the same answer whether or not an account has that address.
PASSWORD_RESET_TIMEOUT = int(env_str("SANDI_TAUTAN_JAM", default="2")) * 3600
SANDI_BATAS_ALAMAT = env_str("SANDI_BATAS_ALAMAT", default="10/h")
SANDI_BATAS_SUREL = env_str("SANDI_BATAS_SUREL", default="3/h")
# Invitations one account may send per hour (akun.views.undang).
UNDANGAN_BATAS = env_str("UNDANGAN_BATAS", default="30/h")
