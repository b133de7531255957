from django.urls import path

from .views import contributions, imports, notes, survey

app_name = "intake"
urlpatterns = [
    path("<slug:slug>/enkat/", survey.survey, name="survey"),
    path("<slug:slug>/enkat/tack/", survey.thanks, name="survey_thanks"),
    path("<slug:slug>/anteckningar/", notes.overview, name="notes_overview"),
    path("<slug:slug>/anteckningar/grupp/<int:pk>/", notes.by_account, name="notes_group"),
    path("<slug:slug>/anteckningar/grupp/<int:pk>/historik/", notes.history, name="notes_history"),
    path("<slug:slug>/anteckningar/lank/<str:token>/", notes.by_link, name="notes_link"),
    path("<slug:slug>/anteckningar/<slug:event_slug>/las/", notes.lock, name="notes_lock"),
    path("<slug:slug>/inspel/", contributions.listing, name="contributions"),
    path("<slug:slug>/import/", imports.upload, name="import"),
]
