"""Letters counted for the LMC: the offer shown with a letter's preview, and the count it records.

The offer is one signed value holding only what the statement beside the button lists (the kind of
letter, the provider from the list, the kinds of request, the reasons ticked, the month of the letter)
and a random one-time number. It is built from named fields of the letter form, never from the whole
POST, so nothing about the patient, the practice or what was typed can reach it. Nothing is stored
until the practice presses the button; a second press of the same offer counts nothing more.
"""

import datetime
import json
import logging
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from letters.models import Provider, Reason, RequestCategory
from letters.placeholders import LetterKind
from reporting.models import CountedLetter

SALT = "reporting.count-letter"
# An offer is good for a day: long enough to download, check and count; short enough not to pile up.
OFFER_MAX_AGE = 24 * 60 * 60
USED_KEY = "count-letter-used:{nonce}"
# The letter's one-time number as ``secrets.token_urlsafe(12)`` writes it.
LETTER_REF = re.compile(r"[A-Za-z0-9_-]{16}")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CountOffer:
    """What one press of "Count this letter for the LMC" sends, in words for the statement."""

    token: str
    letter: str
    provider: str
    categories: list[str]
    reasons: list[str]
    month: str


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def letter_ref(posted: str | None) -> str:
    """The generator page's random number: the one the page posted back, if well formed, or a new one.

    The page carries it from one preview or download to the next; ``letter_nonce`` makes each
    letter's one-time number from it.
    """
    return posted if posted and LETTER_REF.fullmatch(posted) else secrets.token_urlsafe(12)


def letter_nonce(*, ref: str, counted: list, patient: str) -> str:
    """The one-time number that counts one letter once: a keyed hash of the page's ``ref``, what is
    ``counted`` and the ``patient`` (NHS number, or name).

    The same letter in every version (Word, PDF, copies), from its preview and after a typo is
    corrected has the same number, so it counts once; a letter for another patient, or counting
    something else, made on the same page has another. The hash cannot be turned back into what it
    was made from (it is keyed with the secret key and the page's random ``ref``, which is not kept),
    and it alone is remembered.
    """
    message = json.dumps([ref, counted, patient], ensure_ascii=False)
    return salted_hmac(SALT, message, algorithm="sha256").hexdigest()[:32]


def _patient_key(cleaned_data: dict) -> str:
    """The NHS number's digits, or the name without case or spacing when there is no NHS number."""
    nhs_number = "".join(ch for ch in str(cleaned_data.get("nhs_number") or "") if ch.isdigit())
    return nhs_number or " ".join(str(cleaned_data.get("patient_name") or "").casefold().split())


def make_offer(
    *, kind: str, cleaned_data: dict, requests: list[dict] | None = None, ref: str | None = None
) -> CountOffer:
    """The offer for a letter made from a valid form's ``cleaned_data`` (and workload ``requests``),
    on the generator page ``ref`` (``letter_ref``; without one, the offer counts once on its own).

    Only the provider chosen from the list, the reasons' and categories' ids and the letter's month
    are read; free text ("Other" descriptions, a typed organisation) is never read.
    """
    # A typed organisation is what the letter is addressed to (instead of the list): none is sent.
    typed = bool(cleaned_data.get("recipient_organisation"))
    provider: Provider | None = None if typed else cleaned_data.get("recipient_provider")
    reasons = list(cleaned_data.get("reasons") or [])
    categories: list[RequestCategory] = []
    for request in requests or []:
        category = request.get("category")
        if category is not None and category not in categories:
            categories.append(category)
    month = _month_start(cleaned_data["letter_date"])
    payload = {
        "k": kind,
        "p": provider.pk if provider else None,
        "c": [category.pk for category in categories],
        "r": [reason.pk for reason in reasons],
        "m": month.isoformat(),
    }
    counted = list(payload.values())
    patient = _patient_key(cleaned_data)
    payload["n"] = (
        letter_nonce(ref=ref, counted=counted, patient=patient) if ref else secrets.token_urlsafe(12)
    )
    return CountOffer(
        token=signing.dumps(payload, salt=SALT, compress=True),
        letter=LetterKind(kind).label,
        provider=provider.label if provider else "Not from the list (not sent)",
        categories=[category.label for category in categories],
        reasons=[reason.label for reason in reasons],
        month=f"{month:%B %Y}",
    )


class OfferRefused(Exception):
    """The offer was altered, is too old, or names something that no longer exists."""


def _read(token: str) -> dict:
    try:
        payload = signing.loads(token, salt=SALT, max_age=OFFER_MAX_AGE)
        kind = LetterKind(payload["k"]).value
        month = datetime.date.fromisoformat(payload["m"])
        provider_id, category_ids, reason_ids = payload["p"], list(payload["c"]), list(payload["r"])
        nonce = str(payload["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise OfferRefused from error
    if month > _month_start(timezone.localdate()):
        raise OfferRefused
    return {
        "kind": kind,
        "month": month,
        "provider": Provider.objects.filter(pk=provider_id).first() if provider_id else None,
        "categories": list(RequestCategory.objects.filter(pk__in=category_ids)),
        "reasons": list(Reason.objects.filter(pk__in=reason_ids, letter_kind=kind)),
        "nonce": nonce,
    }


def _first_use(nonce: str) -> bool:
    """True unless this offer was counted before (within its day).

    The cache every worker shares (the rate limits') remembers used offers. If it is unavailable the
    count is kept anyway: a rare double count is better than losing counts or refusing practices.
    """
    cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]
    key = USED_KEY.format(nonce=nonce)
    if cache.add(key, 1, timeout=OFFER_MAX_AGE + 60):
        return True
    return cache.get(key) is None  # not added, and not there: the cache is down


def record_count(*, token: str) -> CountedLetter | None:
    """Count the letter an offer describes; None when this offer was already counted.

    Raises ``OfferRefused`` for an altered or expired offer (nothing is stored).
    """
    offer = _read(token)
    if not _first_use(offer["nonce"]):
        return None
    with transaction.atomic():
        counted = CountedLetter.objects.create(
            letter_kind=offer["kind"], provider=offer["provider"], month=offer["month"]
        )
        counted.categories.set(offer["categories"])
        counted.reasons.set(offer["reasons"])
    return counted


def count_on_download(*, offer: CountOffer) -> None:
    """Count a letter as it is downloaded, because the practice ticked "count it when I download it".

    A count that cannot be made (the database is unavailable, the letter is dated in a later month)
    never stops the download: the reason is logged, by its type only.
    """
    try:
        record_count(token=offer.token)
    except (OfferRefused, DatabaseError) as error:
        logger.warning("A letter was not counted on download (%s).", type(error).__name__)
