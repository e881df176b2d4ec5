"""Counting a letter for the LMC: apart from the report form's address, so each has its own rate limit."""

from django.urls import path

from reporting import views

app_name = "counting"

urlpatterns = [
    path("", views.CountLetterView.as_view(), name="count"),
    path("thank-you/", views.counted, name="counted"),
]
