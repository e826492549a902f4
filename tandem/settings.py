"""Settings for Tandem, read from environment variables (see README: Configuration).

SQLite is the default database; set DATABASE_URL for PostgreSQL. DEBUG is off unless the
environment turns it on, which only `make demo` does.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from tandem.env import env_bool, env_email, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "organisations",
    "people",
    "frameworks",
    "programmes",
    "coaching",
    "assessments",
    "pathways",
    "scheduling",
    "oversight",
    "planning",
    "community",
    "development",
    "audit",
    "provision",
    "surveys",
    "evaluation",
    "api",
    "dashboards",
    "demo",
    "tandem.apps.TandemConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Innermost, so every other middleware still treats a page served from the cache.
    "tandem.pagecache.PageCacheMiddleware",
    "accounts.mfa.RequireMFAMiddleware",
]

ROOT_URLCONF = "tandem.urls"
WSGI_APPLICATION = "tandem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tandem" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dashboards.context_processors.role_navigation",
            ],
        },
    },
]
FORM_RENDERER = "tandem.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # A connection kept between requests is checked first, so a database that restarted
        # costs one reconnection, not an error page.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# Staff are added by their school or trust, never by open sign-up; they sign in with their
# email address and a password, or with a one-time code sent to that address.
ACCOUNT_ADAPTER = "accounts.adapter.InviteOnlyAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""

# A second factor (an authenticator app, with recovery codes) for everyone who reads or signs
# statutory records or sees across schools: induction tutors, headteachers, coordinators and
# admins (accounts/mfa.py). On unless the environment turns it off; `make demo` does, so the
# demo's people can sign in with a password alone.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Single sign-on: each organisation's Microsoft Entra ID or Google Workspace, set up as an
# OpenID Connect app in the admin (docs/sso.md); invite-only like every other way in.
SOCIALACCOUNT_ADAPTER = "accounts.adapter.OrganisationSSOAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ONLY = False
MFA_TOTP_ISSUER = "Tandem"
MFA_REQUIRED = env_bool("MFA_REQUIRED", default=True)

vars().update(env_email("EMAIL_URL", "console:"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tandem <tandem@localhost>")
# Where Tandem is served, for links in emails (pulse checks, digests, reminders).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Background work goes through one task API; the database backend needs no extra server.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploaded content files are parsed in memory; anything larger is refused with a message.
UPLOAD_LIMIT_BYTES = env_int("UPLOAD_LIMIT_BYTES", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_LIMIT_BYTES * 2

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)

# The oversight pages (school, headteacher, trust) may keep their figures this many seconds,
# so a large trust's dashboards are worked out once a minute rather than on every view. Off by
# default: with it on, a change shows on those pages only when the minute is up.
OVERSIGHT_CACHE_SECONDS = env_int("OVERSIGHT_CACHE_SECONDS", 0)

# A cache shared by every worker: Redis, e.g. redis://127.0.0.1:6379/0. Without it each process
# keeps its own memory cache. With it, sessions are read from the cache too.
CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured("CACHE_URL must be a redis:// or rediss:// address.")
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The oversight dashboards served whole from the cache, per session, for at most this many
# seconds, and dropped as soon as their data changes (tandem/pagecache.py). Needs CACHE_URL:
# a per-process cache could not tell the other workers that a page is out of date.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
if PAGE_CACHE_SECONDS and not CACHE_URL:
    raise ImproperlyConfigured("PAGE_CACHE_SECONDS needs CACHE_URL: a cache every worker shares.")
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

# Content security policy: scripts only from Tandem itself, plus the one inline line GOV.UK
# Frontend needs to know scripts run (allowed by its hash, so pages served from the page cache
# need no fresh nonce); styles inline too, for the charts' SVG and htmx's indicators; no
# framing, no plugins, forms posting only to Tandem.
JS_ENABLED_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", JS_ENABLED_HASH],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Security headers and cookies that hold in every environment.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # a school's other services may not be on HTTPS
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
