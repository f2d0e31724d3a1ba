"""Koers: from idea to implementation and scale-up for municipal data projects."""
