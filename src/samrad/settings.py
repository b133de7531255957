"""Django settings, read from the environment.

SAMRAD_DATABASE_URL  sqlite:///var/samrad.sqlite3 (default, relative to the working directory) or
                     postgresql://user@host:5432/name
SAMRAD_SECRET_KEY    required when SAMRAD_PRODUCTION=1
SAMRAD_DEBUG         1/0 (default 0)
SAMRAD_ALLOWED_HOSTS comma-separated (default 127.0.0.1,localhost)
SAMRAD_HOME          where var/ lives (default: the working directory)
SAMRAD_CSRF_TRUSTED_ORIGINS  comma-separated origins, only when a proxy rewrites the host
SAMRAD_TRUSTED_PROXIES       proxies in front that append to X-Forwarded-For (1 behind nginx; default 0)
SAMRAD_PUBLIC_POST_LIMIT, SAMRAD_SURVEY_RATE_LIMIT, SAMRAD_LOGIN_ADDRESS_LIMIT  "count/seconds" per address, 0: off
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("SAMRAD_HOME", os.getcwd())).resolve()
VAR_DIR = HOME / "var"


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


PRODUCTION = _flag("SAMRAD_PRODUCTION")
DEBUG = _flag("SAMRAD_DEBUG")

DEVELOPMENT_SECRET_KEY = "samrad-development-key-not-for-production-use-0123456789"
SECRET_KEY = os.environ.get("SAMRAD_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        # Read before translations exist, so the message is in both languages. samrad.cli prints it without
        # a traceback.
        raise ImproperlyConfigured(
            "SAMRAD_SECRET_KEY saknas. Med SAMRAD_PRODUCTION=1 måste en hemlig nyckel anges i miljön, t.ex. i "
            "tjänstens miljöfil (se docs/operations.md, Deployment).\n"
            "SAMRAD_SECRET_KEY is not set. With SAMRAD_PRODUCTION=1 samrad needs a secret key from the environment, "
            "e.g. in the service's environment file (see docs/operations.md, Deployment).\n"
            "Create one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Development only: a fixed key is fine because nothing here is secret. It is public, so a production
    # site with SAMRAD_SECRET_KEY set to it is refused by the system check (samrad.core.checks).
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("SAMRAD_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "samrad.core",
    "samrad.accounts",
    "samrad.audit",
    "samrad.consultations",
    "samrad.participation",
    "samrad.intake",
    "samrad.review",
    "samrad.publication",
    "samrad.results",
    "samrad.followup",
    "samrad.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed (a results page of ~60 KB travels as ~15 KB). Django's GZipMiddleware pads its
    # output at random and CSRF tokens are masked per response, which is Django's answer to BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "samrad.security.SecurityHeadersMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "samrad.urls"
WSGI_APPLICATION = "samrad.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if not os.environ.get("SAMRAD_DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("SAMRAD_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'samrad.sqlite3'}",
        conn_max_age=int(os.environ.get("SAMRAD_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers and one writer work at once; the timeout waits for the writer instead of failing.
    # synchronous=FULL: a commit is on disk before the answer is acknowledged, even across a power cut.
    # secure_delete zeroes freed pages, so erased personal data does not linger in the file.
    # Connections are kept (CONN_MAX_AGE): closing the last one forces a WAL checkpoint on every request.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;",
    }
# Several checkouts may test against one PostgreSQL server at once; each can name its test database.
if os.environ.get("SAMRAD_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["SAMRAD_TEST_DB_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# A staff session lasts a working day; closing the browser does not end it, logging out does.
SESSION_COOKIE_AGE = int(os.environ.get("SAMRAD_SESSION_HOURS", "10")) * 3600
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
# Failed logins per user name within the window before logging in is refused for a while.
SAMRAD_LOGIN_ATTEMPTS = int(os.environ.get("SAMRAD_LOGIN_ATTEMPTS", "5"))
SAMRAD_LOGIN_WINDOW_MINUTES = 15
# Per-address limits, counted in the database (samrad.core.ratelimit): "count/seconds", "0" turns one off.
# Failed logins from one address, whatever the user names:
SAMRAD_LOGIN_ADDRESS_LIMIT = os.environ.get("SAMRAD_LOGIN_ADDRESS_LIMIT", "20/900")
# Sign-ups, resent links, feedback and password-reset mails, each counted on its own:
SAMRAD_PUBLIC_POST_LIMIT = os.environ.get("SAMRAD_PUBLIC_POST_LIMIT", "10/600")
# Survey answers (an office behind one address can still answer):
SAMRAD_SURVEY_RATE_LIMIT = os.environ.get("SAMRAD_SURVEY_RATE_LIMIT", "30/600")
# How many proxies in front append to X-Forwarded-For: 1 behind nginx. With 0 the limits above see the
# proxy's address and every visitor shares one count.
SAMRAD_TRUSTED_PROXIES = os.environ.get("SAMRAD_TRUSTED_PROXIES", "0")
# Files checked on the import page but not imported hold raw names and addresses: removed after this many hours.
SAMRAD_PENDING_IMPORT_HOURS = float(os.environ.get("SAMRAD_PENDING_IMPORT_HOURS", "24"))
# The review page's "Run the analysis" starts `samrad analyze` in its own process (1) or runs it in the
# request (0: only for a small consultation, or where no process may be started).
SAMRAD_ANALYSIS_IN_BACKGROUND = os.environ.get("SAMRAD_ANALYSIS_IN_BACKGROUND", "1") != "0"
# e5 vectors of earlier analyses, by text hash (no text): re-runs embed only new statements.
SAMRAD_EMBEDDING_CACHE_DIR = VAR_DIR / "cache"

EMAIL_BACKEND = os.environ.get(
    "SAMRAD_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
# SMTP in production: the organisation's mail relay.
EMAIL_HOST = os.environ.get("SAMRAD_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SAMRAD_EMAIL_PORT", "587" if os.environ.get("SAMRAD_EMAIL_HOST") else "25"))
EMAIL_HOST_USER = os.environ.get("SAMRAD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SAMRAD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("SAMRAD_EMAIL_TLS", "1" if os.environ.get("SAMRAD_EMAIL_HOST") else "0")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("SAMRAD_FROM_EMAIL", "samrad@localhost")

# Where the synthesis engine may send text. Empty: nothing leaves the machine.
SAMRAD_LLM_ENDPOINT = os.environ.get("SAMRAD_LLM_ENDPOINT", "")
SAMRAD_LLM_MODEL = os.environ.get("SAMRAD_LLM_MODEL", "")
SAMRAD_LLM_API_KEY = os.environ.get("SAMRAD_LLM_API_KEY", "")

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("SAMRAD_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = int(os.environ.get("SAMRAD_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_HTTPONLY = True
    CSRF_TRUSTED_ORIGINS = [
        o.strip() for o in os.environ.get("SAMRAD_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
    ]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy and Permissions-Policy: samrad/security.py (no inline script or style anywhere;
# SAMRAD_CSP = {directive: [sources]} here would replace its default policy).

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SAMRAD_LOG_LEVEL", "WARNING")},
}
