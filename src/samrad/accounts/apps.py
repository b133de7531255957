from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samrad.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib import admin

        from samrad.core.staff_links import register

        from .forms import AdminLoginForm

        # The admin's own login page counts failures like /konto/logga-in/, or it would be a way around them.
        admin.site.login_form = AdminLoginForm

        register("public", _("Public page"), "results:consultation", "samrad.view_staff_tools", order=0)
        register("roles", _("Roles and access"), "accounts:roles", "samrad.manage_roles", order=900)
