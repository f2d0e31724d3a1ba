"""Signals other apps listen to, so that projects need not know about them."""

from django.dispatch import Signal

# Sent inside the transaction of a stage move: project, event, by.
stage_moved = Signal()
