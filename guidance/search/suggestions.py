""" "Did you mean …?" for near misses ("refferal" → "referral"), from the words of live public pages.

The vocabulary (each word and how often it is used) is read from the pages' stored text once per
content change (``core.remembered``) and compared with difflib; nothing is stored per search.
"""

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from core.privacy import private_q
from core.remembered import remember
from guidance.search.ranking import SEARCHED_PAGE_TYPES
from guidance.search.text import page_own_text

MIN_LENGTH = 4  # shorter words are too often right (and too easy to "correct" into another word)
CUTOFF = 0.8  # difflib's similarity: "refferal"/"referral" 0.88, "dischrage"/"discharge" 0.89
VOCABULARY_WORD = re.compile(rf"[^\W\d_]{{{MIN_LENGTH},}}")


@dataclass(frozen=True)
class Suggestion:
    """A corrected query, and its pieces with the corrected words marked (shown in bold)."""

    query: str
    pieces: tuple[tuple[str, bool], ...]


def vocabulary() -> dict[str, int]:
    """Every word of four letters or more on the live, public pages search finds, with its count."""
    return remember("search:vocabulary", _read_vocabulary)


def _read_vocabulary() -> dict[str, int]:
    counts: Counter[str] = Counter()
    for model in SEARCHED_PAGE_TYPES:
        for page in model.objects.live().exclude(private_q()).iterator(chunk_size=200):
            text = " ".join([page.title, page.summary, page_own_text(page)])
            counts.update(word.lower() for word in VOCABULARY_WORD.findall(text))
    return dict(counts)


def closest_word(word: str, words: dict[str, int]) -> str | None:
    """The most used word of ``words`` that is most like ``word`` (None if none is close)."""
    matcher = difflib.SequenceMatcher(b=word)
    best, best_score = None, (CUTOFF - 1e-9, 0)
    for candidate, count in words.items():
        if abs(len(candidate) - len(word)) > 2:
            continue
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        score = (matcher.ratio(), count)
        if score > best_score:
            best, best_score = candidate, score
    return best


def suggest(query: str, *, known: set[str] = frozenset()) -> Suggestion | None:
    """``query`` with each word the pages never use replaced by the closest word they do use, or None
    if no word needed (or found) a correction. Words in ``known`` (synonyms) are never corrected."""
    words = vocabulary()
    pieces, changed = [], False
    for piece in re.split(r"([^\W\d_]+)", query):
        lower = piece.lower()
        if len(piece) >= MIN_LENGTH and piece.isalpha() and lower not in words and lower not in known:
            correction = closest_word(lower, words)
            if correction is not None:
                pieces.append((correction, True))
                changed = True
                continue
        if piece:
            pieces.append((piece, False))
    if not changed:
        return None
    return Suggestion(query="".join(text for text, _ in pieces), pieces=tuple(pieces))
