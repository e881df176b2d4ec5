"""The letter generator forms: shared fields and checks (``base``), field types (``fields``), and one
module per letter. They validate and tidy; ``letters.services.facts`` builds the letter's facts."""

from letters.forms.base import LetterForm
from letters.forms.declined import DeclinedReferralForm
from letters.forms.fields import TextField
from letters.forms.workload import WorkloadRejectionForm

__all__ = ["DeclinedReferralForm", "LetterForm", "TextField", "WorkloadRejectionForm"]
