from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "koers.library"
    verbose_name = _("Case library")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from koers.projects.signals import stage_moved

        from .search import register_sqlite_function
        from .services import on_stage_moved

        stage_moved.connect(on_stage_moved, dispatch_uid="library-adoption-scaled")
        connection_created.connect(register_sqlite_function, dispatch_uid="library-search-fold")
