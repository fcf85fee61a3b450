"""One settings module, read from environment variables.

The defaults make the embedded demo work with nothing installed (SQLite under var/,
tasks run in-process, e-mails printed to the console). `.env.example` lists what
production sets.
"""

import os
import re
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from technopark.core.client_address import parse_networks

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("TECHNOPARK_VAR_DIR", PROJECT_DIR / "var"))


# A setting with a value it cannot mean stops the start with ImproperlyConfigured, naming
# the variable, the value and what it accepts (docs/operations.md, "Settings"). An empty
# value is the same as no value: the default.
_TRUE_WORDS = ("1", "true", "yes", "on", "oui")
_FALSE_WORDS = ("0", "false", "no", "off", "non")


def _refuse(name: str, value: str, accepted: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"The environment variable {name} is {value!r}, which is not valid: {accepted}."
    )


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if value.lower() in _TRUE_WORDS:
        return True
    if value.lower() in _FALSE_WORDS:
        return False
    accepted = ", ".join(f"{t}/{f}" for t, f in zip(_TRUE_WORDS, _FALSE_WORDS, strict=True))
    raise _refuse(name, value, f"use one of {accepted} (in any case)")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.lstrip("-").isdigit() or int(value) < minimum:
        raise _refuse(name, value, f"use a whole number of at least {minimum}")
    return int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int_list(name: str, default: str, *, minimum: int = 0) -> list[int]:
    items = env_list(name, default)
    if not all(i.isascii() and i.isdigit() and int(i) >= minimum for i in items):
        raise _refuse(
            name, os.environ[name], f"use whole numbers of at least {minimum}, separated by commas"
        )
    return [int(i) for i in items]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, "").strip() or default
    if value not in choices:
        raise _refuse(name, value, "use one of " + ", ".join(choices))
    return value


def env_rate(name: str, default: str) -> str:
    """A rate limit: a count per period, "600/m", "10/h", "100/5m" (s, m, h, d)."""
    value = os.environ.get(name, "").strip() or default
    if not re.fullmatch(r"[0-9]+/[0-9]*[smhd]", value) or value.startswith("0"):
        raise _refuse(name, value, 'use a count per period such as "600/m", "10/h" or "100/5m"')
    return value


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY", "insecure-demo-key-change-me-in-production-0123456789abcdef")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
TESTING = env_bool("TECHNOPARK_TESTING", default=False) or "pytest" in sys.modules

INSTALLED_APPS = [
    "technopark.accounts.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "auditlog",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "technopark.core",
    "technopark.accounts",
    "technopark.notifications",
    "technopark.network",
    "technopark.startups",
    "technopark.documents",
    "technopark.programs",
    "technopark.support",
    "technopark.billing",
    "technopark.hosting",
    "technopark.payments",
    "technopark.booking",
    "technopark.desk",
    "technopark.community",
    "technopark.committee",
    "technopark.surveys",
    "technopark.messaging",
    "technopark.impact",
    "technopark.interchange",
    "technopark.publishing",
    "technopark.privacy",
    "technopark.federation",
    "technopark.webhooks",
    "technopark.search",
    "technopark.signatures",
    "technopark.house",  # composes the apps above: the top layer
    # After the platform's apps: their translations win over allauth's (its Arabic
    # "Cancel" reads "يلغي", a verb, on every cancel button).
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "technopark.core.operations.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "technopark.core.language.LanguageParameterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "technopark.core.audit.AuditlogMiddleware",
    "technopark.accounts.middleware.StaffTwoFactorMiddleware",
    "technopark.core.export_language.ExportLanguageMiddleware",
    "technopark.accounts.middleware.HtmxLoginRedirectMiddleware",
    "technopark.core.public_cache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "technopark.urls"
WSGI_APPLICATION = "technopark.wsgi.application"

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
                "technopark.house.context.platform",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'technopark.sqlite3'}")
# Connections are kept between requests (seconds; 0 closes each at the end of its
# request): opening one costs more than most pages' queries (on SQLite, ~2 ms of CPU to
# open the file, register Django's functions and run the PRAGMAs below). A kept
# connection holds no lock between requests (autocommit), so SQLite's writers still take
# turns as below, and a broken one is replaced at the next request.
try:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    }
except ValueError as exc:  # an unknown scheme: the library's message lists the known ones
    raise _refuse("DATABASE_URL", DATABASE_URL.split("://")[0] + "://…", str(exc)) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
    # the start of every transaction, so check-then-insert sequences are serialised.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # Reading the file through a memory map shares the operating system's cache
        # between the workers' connections instead of copying every page into each one's
        # own cache (the bilan at 100,000 startups reads ~100 MB). The import turns it off
        # on its connection (interchange.importer).
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA mmap_size=2147418112; PRAGMA cache_size=-65536;"
        ),
    }
    # A file, not memory, so tests that race threads share one database.
    # One file per test process, so parallel runs never share a test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if IS_POSTGRES:
    # No JIT compilation: it spends ~130 ms compiling a bilan's queries that run in less
    # (the records here are read by index or in short scans, never for minutes).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# --- Cache, tasks, e-mail -------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Demo and tests run tasks in-process. Production runs TASKS_BACKEND=database: the tasks
# are rows of the application's own PostgreSQL database (written in the same transaction
# as the change that queued them), run by `technopark db_worker` processes; add as many
# workers as the load needs. (The Redis/RQ backend was removed: see docs/operations.md.)
TASKS_BACKEND = env_choice("TASKS_BACKEND", "immediate", ("immediate", "database"))
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND],
    }
}
# A background job whose worker gave no sign of life for this long is shown as stopped,
# with a retry button (a worker killed mid-job leaves its row "running" forever).
TECHNOPARK_JOB_STALL_SECONDS = env_int("JOB_STALL_SECONDS", 600)
# Webhooks (docs/webhooks.md): receivers on private, loopback or link-local addresses are
# refused outside DEBUG and the tests (SSRF, docs/security.md); seconds a receiver has to answer.
TECHNOPARK_WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", default=DEBUG or TESTING)
TECHNOPARK_WEBHOOKS_TIMEOUT = env_int("WEBHOOKS_TIMEOUT", 10, minimum=1)
# /readyz answers 503 when the oldest waiting job is older than this (0: reported only).
TECHNOPARK_READY_MAX_QUEUE_AGE = env_int("READY_MAX_QUEUE_AGE", 0)
# /metrics: with a token, only `Authorization: Bearer <token>`; without, loopback only.
TECHNOPARK_METRICS_TOKEN = env_str("METRICS_TOKEN")
# Public pages cached for anonymous visitors (core/public_cache.py): the freshness window
# in seconds behind the signal-based invalidation; 0 turns it off (the default in tests,
# whose transactions never commit, so invalidation on commit would never run).
TECHNOPARK_PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 0 if TESTING else 300)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Technopark <no-reply@technopark.ma>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Payment reminders, in days after an invoice's due date; after the last one the site's
# managers are told.
INVOICE_REMINDER_DAYS = env_int_list("INVOICE_REMINDER_DAYS", "7,15,30", minimum=1)
# Card payments (payments/providers.py): the gateway's hosted payment page and the merchant's
# credentials. The defaults point at the simulator (`technopark payment-gateway-simulator`).
PAYMENTS_GATEWAY_URL = env_str("PAYMENTS_GATEWAY_URL", "http://127.0.0.1:8025/fim/est3Dgate")
PAYMENTS_CMI_CLIENT_ID = env_str("PAYMENTS_CMI_CLIENT_ID", "600000001")
PAYMENTS_CMI_STORE_KEY = env_str("PAYMENTS_CMI_STORE_KEY", "TEST1234")

# --- People ----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# One address signs in: the account's own (`User.email`, unique), which Django's backend
# reads (USERNAME_FIELD). allauth's backend is left out: it also signs in with any address
# a person added on /accounts/email/, verified or not.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
# One address per account: a new one replaces it once its link is followed (before that it
# signs nobody in); another account's address is refused (accounts.forms.AddEmailForm).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_FORMS = {"add_email": "technopark.accounts.forms.AddEmailForm"}
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ALLOW_REGISTRATION = False
ACCOUNT_ADAPTER = "technopark.accounts.adapter.AccountAdapter"
# Per address and per account, with a cool-off: 10 failures a minute from one address,
# 5 failures in 5 minutes on one account lock that account's login for the window.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Technopark"
# Staff roles must have two-factor authentication turned on (see accounts.middleware).
TECHNOPARK_REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", default=not DEBUG and not TESTING)

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security -------------------------------------------------------------------------
SECURE_HTTPS = env_bool("SECURE_HTTPS", default=False)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_HTTPS else None
# The reverse proxies in front of the application servers (addresses or networks): only a
# request from one of them has its client's address read from X-Forwarded-For
# (technopark/core/client_address.py). Empty: REMOTE_ADDR is the client.
TECHNOPARK_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
try:
    parse_networks(TECHNOPARK_TRUSTED_PROXIES)
except ValueError as exc:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {exc}") from None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Languages and formats ---------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("ar", "العربية"), ("en", "English")]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "technopark_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Africa/Casablanca"
FORMAT_MODULE_PATH = ["technopark.formats"]

# --- Files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(PROJECT_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
# Uploads live outside the web root and are only served through views that check access.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "uploads")))
MEDIA_URL = "/files/"
# The certificate and key (PEM) that seal electronically signed PDFs; unset, a self-signed
# demo certificate under the var directory (docs/signatures.md).
SIGNATURES_CERT = env_str("SIGNATURES_CERT", "")
SIGNATURES_KEY = env_str("SIGNATURES_KEY", "")
SIGNATURES_KEY_PASSPHRASE = env_str("SIGNATURES_KEY_PASSPHRASE", "")
STORAGES = {
    # Writes a file whole or not at all, and says when the disk is full (core/storage.py).
    "default": {"BACKEND": "technopark.core.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
TECHNOPARK_MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
# The document vault (docs/documents.md): the largest file, the days before a document's
# expiry its startup is reminded, the days before a request's due date it is reminded.
DOCUMENT_MAX_UPLOAD_BYTES = env_int("DOCUMENT_MAX_UPLOAD_BYTES", 8 * 1024 * 1024)
DOCUMENT_EXPIRY_REMINDER_DAYS = env_int("DOCUMENT_EXPIRY_REMINDER_DAYS", 30)
DOCUMENT_REQUEST_REMINDER_DAYS = env_int("DOCUMENT_REQUEST_REMINDER_DAYS", 3)
# How far a .zip or .xlsx someone sends may expand (core/archives.py), checked from its index
# before reading it; and the cells a table read from one may hold (interchange/readers.py).
TECHNOPARK_ARCHIVE_MAX_MEMBERS = env_int("ARCHIVE_MAX_MEMBERS", 1000)
TECHNOPARK_ARCHIVE_MAX_EXPANDED_BYTES = env_int("ARCHIVE_MAX_EXPANDED_BYTES", 256 * 1024 * 1024)
TECHNOPARK_ARCHIVE_MAX_PART_BYTES = env_int("ARCHIVE_MAX_PART_BYTES", 32 * 1024 * 1024)
TECHNOPARK_ARCHIVE_MAX_RATIO = env_int("ARCHIVE_MAX_RATIO", 100)
TECHNOPARK_IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 20_000_000)

# --- The platform ------------------------------------------------------------------------
TECHNOPARK_OPERATOR = env_str("OPERATOR_NAME", "MITC")
TECHNOPARK_CNDP_DECLARATION = env_str("CNDP_DECLARATION", "D-W-000/2026")
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_CLASS = "technopark.core.api_paging.Paged"  # count, stable order, updated_since
# API calls per user (token or session) and per client address, counted in the cache.
TECHNOPARK_API_RATE_LIMITS = {
    "user": env_rate("API_RATE_LIMIT_USER", "600/m"),
    "ip": env_rate("API_RATE_LIMIT_IP", "1200/m"),
}
# Personal data kept no longer than needed (days), then anonymised by `technopark daily`.
TECHNOPARK_RETENTION_DECLINED_APPLICATIONS_DAYS = env_int(
    "RETENTION_DECLINED_APPLICATIONS_DAYS", 730
)
TECHNOPARK_RETENTION_AUDIT_DAYS = env_int("RETENTION_AUDIT_DAYS", 5 * 365)
FORMS_URLFIELD_ASSUME_HTTPS = True

AUDITLOG_INCLUDE_ALL_MODELS = False

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    MEDIA_ROOT = VAR_DIR / f"test-uploads-{os.getpid()}"
    # High enough that concurrency tests (50 parallel POSTs) are never throttled.
    TECHNOPARK_API_RATE_LIMITS = {"user": "100000/m", "ip": "100000/m"}

# Logs go to stderr (the service manager keeps them): JSON lines in production, one per
# request from technopark.request (method, path, view, status, duration_ms, user_id).
LOG_FORMAT = env_choice("LOG_FORMAT", "json", ("json", "text"))
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "WARNING", _LOG_LEVELS)},
    "loggers": {
        "technopark.request": {
            "level": "INFO" if env_bool("REQUEST_LOG", default=not TESTING) else "WARNING"
        },
        # The request line above replaces Django's own 4xx/5xx warning lines.
        "django.request": {"level": "ERROR"},
    },
}

# A role's uniqueness treats empty scopes as equal (nulls_distinct=False): PostgreSQL
# enforces it; SQLite cannot, and role_grant() uses get_or_create, so the demo is safe.
SILENCED_SYSTEM_CHECKS = ["models.W047"]
