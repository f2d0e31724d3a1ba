from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "koers.library"
    verbose_name = "Case library"

    def ready(self) -> None:
        from koers.projects.signals import stage_moved

        from .services import on_stage_moved

        stage_moved.connect(on_stage_moved, dispatch_uid="library-adoption-scaled")
