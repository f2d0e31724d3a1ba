"""The question pages' addresses (part of the `web` namespace)."""

from django.urls import path

from .views import questions

patterns = [
    path("questions/", questions.board, name="questions"),
    path("questions/mine/", questions.mine, name="my_questions"),
    path("questions/new/", questions.create, name="question_create"),
    path("questions/<int:pk>/", questions.detail, name="question"),
    path("questions/<int:pk>/edit/", questions.edit, name="question_edit"),
    path("questions/<int:pk>/decide/", questions.triage, name="question_triage"),
    path("questions/<int:pk>/take-up/", questions.take_up, name="question_take_up"),
    path("questions/<int:pk>/project/", questions.start_project, name="question_start_project"),
    path("questions/<int:pk>/same-need/", questions.same_need, name="question_same_need"),
    path(
        "questions/<int:pk>/same-need/<int:other_id>/remove/",
        questions.same_need_remove,
        name="question_same_need_remove",
    ),
    path("question-links/<int:pk>/remove/", questions.unlink, name="question_unlink"),
    path("question-links/<int:pk>/feedback/", questions.feedback, name="question_feedback"),
]
