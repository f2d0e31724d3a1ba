"""Checks a framework file before it is loaded; every problem names its place in the file."""

from typing import Any

from django.utils.translation import gettext as _

LANGUAGES = ("nl", "en")
EFFORTS = ("small", "medium", "large")
FACTOR_COUNT = 9


class FrameworkFileError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _text(obj: Any, where: str, problems: list[str]) -> None:
    if not isinstance(obj, dict):
        problems.append(_("%(where)s: expected a Dutch and an English text") % {"where": where})
        return
    for lang in LANGUAGES:
        value = obj.get(lang)
        if not isinstance(value, str) or not value.strip():
            label = _("Dutch") if lang == "nl" else _("English")
            problems.append(
                _("%(where)s.%(lang)s: the %(label)s text is missing")
                % {"where": where, "lang": lang, "label": label}
            )


def _items(obj: Any, key: str, where: str, problems: list[str]) -> list[Any]:
    value = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(value, list):
        problems.append(_("%(where)s.%(key)s: expected a list") % {"where": where, "key": key})
        return []
    return value


def validate_framework(data: Any, *, stages: tuple[str, ...]) -> list[str]:
    """All problems in a parsed framework file; an empty list means it can be loaded."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return [_("The file must contain one JSON object with 'version' and 'factors'.")]
    if not isinstance(data.get("version"), int) or data["version"] < 1:
        problems.append(_("version: expected a whole number of at least 1"))
    for field in ("title", "source"):
        _text(data.get(field), field, problems)
    factors = _items(data, "factors", "", problems)
    if factors and len(factors) != FACTOR_COUNT:
        problems.append(
            _("factors: expected %(n)d factors, found %(found)d")
            % {"n": FACTOR_COUNT, "found": len(factors)}
        )
    seen_keys: set[str] = set()

    def unique(key: Any, where: str) -> None:
        if not isinstance(key, str) or not key:
            problems.append(_("%(where)s.key: a key is required") % {"where": where})
        elif key in seen_keys:
            problems.append(
                _("%(where)s.key: duplicate key '%(key)s'") % {"where": where, "key": key}
            )
        else:
            seen_keys.add(key)

    for i, factor in enumerate(factors):
        where = f"factors[{i}]"
        if not isinstance(factor, dict):
            problems.append(_("%(where)s: expected an object") % {"where": where})
            continue
        if factor.get("number") != i + 1:
            problems.append(_("%(where)s.number: expected %(n)d") % {"where": where, "n": i + 1})
        unique(factor.get("key"), where)
        for field in ("name", "explanation", "strong", "weak"):
            _text(factor.get(field), f"{where}.{field}", problems)
        indicators = _items(factor, "indicators", where, problems)
        if not indicators:
            problems.append(
                _("%(where)s.indicators: a factor needs at least one indicator") % {"where": where}
            )
        quick = 0
        for j, indicator in enumerate(indicators):
            iwhere = f"{where}.indicators[{j}]"
            if not isinstance(indicator, dict):
                problems.append(_("%(where)s: expected an object") % {"where": iwhere})
                continue
            unique(indicator.get("key"), iwhere)
            _text(indicator.get("text"), f"{iwhere}.text", problems)
            quick += indicator.get("quick") is True
        if indicators and quick != 1:
            problems.append(
                _("%(where)s.indicators: exactly one indicator must be the quickscan item")
                % {"where": where}
            )
        options = _items(factor, "options", where, problems)
        if not options:
            problems.append(
                _("%(where)s.options: a factor needs at least one option for action")
                % {"where": where}
            )
        for j, option in enumerate(options):
            owhere = f"{where}.options[{j}]"
            if not isinstance(option, dict):
                problems.append(_("%(where)s: expected an object") % {"where": owhere})
                continue
            unique(option.get("key"), owhere)
            for field in ("title", "description", "who"):
                _text(option.get(field), f"{owhere}.{field}", problems)
            if option.get("effort") not in EFFORTS:
                problems.append(
                    _("%(where)s.effort: expected one of %(values)s")
                    % {"where": owhere, "values": ", ".join(EFFORTS)}
                )
            option_stages = option.get("stages")
            if (
                not isinstance(option_stages, list)
                or not option_stages
                or any(s not in stages for s in option_stages)
            ):
                problems.append(
                    _("%(where)s.stages: expected a non-empty list from %(values)s")
                    % {"where": owhere, "values": ", ".join(stages)}
                )
    return problems
