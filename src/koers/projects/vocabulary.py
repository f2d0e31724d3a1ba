"""Themes and techniques: a small shared vocabulary, kept in a data file."""

import json
from pathlib import Path

VOCABULARY_FILE = Path(__file__).parent / "data" / "vocabulary.json"


def vocabulary_sync(theme_model: type, technique_model: type) -> None:
    """Create or rename every theme and technique in the file; models are passed in so that
    migrations can call this with their historical models."""
    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    for model, entries in ((theme_model, data["themes"]), (technique_model, data["techniques"])):
        for key, (nl, en) in entries.items():
            model.objects.update_or_create(key=key, defaults={"name_nl": nl, "name_en": en})
