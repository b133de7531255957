from django.urls import path

from . import calendar_views, exports, participation_views, staff_views, views

app_name = "followup"
C = "<slug:consultation>/"
F = C + "uppfoljning/"
S = F + "hantera/"
urlpatterns = [
    path(C + "samverkan/", views.collaborations, name="collaborations"),
    path(F, views.index, name="index"),
    path(F + "mal/<slug:item>/", views.goal, name="goal"),
    path(F + "sektor/<slug:item>/", views.sector, name="sector"),
    path(F + "aktivitet/<slug:item>/", views.activity, name="activity"),
    path(F + "oppna-data.json", exports.data_json, name="data_json"),
    path(F + "aktiviteter.csv", exports.activities_csv, name="activities_csv"),
    path(C + "kalender/", calendar_views.calendar, name="calendar"),
    path(C + "kalender.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path(C + "kalender/<slug:event>.ics", calendar_views.event_ics, name="event_ics"),
    path(C + "deltagande/", participation_views.participation, name="participation"),
    path(C + "deltagande/alla-siffror/", participation_views.participation_staff, name="participation_staff"),
    path(S, staff_views.index, name="staff"),
    path(S + "aktivitet/ny/", staff_views.activity, name="staff_activity_new"),
    path(S + "aktivitet/<int:pk>/", staff_views.activity, name="staff_activity"),
    path(S + "aktivitet/<int:pk>/anteckning/", staff_views.add_note, name="staff_note"),
    path(S + "anteckning/<int:pk>/ta-bort/", staff_views.delete_note, name="staff_note_delete"),
    path(S + "motesplatser/", staff_views.upload_places, name="staff_places"),
    path(S + "<slug:kind>/ny/", staff_views.edit, name="staff_new"),
    path(S + "<slug:kind>/<int:pk>/", staff_views.edit, name="staff_edit"),
]
