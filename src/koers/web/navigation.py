"""Which item of the main menu a page belongs to, so that the menu can mark it (aria-current).

Pure: a URL name in, a menu item's key out. A page not listed belongs to no item (the
notices, the account pages, help)."""

# Prefixes of URL names (without the "web:" namespace) and the menu item they fall under;
# the first match wins, so the longer prefixes come first.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("home", "tasks"),
    ("project_create", "project_create"),
    ("projects", "projects"),
    ("project", "projects"),
    ("scan", "projects"),
    ("action", "projects"),
    ("step", "projects"),
    ("end_user_session", "projects"),
    ("learning_event", "projects"),
    ("partner", "projects"),
    ("budget", "projects"),
    ("mandate", "projects"),
    ("register_organisation", "organisation"),
    ("register", "projects"),
    ("question", "questions"),
    ("my_questions", "questions"),
    ("library", "library"),
    ("study_case", "library"),
    ("shared_project", "library"),
    ("lessons", "lessons"),
    ("dashboard", "dashboard"),
    ("analysis", "dashboard"),
    ("portfolio", "dashboard"),
    ("organisations", "organisation"),
    ("org_", "organisation"),
    ("import_", "organisation"),
)


def section_of(view_name: str | None) -> str:
    """The menu item of the page named `view_name` ("web:scan_answer" → "projects"), or ""."""
    if not view_name or not view_name.startswith("web:"):
        return ""
    name = view_name.removeprefix("web:")
    for prefix, section in SECTIONS:
        if name == prefix or name.startswith(prefix if prefix.endswith("_") else prefix + "_"):
            return section
    return ""
