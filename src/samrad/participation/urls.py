from django.urls import path

from .views import groups, registrations, signup

app_name = "participation"
E = "<slug:consultation>/dialoger/<slug:event>/"
urlpatterns = [
    path(E + "anmalan/", signup.signup, name="signup"),
    path(E + "anmalan/skicka-lanken/", signup.resend_link, name="resend"),
    path("anmalan/<str:token>/", signup.personal, name="personal"),
    path("anmalan/<str:token>/bekraftelse/", signup.confirmation, name="confirmation"),
    path("anmalan/<str:token>/avboka/", signup.cancel_view, name="cancel"),
    path(E + "anmalningar/", registrations.registration_list, name="registrations"),
    path(E + "anmalningar/export.csv", registrations.export, {"fmt": "csv"}, name="export_csv"),
    path(E + "anmalningar/export.xlsx", registrations.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path(E + "anmalningar/<int:pk>/status/", registrations.change_status, name="status"),
    path(E + "anmalningar/ny/", registrations.walk_in, name="walk_in"),
    path(E + "grupper/", groups.groups_page, name="groups"),
    path(E + "grupper/bilda/", groups.form_groups, name="form_groups"),
    path(E + "grupper/omgang-<int:number>/balansera/", groups.rebalance_round, name="rebalance"),
    path(E + "grupper/<int:group_id>/samtalsledare/", groups.set_facilitator, name="facilitator"),
    path(E + "grupper/utskrift/", groups.print_lists, name="print"),
    path(E + "grupper/grupper.pdf", groups.lists_pdf, name="pdf"),
    path(E + "grupper/omgang-<int:number>-zoom.csv", groups.breakout, {"kind": "zoom"}, name="zoom"),
    path(E + "grupper/omgang-<int:number>-teams.csv", groups.breakout, {"kind": "teams"}, name="teams"),
]
