"""The import's pages for the reflow table: an upload of the coordinator's, made the way
the page makes it, with a column to map and a row with a problem, so that the column step
and both tables of the dry run are on screen."""

from types import SimpleNamespace
from typing import Any

from koers.imports.services import upload_store

LIST = (
    "Kenmerk;Zaaknummer;Titel;Probleem;Domein;Fase;Gestart op\r\n"
    "IMP-1;Z-2026-001;Slimme lantaarnpalen in de binnenstad;Waar is 's nachts licht nodig?;"
    "Fysiek domein;Experiment;01-03-2026\r\n"
    "IMP-2;Z-2026-002;Voorspellen van schuldenproblemen;Wie kunnen we eerder helpen?;"
    "Sociaal;Klaar;31-02-2026\r\n"
)


def upload(w: SimpleNamespace, user: Any) -> list[Any]:
    made = upload_store(by=user, organisation=w.organisation, raw=LIST.encode(), name="lijst.csv")
    return [w.organisation.slug, made.pk]


def failed(w: SimpleNamespace, user: Any) -> list[Any]:
    """An upload the worker could not import: the status page with its problems table."""
    from koers.imports.models import UploadStatus

    made = upload_store(by=user, organisation=w.organisation, raw=LIST.encode(), name="lijst.csv")
    made.status = UploadStatus.FAILED
    made.result = {
        "message": "De lijst heeft problemen; er is niets geïmporteerd.",
        "problems": [[3, "Fase (F)", "“Klaar” kennen we hier niet."]],
        "more": 0,
    }
    made.save()
    return [w.organisation.slug, made.pk]
