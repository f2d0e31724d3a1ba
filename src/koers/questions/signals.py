"""Signals other apps listen to, so that questions need not know about them."""

from django.dispatch import Signal

# Sent inside the transaction of a status change: question, from_status, by, project (the
# project that took it up, or None).
question_status_changed = Signal()
