from django.urls import path

from . import feedback, views

app_name = "results"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.consultation, name="consultation"),
    path("<slug:slug>/resultat/", views.results, name="results"),
    path("<slug:slug>/aterkoppling/", feedback.submit, name="feedback"),
    path("<slug:slug>/tillganglighet/", views.accessibility, name="accessibility"),
    path("<slug:slug>/logotyp/", views.logo, name="logo"),
]
