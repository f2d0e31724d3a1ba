"""Register records as the Algoritmeregister's JSON and CSV. Only complete records are
exported, each checked against the JSON Schema in `data/`; the others are listed with the
reason and left out whole, never half-exported."""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

from koers.reports.spreadsheets import to_csv

from . import standard
from .completeness import completeness
from .models import AlgorithmRecord

SCHEMA_FILE = Path(__file__).parent / "data" / "algoritmeregister-1.0.schema.json"
LINK_KEYS = {
    "lawful_basis_links": "lawful_basis_grouping",
    "impact_assessments": "impacttoetsen_grouping",
    "source_data_links": "source_data_grouping",
}


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema(), format_checker=FormatChecker())


def schema_errors(document: dict[str, Any]) -> list[str]:
    """What in the document does not fit the schema, one line per problem ("" = the record)."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or 'record'}: {error.message}"
        for error in sorted(_validator().iter_errors(document), key=lambda e: list(e.path))
    ]


def register_document(record: AlgorithmRecord) -> dict[str, Any]:
    """The record in the register's words; optional fields without a value are left out."""
    doc: dict[str, Any] = {
        "name": record.name,
        "description_short": record.description_short,
        "organization": record.organisation,
        "category": [standard.CATEGORY_VALUES[key] for key in record.category],
        "status": standard.STATUS_VALUES[record.status],
        "begin_date": record.begin_date,
        "end_date": record.end_date,
        "contact_email": record.contact_email,
        "website": record.website,
        "publication_category": standard.PUBLICATION_CATEGORY_VALUES.get(
            record.publication_category, ""
        ),
        "goal": record.goal,
        "proportionality": record.proportionality,
        "human_intervention": record.human_intervention,
        "risks": record.risks,
        "lawful_basis": record.lawful_basis,
        "lawful_basis_grouping": record.lawful_basis_links,
        "process_index_url": record.process_index_url,
        "impacttoetsen_grouping": record.impact_assessments,
        "impacttoetsen": record.impact_assessments_note,
        "source_data": record.source_data,
        "source_data_grouping": record.source_data_links,
        "methods_and_models": record.methods_and_models,
        "provider": record.provider,
        "publiccode": record.publiccode,
        "lang": standard.LANGUAGE,
        "standard_version": standard.STANDARD_VERSION,
        "source_id": str(record.source_id),
        "type": standard.TYPE_VALUES.get(record.algorithm_type, ""),
    }
    return {key: value for key, value in doc.items() if value not in ("", [], None)}


@dataclass(frozen=True)
class LeftOut:
    record: AlgorithmRecord
    reasons: list[str]

    def line(self) -> str:
        return _("Project %(id)s “%(title)s”: %(reasons)s") % {
            "id": self.record.project_id,
            "title": self.record.project.title,
            "reasons": "; ".join(self.reasons),
        }


@dataclass
class Export:
    documents: list[dict[str, Any]] = field(default_factory=list)
    records: list[AlgorithmRecord] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


def build_export(records: Iterable[AlgorithmRecord]) -> Export:
    """Every complete record that fits the schema; the others with why not."""
    result = Export()
    for record in records:
        check = completeness(record)
        if not check.complete:
            result.left_out.append(LeftOut(record, check.reasons()))
            continue
        document = register_document(record)
        errors = schema_errors(document)
        if errors:  # a complete record should always fit; if not, it stays out
            result.left_out.append(
                LeftOut(record, [_("does not fit the register's schema: %s") % "; ".join(errors)])
            )
            continue
        result.documents.append(document)
        result.records.append(record)
    return result


def as_json(documents: list[dict[str, Any]]) -> bytes:
    return (json.dumps(documents, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def as_csv(documents: list[dict[str, Any]]) -> bytes:
    """One row per record, the standard's field names as headers; lists as JSON text. Cells
    a spreadsheet could take for a formula are neutralised (see reports.spreadsheets)."""
    headers = list(schema()["properties"])
    rows = (
        [
            json.dumps(doc[key], ensure_ascii=False)
            if isinstance(doc.get(key), list)
            else doc.get(key)
            for key in headers
        ]
        for doc in documents
    )
    # The register's file is machine-read: comma-separated whatever the user's language.
    return to_csv(headers, rows, language="en")
