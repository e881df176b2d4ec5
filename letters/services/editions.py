"""Which contract references the LMC should check: those not checked against the edition in force."""

import datetime
from dataclasses import dataclass

from letters.contract import edition_in_force
from letters.models import RequestCategory, ServiceCondition


@dataclass(frozen=True)
class ReferenceCheck:
    """Contract references checked against an older edition (or none), as of a day."""

    edition: str
    service_conditions: list[ServiceCondition]
    categories: list[RequestCategory]

    def __bool__(self) -> bool:
        return bool(self.service_conditions or self.categories)


def references_to_check(*, on: datetime.date) -> ReferenceCheck:
    """Service Condition titles and category sub-clauses not checked against the edition in force.

    Until they are checked, letters cite those Service Conditions by number only and leave the
    sub-clauses out (``letters.contract``).
    """
    return ReferenceCheck(
        edition=edition_in_force(on),
        service_conditions=[sc for sc in ServiceCondition.objects.all() if sc.out_of_date(on=on)],
        categories=[
            category
            for category in RequestCategory.objects.exclude(sub_clause="").select_related("service_condition")
            if category.references_out_of_date(on=on)
        ],
    )
