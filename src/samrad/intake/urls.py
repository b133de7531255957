from django.urls import path

from .views import contributions, imports, notes, survey

app_name = "intake"
urlpatterns = [
    path("<slug:consultation>/enkat/", survey.survey, name="survey"),
    path("<slug:consultation>/enkat/tack/", survey.thanks, name="survey_thanks"),
    path("<slug:consultation>/anteckningar/", notes.overview, name="notes_overview"),
    path("<slug:consultation>/anteckningar/grupp/<int:pk>/", notes.by_account, name="notes_group"),
    path("<slug:consultation>/anteckningar/grupp/<int:pk>/historik/", notes.history, name="notes_history"),
    path("<slug:consultation>/anteckningar/lank/<str:token>/", notes.by_link, name="notes_link"),
    path("<slug:consultation>/anteckningar/<slug:event_slug>/las/", notes.lock, name="notes_lock"),
    path("<slug:consultation>/inspel/", contributions.listing, name="contributions"),
    path("<slug:consultation>/import/", imports.upload, name="import"),
]
