from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("mina-uppgifter/<str:token>/", views.my_data, name="my_data"),
    path("mina-uppgifter/<str:token>/ladda-ner/", views.download, name="download"),
    path("mina-uppgifter/<str:token>/radera/", views.erase, name="erase"),
    path("personal/<slug:consultation>/personuppgifter/", views.staff_page, name="staff"),
    path("personal/<slug:consultation>/personuppgifter/<int:pk>/export/", views.staff_export, name="staff_export"),
    path("personal/<slug:consultation>/personuppgifter/<int:pk>/radera/", views.staff_erase, name="staff_erase"),
    path("<slug:consultation>/personuppgifter/", views.record_page, name="record"),
    path("<slug:consultation>/personuppgifter/raderade/", views.erased, name="erased"),
]
