from django.urls import path

from . import feedback, views

app_name = "results"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:consultation>/", views.consultation, name="consultation"),
    path("<slug:consultation>/resultat/", views.results, name="results"),
    path("<slug:consultation>/aterkoppling/", feedback.submit, name="feedback"),
    path("<slug:consultation>/tillganglighet/", views.accessibility, name="accessibility"),
    path("<slug:consultation>/logotyp/", views.logo, name="logo"),
]
