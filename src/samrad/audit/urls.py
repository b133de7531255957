from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("personal/logg/", views.all_events, name="all"),
    path("personal/<slug:consultation>/logg/", views.consultation_log, name="consultation"),
]
