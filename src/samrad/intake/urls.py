from django.urls import path

from .views import survey

app_name = "intake"
urlpatterns = [
    path("<slug:slug>/enkat/", survey.survey, name="survey"),
    path("<slug:slug>/enkat/tack/", survey.thanks, name="survey_thanks"),
]
