from django.urls import path

from . import views

app_name = "results"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.consultation, name="consultation"),
    path("<slug:slug>/resultat/", views.results, name="results"),
    path("<slug:slug>/logotyp/", views.logo, name="logo"),
]
