"""The words of a page as readers see them: for excerpts, the "did you mean" vocabulary and the index.

Blocks are read from their stored data (no database lookups) through each block's own
``get_searchable_content``, the same reading Wagtail indexes: a choice gives its label ("Workload
rejection: work outside the GP contract"), never its stored key ("workload_rejection"), and the
structure around values (list item ids, table column types, block type names) is never text.
Chooser blocks give no text here: a document is searched by its own text, a linked page by its own.

Abbreviations get an extra, whole *key* word in the index (``abbreviation_keys``): "A&G" is split
into "a" and "g" by both search engines ("a" is even dropped by PostgreSQL as a common word), and
PostgreSQL drops "ME" as the pronoun "me". The key ("abbrag", "abbrme") survives both, so a search
for an abbreviation, or for a synonym of one, finds exactly the pages that write it.
"""

import re
from collections.abc import Iterable, Iterator
from html import unescape

from wagtail import blocks

# A word, with the parts of "A&G", "e-RS" or "GP/hospital" kept together.
WORD = re.compile(r"[^\W_]+(?:[&/-][^\W_]+)*")
# Written in capitals (two or more): ME, HUTH, DNA, SC6.
CAPITALS = re.compile(r"[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*")
KEY_PREFIX = "abbr"
TAG = re.compile(r"<[^>]*>")


def is_compound(word: str) -> bool:
    """True for a word made of parts joined by &, / or - ("A&G", "e-RS")."""
    return bool(re.search(r"[&/-]", word))


def is_abbreviation(word: str) -> bool:
    """True for a word written in capitals ("ME") or joined by &, / or - ("A&G", "e-RS")."""
    return is_compound(word) or bool(CAPITALS.fullmatch(word))


def parts(word: str) -> list[str]:
    """The letters-and-digits parts of a word, in lower case ("e-RS" → ["e", "rs"])."""
    return [part.lower() for part in re.split(r"[&/-]", word)]


def canonical(word: str) -> str:
    """A word without its joining marks, in lower case: "A&G", "a&g" and "AG" all give "ag"."""
    return "".join(parts(word))


def abbreviation_key(word: str) -> str:
    """The index word standing for an abbreviation: "A&G" → "abbrag", "ME" → "abbrme"."""
    return KEY_PREFIX + canonical(word)


def abbreviation_keys(texts: Iterable[str]) -> str:
    """One key word for each different abbreviation written in ``texts`` (for the search index)."""
    keys = {abbreviation_key(word) for text in texts for word in WORD.findall(text) if is_abbreviation(word)}
    return " ".join(sorted(keys))


def block_text(block: blocks.Block, raw) -> Iterator[str]:
    """The text readers see in one block, from its stored (raw) value."""
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in raw:
            child_block = block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            if child_block is not None:
                yield from block_text(child_block, child.get("value"))
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child_block in block.child_blocks.items():
                yield from block_text(child_block, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            is_item = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            yield from block_text(block.child_block, item["value"] if is_item else item)
    elif isinstance(block, blocks.ChooserBlock):
        return  # loading the chosen object would cost a query per block
    elif isinstance(block, blocks.RichTextBlock):
        yield rich_text(raw)
    else:
        yield from (text for text in block.get_searchable_content(block.to_python(raw)) if text)


def stream_text(stream) -> str:
    """The words of a StreamField, read from its stored data (no per-block database lookups)."""
    return " ".join(block_text(stream.stream_block, list(stream.raw_data)))


def rich_text(html: str) -> str:
    """The words of a rich text field (editor HTML: a tag is a word break; entities are decoded).

    A pattern, not an HTML parser: several times faster over a whole library (the "did you mean"
    vocabulary), and the editor's HTML has no ">" inside its tags."""
    return " ".join(unescape(TAG.sub(" ", html or "")).split())


def page_own_text(page) -> str:
    """Everything readers see on ``page`` besides its title and summary, from stored data."""
    body = getattr(page, "body", None)
    texts = [rich_text(body) if isinstance(body, str) else stream_text(body)] if body is not None else []
    if getattr(page, "key_findings", ""):
        texts.append(rich_text(page.key_findings))
    if hasattr(page, "recommendations"):
        texts.append(stream_text(page.recommendations))
    return " ".join(text for text in texts if text)
