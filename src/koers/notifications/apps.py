from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "koers.notifications"
    verbose_name = _("Notices")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from koers.assessments.signals import scan_started
        from koers.library.models import Adoption
        from koers.projects.signals import stage_moved
        from koers.questions.signals import question_status_changed

        from . import services

        scan_started.connect(services.on_scan_started, dispatch_uid="notices-scan-started")
        stage_moved.connect(services.on_stage_moved, dispatch_uid="notices-stage-moved")
        question_status_changed.connect(
            services.on_question_status_changed, dispatch_uid="notices-question-status"
        )
        post_save.connect(
            services.on_adoption_saved, sender=Adoption, dispatch_uid="notices-adoption"
        )
