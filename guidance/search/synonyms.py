"""Search synonyms: ways of writing the same thing ("A&G", "advice and guidance") that LMC staff edit in
the admin (Snippets → Search synonyms). Searching for any one finds pages that use the others.

The list is read once per content change (``core.remembered``): saving a synonym changes content
like any snippet, so the next search sees it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from core.remembered import remember
from guidance.search.text import WORD, canonical

MAX_PHRASES = 10
MAX_PHRASE_WORDS = 6


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase as words compared with a query's: "A&G" → ("ag",), "Fit note" → ("fit", "note")."""
    return tuple(canonical(word) for word in WORD.findall(phrase))


class SearchSynonym(models.Model):
    """Two or more phrases that mean the same thing to the people searching."""

    phrases = models.TextField(
        help_text=(
            "Two or more ways of writing the same thing, one on each line: for example “A&G” and "
            "“advice and guidance”. A search for any of them finds pages using the others. Write "
            "abbreviations as pages write them (in capitals: ME, HUTH; with their marks: A&G, e-RS)."
        )
    )

    panels = [FieldPanel("phrases")]

    class Meta:
        verbose_name = "search synonym"
        ordering = ["phrases"]

    def __str__(self) -> str:
        return " = ".join(self.phrase_list())

    def phrase_list(self) -> list[str]:
        """The phrases, one per line, tidied, each once."""
        seen, phrases = set(), []
        for line in self.phrases.splitlines():
            phrase = " ".join(line.split())
            if phrase and phrase_words(phrase) and phrase_words(phrase) not in seen:
                seen.add(phrase_words(phrase))
                phrases.append(phrase)
        return phrases

    def clean(self) -> None:
        """Two or more phrases of words, short enough to be typed, none already in another synonym."""
        phrases = self.phrase_list()
        if len(phrases) < 2:
            raise ValidationError({"phrases": "Write at least two different phrases, one on each line."})
        if len(phrases) > MAX_PHRASES:
            raise ValidationError({"phrases": f"Write at most {MAX_PHRASES} phrases in one synonym."})
        long = [phrase for phrase in phrases if len(phrase_words(phrase)) > MAX_PHRASE_WORDS]
        if long:
            raise ValidationError(
                {"phrases": f"“{long[0]}” is too long: a phrase has at most {MAX_PHRASE_WORDS} words."}
            )
        mine = {phrase_words(phrase): phrase for phrase in phrases}
        for other in SearchSynonym.objects.exclude(pk=self.pk):
            for phrase in other.phrase_list():
                if phrase_words(phrase) in mine:
                    raise ValidationError(
                        {
                            "phrases": f"“{mine[phrase_words(phrase)]}” is already in the synonym “{other}”: "
                            "add these phrases there instead."
                        }
                    )
        self.phrases = "\n".join(phrases)


def synonym_groups() -> list[list[str]]:
    """Every synonym's phrases (remembered until content changes)."""
    return remember(
        "search:synonyms", lambda: [synonym.phrase_list() for synonym in SearchSynonym.objects.all()]
    )
