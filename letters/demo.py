"""Demo content for the letters: wording and option lists. Idempotent."""


def load(stdout) -> None:
    """Seed the letter templates and option lists (added by the letters issue)."""
