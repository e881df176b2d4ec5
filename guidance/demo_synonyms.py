"""The search synonyms the demo site starts with: the abbreviations of the domain brief
(docs: /work/shared/docs/domain.md) beside what they stand for. LMC staff edit them in the admin."""

from guidance.search.synonyms import SearchSynonym, phrase_words

SYNONYMS = [
    ["A&G", "advice and guidance", "advice & guidance"],
    ["ME", "medical examiner"],
    ["Med3", "fit note", "sick note", "statement of fitness for work"],
    ["HUTH", "Hull University Teaching Hospitals"],
    ["NLaG", "Northern Lincolnshire and Goole"],
    ["DNA", "did not attend", "missed appointment", "was not brought", "WNB"],
    ["e-RS", "e-Referral Service", "electronic referral service"],
    ["UBRN", "unique booking reference number", "booking reference"],
    ["RAS", "referral assessment service"],
    ["SPA", "single point of access"],
    ["ICB", "Integrated Care Board"],
    ["LMC", "Local Medical Committee"],
    ["GMS", "General Medical Services"],
    ["PMS", "Personal Medical Services"],
]


def ensure_search_synonyms() -> int:
    """Add each starting synonym none of whose phrases is in a synonym yet; return how many."""
    taken = {
        phrase_words(phrase) for synonym in SearchSynonym.objects.all() for phrase in synonym.phrase_list()
    }
    created = 0
    for phrases in SYNONYMS:
        if taken.isdisjoint(phrase_words(phrase) for phrase in phrases):
            synonym = SearchSynonym(phrases="\n".join(phrases))
            synonym.full_clean()
            synonym.save()
            created += 1
    return created
