"""Loading and activating framework versions."""

import hashlib
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from koers.audit.services import change_record
from koers.locking import lock_rows
from koers.projects.lifecycle import PROGRESS_STAGES

from .models import ActionOption, Factor, FrameworkVersion, Indicator
from .validation import FrameworkFileError, validate_framework

# The newest shipped version. Loaded versions are never rewritten (a scan keeps the texts it
# was answered on), so a change of wording is a new file with a higher number; `koers
# bootstrap` loads it on an existing installation too. v2: options for action that name
# Koers's questions, steps, disciplines, sessions and learning events as they are built.
DEFAULT_FRAMEWORK_FILE = Path(__file__).parent / "data" / "framework-v2.json"


def default_framework_number() -> int:
    return int(json.loads(DEFAULT_FRAMEWORK_FILE.read_bytes())["version"])


MAX_FILE_BYTES = 2 * 1024 * 1024


def framework_parse(raw: bytes) -> dict[str, Any]:
    """Parse and validate file content; raises FrameworkFileError naming every problem."""
    if len(raw) > MAX_FILE_BYTES:
        raise FrameworkFileError(
            [_("The file is larger than 2 MB; a framework file is much smaller.")]
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise FrameworkFileError([_("The file is not UTF-8 text.")]) from None
    except json.JSONDecodeError as exc:
        raise FrameworkFileError(
            [
                _("The file is not valid JSON: line %(line)d, column %(col)d: %(msg)s")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ]
        ) from None
    problems = validate_framework(data, stages=PROGRESS_STAGES)
    if problems:
        raise FrameworkFileError(problems)
    return data


def _lock_versions() -> None:
    """Loading and activating read the versions and then write: one at a time, or two
    activations at once both pass and the second fails on the one-active constraint."""
    lock_rows(FrameworkVersion.objects.all())


@transaction.atomic
def framework_load(*, raw: bytes, by: Any = None, activate: bool = True) -> FrameworkVersion:
    """Store a new framework version; the running version is untouched if anything is wrong."""
    data = framework_parse(raw)
    _lock_versions()
    if FrameworkVersion.objects.filter(number=data["version"]).exists():
        raise FrameworkFileError(
            [
                _("version: version %(n)d is already loaded; give the new file a higher number.")
                % {"n": data["version"]}
            ]
        )
    version = FrameworkVersion.objects.create(
        number=data["version"],
        title_nl=data["title"]["nl"],
        title_en=data["title"]["en"],
        source_nl=data["source"]["nl"],
        source_en=data["source"]["en"],
        loaded_by=by if getattr(by, "pk", None) else None,
        content_hash=hashlib.sha256(raw).hexdigest(),
    )
    indicators, options = [], []
    for f in data["factors"]:
        factor = Factor.objects.create(
            version=version,
            number=f["number"],
            key=f["key"],
            **{
                f"{field}_{lang}": f[field][lang]
                for field in ("name", "explanation", "strong", "weak")
                for lang in ("nl", "en")
            },
        )
        indicators += [
            Indicator(
                factor=factor,
                key=i["key"],
                position=pos,
                text_nl=i["text"]["nl"],
                text_en=i["text"]["en"],
                is_quick=i.get("quick") is True,
            )
            for pos, i in enumerate(f["indicators"], start=1)
        ]
        options += [
            ActionOption(
                factor=factor,
                key=o["key"],
                position=pos,
                effort=o["effort"],
                stages=o["stages"],
                **{
                    f"{field}_{lang}": o[field][lang]
                    for field in ("title", "description", "who")
                    for lang in ("nl", "en")
                },
            )
            for pos, o in enumerate(f["options"], start=1)
        ]
    Indicator.objects.bulk_create(indicators)
    ActionOption.objects.bulk_create(options)
    change_record(actor=by, obj=version, action="loaded", changes={"number": version.number})
    if activate:
        framework_activate(version=version, by=by)
    return version


@transaction.atomic
def framework_activate(*, version: FrameworkVersion, by: Any = None) -> None:
    _lock_versions()
    FrameworkVersion.objects.filter(is_active=True).exclude(pk=version.pk).update(is_active=False)
    FrameworkVersion.objects.filter(pk=version.pk).update(is_active=True)
    version.is_active = True
    change_record(actor=by, obj=version, action="activated")


def framework_export(*, version: FrameworkVersion) -> dict[str, Any]:
    """The version as a framework file, the inverse of framework_load."""

    def pair(obj: Any, field: str) -> dict[str, str]:
        return {"nl": getattr(obj, f"{field}_nl"), "en": getattr(obj, f"{field}_en")}

    factors = version.factors.prefetch_related("indicators", "options").order_by("number")
    return {
        "version": version.number,
        "title": pair(version, "title"),
        "source": pair(version, "source"),
        "factors": [
            {
                "number": f.number,
                "key": f.key,
                **{field: pair(f, field) for field in ("name", "explanation", "strong", "weak")},
                "indicators": [
                    {"key": i.key, "text": pair(i, "text"), "quick": i.is_quick}
                    for i in f.indicators.all()
                ],
                "options": [
                    {
                        "key": o.key,
                        **{fl: pair(o, fl) for fl in ("title", "description", "who")},
                        "effort": o.effort,
                        "stages": o.stages,
                    }
                    for o in f.options.all()
                ],
            }
            for f in factors
        ],
    }
