from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("konto/logga-in/", views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/losenord/", views.PasswordResetView.as_view(), name="password_reset"),
    path("konto/losenord/skickat/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("konto/losenord/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("konto/losenord/klart/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("personal/", views.home, name="home"),
    path("personal/<slug:consultation>/roller/", views.roles, name="roles"),
    path("personal/<slug:consultation>/roller/<int:pk>/ta-bort/", views.revoke, name="revoke"),
]
