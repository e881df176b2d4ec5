"""What a search asks for: its words, each with the other ways of writing it (synonyms, abbreviations).

A query becomes a list of *concepts*, all of which a page must contain. A plain word is one concept;
a run of words that is a synonym's phrase ("advice and guidance") is one concept with every phrase
of that synonym as alternatives ("A&G"). An abbreviation is searched by its index key (see
``guidance.search.text``). The same plan is rendered for Wagtail's search (SQLite, any backend) and
as a PostgreSQL ``tsquery`` for the site's own ranking query, and gives the pattern that highlights
what was found.
"""

import re
from dataclasses import dataclass

from wagtail.search.query import And, Or, Phrase, PlainText

from guidance.search.synonyms import phrase_words
from guidance.search.text import (
    CAPITALS,
    WORD,
    abbreviation_key,
    canonical,
    is_abbreviation,
    is_compound,
    parts,
)

MAX_TERMS = 10
MIN_WORD_LENGTH = 2


@dataclass(frozen=True)
class Alternative:
    """One way of writing a concept: words a page must have (in this order when ``phrase``), or an
    abbreviation, found by its index key (and, for "follow-up", by its words too)."""

    words: tuple[str, ...] = ()
    phrase: bool = False
    key: str = ""
    written: str = ""  # as typed or as the synonym writes it, for highlighting


@dataclass(frozen=True)
class Concept:
    """Something every result contains, in any one of its ways of being written."""

    alternatives: tuple[Alternative, ...]

    @property
    def plain_word(self) -> str | None:
        """The word, when this concept is a single plain word (no synonym, no abbreviation)."""
        if len(self.alternatives) == 1:
            only = self.alternatives[0]
            if not only.key and not only.phrase and len(only.words) == 1:
                return only.words[0]
        return None


def query_terms(query: str) -> list[str]:
    """The plain words of a query (at most ten, two characters or more)."""
    return [word for word in re.findall(r"\w+", query) if len(word) >= MIN_WORD_LENGTH][:MAX_TERMS]


def alternatives_for(written: str, *, from_synonym: bool) -> list[Alternative]:
    """How ``written`` (a typed word, or a synonym's phrase) is searched."""
    words = WORD.findall(written)
    if len(words) > 1:
        # Every part in order ("e-Referral Service" → e, referral, service): both engines index a
        # word joined by - as its parts side by side.
        flat = tuple(part for word in words for part in parts(word))
        return [Alternative(words=flat, phrase=True, written=written)]
    word = words[0]
    if is_compound(word):
        # "A&G": its key; "follow-up": its key, or its words anywhere (as before keys existed).
        found = [Alternative(key=abbreviation_key(word), written=word)]
        long_parts = tuple(part for part in parts(word) if len(part) >= MIN_WORD_LENGTH)
        return found + ([Alternative(words=long_parts, written=word)] if long_parts else [])
    if CAPITALS.fullmatch(word):
        # Written in capitals: the abbreviation (PostgreSQL drops "ME" itself as the pronoun "me").
        key = Alternative(key=abbreviation_key(word), written=word)
        return [key] if from_synonym else [Alternative(words=(word.lower(),), written=word), key]
    return [Alternative(words=(word.lower(),), written=word)]


def plan(query: str, groups: list[list[str]]) -> list[Concept]:
    """The concepts of ``query`` given the synonym ``groups`` (longest synonym phrase first)."""
    typed = WORD.findall(query)[: MAX_TERMS * 2]
    tokens = [canonical(word) for word in typed]
    phrases = sorted(
        ((phrase_words(phrase), group) for group in groups for phrase in group),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    concepts: list[Concept] = []
    position = 0
    while position < len(tokens) and len(concepts) < MAX_TERMS:
        match = next(
            (
                (words, group)
                for words, group in phrases
                if tuple(tokens[position : position + len(words)]) == words
            ),
            None,
        )
        if match is not None:
            words, group = match
            options = [alt for phrase in group for alt in alternatives_for(phrase, from_synonym=True)]
            concepts.append(Concept(tuple(dict.fromkeys(options))))
            position += len(words)
            continue
        word = typed[position]
        position += 1
        if is_abbreviation(word) or len(word) >= MIN_WORD_LENGTH:
            concepts.append(Concept(tuple(alternatives_for(word, from_synonym=False))))
    return concepts


def wagtail_query(concepts: list[Concept]):
    """The plan as a Wagtail search query; plain words alone give exactly the site's former query."""
    plain = [concept.plain_word for concept in concepts]
    if all(plain):
        return PlainText(" ".join(plain), operator="and")
    parts_ = [_wagtail_concept(concept) for concept in concepts]
    return parts_[0] if len(parts_) == 1 else And(parts_)


def _wagtail_concept(concept: Concept):
    options = [_wagtail_alternative(alternative) for alternative in concept.alternatives]
    return options[0] if len(options) == 1 else Or(options)


def _wagtail_alternative(alternative: Alternative):
    if alternative.key:
        return PlainText(alternative.key)
    if alternative.phrase:
        return Phrase(" ".join(alternative.words))
    return PlainText(" ".join(alternative.words), operator="and")


def tsquery(concepts: list[Concept]) -> str:
    """The plan as PostgreSQL ``to_tsquery`` text: every word quoted (letters and digits only)."""
    return " & ".join(_ts_concept(concept) for concept in concepts)


def _ts_concept(concept: Concept) -> str:
    options = [_ts_alternative(alternative) for alternative in concept.alternatives]
    return options[0] if len(options) == 1 else "(" + " | ".join(options) + ")"


def _ts_alternative(alternative: Alternative) -> str:
    if alternative.key:
        return f"'{alternative.key}'"
    joined = " <-> " if alternative.phrase else " & "
    return "(" + joined.join(f"'{word}'" for word in alternative.words) + ")"


def highlight_pattern(concepts: list[Concept]) -> re.Pattern | None:
    """A case-insensitive pattern for what the plan finds in text; None when there is nothing.

    Typed words match as they always have (inside longer words too: "okapi" marks "okapis");
    synonyms' phrases and abbreviations match as whole words, abbreviations in capitals only in
    capitals (so "ME" never marks "me" or "medical").
    """
    pieces = []
    for concept in concepts:
        for alternative in concept.alternatives:
            pieces.extend(_patterns(alternative, typed=concept.plain_word is not None))
    if not pieces:
        return None
    return re.compile("|".join(sorted(set(pieces), key=len, reverse=True)), re.I)


def _patterns(alternative: Alternative, *, typed: bool) -> list[str]:
    written = alternative.written
    if typed:
        return [re.escape(alternative.words[0])]
    if alternative.key and CAPITALS.fullmatch(written):
        return [rf"\b(?-i:{re.escape(written)})\b"]
    if alternative.key:
        return [r"\b" + r"\s?[&/-]\s?".join(re.escape(part) for part in re.split(r"[&/-]", written)) + r"\b"]
    if alternative.phrase:
        return [r"\b" + r"\W+".join(re.escape(word) for word in WORD.findall(written)) + r"\b"]
    return [rf"\b{re.escape(word)}" for word in alternative.words]
