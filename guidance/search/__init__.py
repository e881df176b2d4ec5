"""Site search: live, public guidance found by its words, its documents' words and their synonyms,
and the information pages (privacy notice, accessibility statement) by their words.

- ``service``: ``search_guidance``, the one entry point (used by the search view);
- ``query``: what a query asks for (words, synonyms, abbreviations) and what to highlight;
- ``ranking``: the one place the search engine is asked (Wagtail's, or our PostgreSQL query);
- ``excerpts``: safely highlighted summaries and excerpts;
- ``text``: the words of a page as readers see them (never a block's internal names);
- ``synonyms``: the synonyms LMC staff edit; ``suggestions``: "did you mean" for near misses.
"""
