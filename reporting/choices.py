"""The fixed answers a report of an interface problem is made of.

Kept apart from the model so later pieces (letters counted for the LMC, figures, the letter to the
ICB) count by the same kinds. The provider and the kind of work pushed to the practice are not here:
they are the letters' own editable lists (``letters.models.Provider`` and ``RequestCategory``).
"""

from django.db import models


class ProblemKind(models.TextChoices):
    """What went wrong at the interface. ``WORKLOAD`` is refined by one of the letters' request categories."""

    WORKLOAD = "workload", "Work pushed to the practice that belongs with the provider"
    REFERRAL_DECLINED = "referral_declined", "Referral rejected, or turned into Advice and Guidance"
    CLINIC_LETTER = "clinic_letter", "Clinic letter late or missing"
    DISCHARGE_SUMMARY = "discharge_summary", "Discharge summary late or missing"
    TASKS = "tasks", "Clinical-system Tasks used to communicate with the practice"
    OTHER = "other", "Something else"


class ReporterRole(models.TextChoices):
    GP = "gp", "GP"
    PRACTICE_MANAGER = "practice_manager", "Practice manager"
    NURSE_OR_CLINICIAN = "clinician", "Nurse, pharmacist or other clinician"
    ADMIN = "admin", "Administrative, secretarial or reception staff"
    OTHER = "other", "Other"


class PracticeTime(models.TextChoices):
    """How much practice time the problem took (a rough band: reporters rarely time it)."""

    LITTLE = "little", "None or very little"
    UP_TO_HOUR = "up_to_1h", "Up to an hour"
    HOURS = "1_to_5h", "One to five hours"
    MORE = "over_5h", "More than five hours"
    NOT_SURE = "not_sure", "Not sure"


class PatientRisk(models.TextChoices):
    NONE = "none", "No risk to patients that we know of"
    POSSIBLE = "possible", "It could have harmed a patient (a risk or a near miss)"
    HARMED = "harmed", "A patient was harmed"


class TriageStatus(models.TextChoices):
    """Where the LMC is with a report. ``EXCLUDED`` reports are kept but left out of every count."""

    NEW = "new", "New"
    REVIEWED = "reviewed", "Reviewed"
    RAISED_WITH_PROVIDER = "raised_provider", "Raised with the provider"
    RAISED_WITH_ICB = "raised_icb", "Raised with the ICB"
    RESOLVED = "resolved", "Resolved"
    # Instead of deleting: the report stays in the listing, its status saying why it is not counted.
    EXCLUDED = "excluded", "Not counted (duplicate, spam or not an interface problem)"
