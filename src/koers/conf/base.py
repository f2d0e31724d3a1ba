"""Settings shared by every environment; environment variables decide the rest."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The working directory holds var/ (SQLite, uploads): nothing is written next to the code.
VAR_DIR = Path(os.environ.get("KOERS_VAR_DIR", Path.cwd() / "var"))
# npm packages live in the checkout's node_modules; KOERS_NODE_MODULES overrides.
NODE_MODULES = Path(
    os.environ.get("KOERS_NODE_MODULES", PACKAGE_DIR.parent.parent / "node_modules")
)

SECRET_KEY = os.environ.get("KOERS_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    h for h in os.environ.get("KOERS_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "koers.guards.admin_site.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "template_partials",
    "koers.audit",
    "koers.organisations",
    "koers.framework",
    "koers.projects",
    "koers.imports",
    "koers.assessments",
    "koers.actions",
    "koers.evidence",
    "koers.register",
    "koers.partners",
    "koers.questions",
    "koers.library",
    "koers.insights",
    "koers.reports",
    "koers.notifications",
    "koers.demo",
    "koers.guards",
    "koers.accounts",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "mozilla_django_oidc",
    "koers.web",
    "koers.operations",
    # Not "rest_framework": its Dutch catalogue would override Django's words on every form
    # ("Dit veld is vereist."); the API needs none of its templates or models.
    "drf_spectacular",
    "koers.api",
]

MIDDLEWARE = [
    "koers.operations.health.HealthCheckMiddleware",
    "koers.operations.requestlog.RequestLogMiddleware",
    "koers.api.middleware.ApiMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "koers.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "koers.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "koers.guards.middleware.NoStoreWhenSignedInMiddleware",
    "koers.guards.middleware.UnreadableQueryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a sign-in refused for lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "koers.web.urls"
WSGI_APPLICATION = "koers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "koers.web.context_processors.koers",
                "koers.notifications.context_processors.notices",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'koers.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers continue while one request writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout: after this many failed sign-ins for one account from one address, that pair is
# locked until the cool-off ends or an administrator unlocks it.
AXES_FAILURE_LIMIT = int(os.environ.get("KOERS_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("KOERS_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "koers.accounts.lockout.locked_out_page"
AXES_VERBOSE = False
# Signing in with the municipality's identity provider (OpenID Connect): on when a client id
# is set. Endpoints as the provider's /.well-known/openid-configuration lists them.
OIDC_RP_CLIENT_ID = os.environ.get("KOERS_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("KOERS_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("KOERS_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("KOERS_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("KOERS_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("KOERS_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("KOERS_OIDC_SIGN_ALGORITHM", "RS256")
OIDC_RP_SCOPES = os.environ.get("KOERS_OIDC_SCOPES", "openid email profile groups")
OIDC_USE_PKCE = True
OIDC_CALLBACK_CLASS = "koers.accounts.oidc.KoersOIDCCallbackView"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/oidc/refused/"
KOERS_OIDC_PROVIDER_NAME = os.environ.get("KOERS_OIDC_PROVIDER_NAME", "")
KOERS_OIDC_EMAIL_CLAIM = os.environ.get("KOERS_OIDC_EMAIL_CLAIM", "email")
KOERS_OIDC_NAME_CLAIM = os.environ.get("KOERS_OIDC_NAME_CLAIM", "name")
KOERS_OIDC_GROUPS_CLAIM = os.environ.get("KOERS_OIDC_GROUPS_CLAIM", "groups")
# Without a mapped group, sign-in is refused unless this organisation (its short name) is set.
KOERS_OIDC_DEFAULT_ORGANISATION = os.environ.get("KOERS_OIDC_DEFAULT_ORGANISATION", "")
KOERS_OIDC_DEFAULT_ROLE = os.environ.get("KOERS_OIDC_DEFAULT_ROLE", "viewer")
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("koers.accounts.oidc.KoersOIDCBackend")

# Two-factor sign-in (TOTP): required for organisation administrators, open to every local account.
KOERS_ADMIN_TWO_FACTOR = True
OTP_TOTP_ISSUER = "Koers"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["koers.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    (
        "vendor/tokens",
        NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist",
    ),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# A session ends after this many hours without a request (every request renews it).
SESSION_COOKIE_AGE = int(float(os.environ.get("KOERS_SESSION_IDLE_HOURS", "8")) * 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Mail: SMTP when KOERS_EMAIL_HOST is set, otherwise printed on the console.
EMAIL_HOST = os.environ.get("KOERS_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("KOERS_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KOERS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KOERS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("KOERS_EMAIL_TLS", "0").lower() in {"1", "true", "yes"}
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("KOERS_EMAIL_FROM", "Koers <koers@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Where people report accessibility and privacy matters (shown in the statements).
KOERS_CONTACT_EMAIL = os.environ.get("KOERS_CONTACT_EMAIL", "")

# How long an invitation link works.
KOERS_INVITATION_DAYS = int(os.environ.get("KOERS_INVITATION_DAYS", "7"))

# Work longer than a request (the portfolio analysis, koers/insights/kept.py). Here, for `make
# run` and the tests, a task runs at once in the process that enqueues it: one process, the
# analysis shown on the first page. Production queues tasks in a database table for the
# `koers db_worker` process (conf/production.py, docs/deployment.md).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The shared cache: every app process reads and counts in the same place (rate limits, the
# network's figures). A table in the database, so that nothing beyond it is needed; the
# guards app's migration creates it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "koers_cache",
    }
}


def _rate(name: str, default: str) -> tuple[int, int]:
    """'requests/seconds' from the environment."""
    requests, seconds = os.environ.get(name, default).split("/")
    return int(requests), int(seconds)


# Expensive downloads (PDF reports, XLSX and CSV exports) per user and window.
KOERS_RATE_LIMITS = {"downloads": _rate("KOERS_DOWNLOAD_LIMIT", "20/300")}

FORM_RENDERER = "koers.web.forms.FormRenderer"
CSRF_FAILURE_VIEW = "koers.web.views.errors.csrf_failure"

DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Notices (koers.notifications): links in mails point here; a scan is reminded after N days.
KOERS_SITE_URL = os.environ.get("KOERS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
KOERS_SCAN_REMINDER_DAYS = int(os.environ.get("KOERS_SCAN_REMINDER_DAYS", "7"))

# Text for people at a terminal, JSON (one object per line, with the request id) for a log
# collector: KOERS_LOG_FORMAT=json, the default in production.
LOG_FORMAT = os.environ.get("KOERS_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "koers.operations.requestlog.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "koers.operations.requestlog.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("KOERS_LOG_LEVEL", "WARNING")},
}

# The API (koers.api, docs/api.md): requests per token and window ("N/second|minute|hour|day").
KOERS_API_RATE = os.environ.get("KOERS_API_RATE", "600/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "koers.api.authentication.TokenAuthentication",
        "koers.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["koers.api.permissions.SignedInWithScope"],
    "DEFAULT_THROTTLE_CLASSES": ["koers.api.throttling.PerTokenThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "koers.api.pagination.LinkedPages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "koers.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Koers API",
    "DESCRIPTION": "Projects, scans, actions and figures of Koers. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "koers.api.schema.problems_and_version",
    ],
    # One name for each choice set the API uses in more than one place.
    "ENUM_NAME_OVERRIDES": {"StageEnum": "koers.projects.models.Stage"},
    "SERVERS": [],
}
