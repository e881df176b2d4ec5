"""Routes for the letter generators."""

from django.urls import path

from letters import views

app_name = "letters"

urlpatterns = [
    path("", views.letters_index, name="index"),
]
