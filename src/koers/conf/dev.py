"""Embedded default: SQLite under var/, served on 127.0.0.1 by `make run`."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = os.environ.get("KOERS_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("KOERS_SECRET_KEY") or "koers-local-development-only-not-secret"
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)
