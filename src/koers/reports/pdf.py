"""PDF rendering with WeasyPrint, from the same templates as the pages, tagged (PDF/UA-1)."""

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

STYLESHEET = Path(__file__).parent / "static" / "reports" / "report.css"


class PdfUnavailable(RuntimeError):
    """WeasyPrint's system libraries (Pango) are missing on this machine."""


def render_pdf(template: str, context: dict[str, Any], *, language: str) -> bytes:
    try:
        from weasyprint import CSS, HTML
    except OSError as exc:  # Pango missing: say what to install, not a traceback
        raise PdfUnavailable(
            "PDF reports need Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
        ) from exc
    with translation.override(language):
        html = render_to_string(template, {**context, "language": language})
    document = HTML(string=html, base_url=str(STYLESHEET.parent))
    return document.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1")
