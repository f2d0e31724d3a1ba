"""Real files built for the import tests: CSV in several dialects and encodings, XLSX made
with openpyxl, and the malicious ones (a zip bomb, an entity bomb, a PDF renamed)."""

import io
import zipfile
from collections.abc import Sequence

import openpyxl

HEADERS_NL = [
    "Kenmerk",
    "Titel",
    "Probleem",
    "Domein",
    "Fase",
    "Gestart op",
    "Zichtbaarheid",
    "Thema's",
    "Technieken",
    "Databronnen",
    "E-mail projectleider",
]


def project_row(n: int, **overrides: str) -> list[str]:
    cells = {
        "Kenmerk": f"P-{n:05d}",
        "Titel": f"Project {n}",
        "Probleem": f"Welk probleem lost project {n} op?",
        "Domein": "Sociaal domein",
        "Fase": "Experiment",
        "Gestart op": "15-01-2025",
        "Zichtbaarheid": "Eigen organisatie",
        "Thema's": "Wonen; Jeugd",
        "Technieken": "Dashboard",
        "Databronnen": "BRP, eigen registratie",
        "E-mail projectleider": "",
    }
    cells.update(overrides)
    return [cells[h] for h in HEADERS_NL]


def csv_bytes(
    rows: Sequence[Sequence[str]],
    *,
    headers: Sequence[str] = HEADERS_NL,
    sep: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    def cell(text: str) -> str:
        if any(c in text for c in (sep, '"', "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [sep.join(cell(c) for c in line) for line in [headers, *rows]]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(
    rows: Sequence[Sequence[object]],
    *,
    headers: Sequence[str] = HEADERS_NL,
    title: str = "Projecten",
) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bomb() -> bytes:
    """An .xlsx-looking zip whose one sheet unpacks to 200 MB of zeros (a few hundred KB
    packed): the zip directory says so, and the import refuses before unpacking."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b"0" * (1024 * 1024)
            for _ in range(200):
                part.write(block)
    return out.getvalue()


def entity_bomb() -> bytes:
    """A real workbook with a billion-laughs document type put into its shared strings."""
    raw = xlsx_bytes([project_row(1)])
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                entities = b'<!ENTITY l0 "lol">' + b"".join(
                    b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10)
                )
                data = (
                    b'<?xml version="1.0"?><!DOCTYPE lolz ['
                    + entities
                    + b"]>"
                    + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
                )
            archive.writestr(info, data)
    return out.getvalue()


def pdf_bytes() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def refuse_title(monkeypatch, title: str, message: str) -> None:
    """The model refuses the project with this title: what the plan cannot foresee."""
    from django.core.exceptions import ValidationError

    from koers.projects.models import Project

    real_clean = Project.clean

    def refuse(project):
        if project.title == title:
            raise ValidationError({"title": message})
        real_clean(project)

    monkeypatch.setattr(Project, "clean", refuse)
