"""The public reporting form. What a practice types travels only in the POST body."""

from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.ReportProblemView.as_view(), name="report"),
    path("thank-you/", views.thanks, name="thanks"),
]
