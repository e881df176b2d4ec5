"""Reproducible performance runs (``make bench``); see docs/performance.md."""
