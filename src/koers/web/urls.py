from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from koers.accounts import oidc

from . import question_urls
from .urls_imports import import_patterns
from .views import (
    actions,
    api_tokens,
    evidence,
    home,
    insights,
    invitations,
    library,
    notices,
    organisation,
    pages,
    password,
    projects,
    records,
    register,
    reports,
    scans,
    security,
    tasks,
)

web_patterns = [
    path("", tasks.tasks, name="home"),
    path("projects/", home.projects, name="projects"),
    path("notices/", notices.notices, name="notices"),
    path("api-tokens/", api_tokens.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", api_tokens.api_token_revoke_view, name="api_token_revoke"),
    path("notices/read/", notices.notices_read, name="notices_read"),
    path("notices/settings/", notices.notice_preferences, name="notice_preferences"),
    path("notices/<int:pk>/", notices.notice_open, name="notice_open"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_detail, name="project"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/stage/", projects.project_stage, name="project_stage"),
    path("projects/<int:pk>/history/", projects.project_history_page, name="project_history"),
    path("projects/<int:pk>/team/", projects.project_team, name="project_team"),
    path("projects/<int:pk>/archive/", projects.project_archive, name="project_archive"),
    path(
        "projects/<int:pk>/team/<int:user_id>/remove/",
        projects.project_team_remove,
        name="project_team_remove",
    ),
    path("projects/<int:pk>/scans/new/", scans.scan_start, name="scan_start"),
    path("scans/<int:pk>/", scans.scan_detail, name="scan"),
    path("scans/<int:pk>/answer/", scans.scan_answer, name="scan_answer"),
    path("scans/<int:pk>/close/", scans.scan_close, name="scan_close"),
    path("scans/<int:pk>/reopen/", scans.scan_reopen, name="scan_reopen"),
    path("projects/<int:pk>/actions/new/", actions.action_create, name="action_create"),
    path(
        "projects/<int:pk>/options/<int:option_id>/adopt/",
        actions.action_adopt_option,
        name="action_adopt_option",
    ),
    *records.urls(),
    path("actions/<int:pk>/", actions.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", actions.action_delete, name="action_delete"),
    path("dashboard/", insights.dashboard_home, name="dashboard_home"),
    path("dashboard/<slug:slug>/", insights.dashboard, name="dashboard"),
    path("dashboard/<slug:slug>/analysis/", insights.analysis, name="analysis"),
    path("dashboard/<slug:slug>/report.pdf", reports.portfolio_report, name="portfolio_report"),
    path(
        "dashboard/<slug:slug>/export/<slug:kind>.<str:fmt>",
        reports.portfolio_download,
        name="portfolio_export",
    ),
    path("projects/<int:pk>/report.pdf", reports.project_report, name="project_report"),
    path("projects/<int:pk>/algoritmeregister/", register.register_edit, name="register_edit"),
    path(
        "projects/<int:pk>/algoritmeregister/delete/",
        register.register_delete,
        name="register_delete",
    ),
    path(
        "projects/<int:pk>/algoritmeregister.<str:fmt>",
        register.register_download,
        name="register_download",
    ),
    path(
        "organisations/<slug:slug>/algoritmeregister/",
        register.register_organisation,
        name="register_organisation",
    ),
    path(
        "organisations/<slug:slug>/algoritmeregister.<str:fmt>",
        register.register_organisation_download,
        name="register_organisation_download",
    ),
    path("library/", library.library, name="library"),
    path("library/study/<slug:key>/", library.study_case, name="study_case"),
    path("library/study/<slug:key>/adopt/", library.adopt_study_case, name="adopt_study_case"),
    path("library/projects/<int:pk>/", library.shared_project, name="shared_project"),
    path(
        "library/projects/<int:pk>/adopt/",
        library.adopt_shared_project,
        name="adopt_shared_project",
    ),
    path("projects/<int:pk>/invite/", invitations.project_invite, name="project_invite"),
    path("organisations/", organisation.organisations, name="organisations"),
    path(
        "organisations/<slug:slug>/members/", organisation.organisation_members, name="org_members"
    ),
    path(
        "organisations/<slug:slug>/members/<int:user_id>/role/",
        organisation.organisation_member_role,
        name="org_member_role",
    ),
    path(
        "organisations/<slug:slug>/members/<int:user_id>/remove/",
        organisation.organisation_member_remove,
        name="org_member_remove",
    ),
    path(
        "organisations/<slug:slug>/members/<int:user_id>/unlock/",
        organisation.organisation_member_unlock,
        name="org_member_unlock",
    ),
    path(
        "organisations/<slug:slug>/identity-groups/",
        organisation.organisation_identity_groups,
        name="org_identity_groups",
    ),
    path(
        "organisations/<slug:slug>/identity-groups/<int:pk>/remove/",
        organisation.organisation_identity_group_remove,
        name="org_identity_group_remove",
    ),
    path(
        "organisations/<slug:slug>/settings/",
        organisation.organisation_settings,
        name="org_settings",
    ),
    path(
        "organisations/<slug:slug>/invitations/",
        invitations.organisation_invitations,
        name="org_invitations",
    ),
    path(
        "organisations/<slug:slug>/invitations/bulk/",
        invitations.organisation_invite_bulk,
        name="org_invite_bulk",
    ),
    path("invitations/<int:pk>/resend/", invitations.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", invitations.invitation_revoke, name="invitation_revoke"),
    *evidence.urlpatterns,
    path("help/", pages.help_page, name="help"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    *question_urls.patterns,
    *import_patterns,
]

# Django's own password-reset views at their standard paths, in the site's look.
password_reset_patterns = [
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/mail/password_reset.txt",
            subject_template_name="accounts/mail/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", include((web_patterns, "web"))),
    path(
        "accounts/login/",
        security.LoginView.as_view(),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    *password_reset_patterns,
    path("accounts/security/", security.account_security, name="account_security"),
    path(
        "accounts/password_change/",
        password.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        password.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("accounts/oidc/refused/", oidc.refused, name="oidc_refused"),
    path("accounts/two-factor/", security.two_factor_verify, name="two_factor_verify"),
    path("accounts/two-factor/setup/", security.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/disable/", security.two_factor_disable, name="two_factor_disable"),
    path(
        "accounts/invitation/<str:token>/",
        invitations.invitation_accept,
        name="invitation_accept",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("koers.api.urls")),
]

handler400 = "koers.web.views.errors.bad_request"
handler403 = "koers.web.views.errors.permission_denied"
handler404 = "koers.web.views.errors.page_not_found"
handler500 = "koers.web.views.errors.server_error"
