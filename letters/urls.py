"""Routes for the letter generators. Patient details travel only in POST bodies, never in these URLs."""

from django.urls import path

from letters import views
from letters.forms import DeclinedReferralForm, WorkloadRejectionForm

app_name = "letters"

urlpatterns = [
    path("", views.letters_index, name="index"),
    path("declined-referral/", views.DeclinedReferralView.as_view(), name="declined_referral"),
    path(
        "declined-referral/blank/",
        views.BlankLetterView.as_view(form_class=DeclinedReferralForm),
        name="declined_referral_blank",
    ),
    path("workload-rejection/", views.WorkloadRejectionView.as_view(), name="workload_rejection"),
    path(
        "workload-rejection/blank/",
        views.BlankLetterView.as_view(form_class=WorkloadRejectionForm),
        name="workload_rejection_blank",
    ),
]
