"""Short hyphenated names a letter must never split at the end of a line.

"e-RS" broken after "e-" reads as a typing slip on paper. Both renderers keep these names whole:
the HTML (preview and PDF) in a no-wrap span, the Word file with Word's own non-breaking hyphen.
"""

import re

UNBROKEN_NAMES = re.compile(r"\be-RS\b")


def pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_unbroken_name) pairs, in order, leaving out empty pieces."""
    result: list[tuple[str, bool]] = []
    start = 0
    for match in UNBROKEN_NAMES.finditer(text):
        if match.start() > start:
            result.append((text[start : match.start()], False))
        result.append((match.group(), True))
        start = match.end()
    if start < len(text):
        result.append((text[start:], False))
    return result
