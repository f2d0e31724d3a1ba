"""Test settings: the same stack, faster hashing, no persistent state."""

from .base import *  # noqa: F403

SECRET_KEY = "koers-tests"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None  # nothing collected in tests; WhiteNoise then serves from the finders
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
# Administrators in most tests sign in without a second step; the tests of two-factor sign-in
# switch the requirement on (tests/accounts/test_two_factor.py, tests/e2e/test_accounts.py).
KOERS_ADMIN_TWO_FACTOR = False

# One process: the cache in memory, cleared before each test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
