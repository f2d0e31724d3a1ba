"""Signals other apps listen to, so that scans need not know about them."""

from django.dispatch import Signal

# Sent inside the transaction that starts a scan: scan, respondents (users), by.
scan_started = Signal()
