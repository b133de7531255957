from django.urls import path

from .views import lines, pages, themes

app_name = "review"
C = "<slug:consultation>/granskning/"
S = C + "omrade/<slug:area>/<slug:question>/"
urlpatterns = [
    path(C, pages.overview, name="overview"),
    path(C + "analysera/", pages.run_analysis, name="analyse"),
    path(C + "export/<str:fmt>", pages.download, name="download"),
    path(C + "aterkoppling/", pages.feedback, name="feedback"),
    path(C + "omrade/<slug:area>/status/", lines.area_status, name="area_status"),
    path(S, pages.section, name="section"),
    path(S + "tema/ny/", themes.theme_add, name="theme_add"),
    path(S + "tema/<int:pk>/andra/", themes.theme_edit, name="theme_edit"),
    path(S + "tema/<int:pk>/sammanfattning/", themes.theme_include, name="theme_include"),
    path(S + "tema/<int:pk>/ordning/", themes.theme_order, name="theme_order"),
    path(S + "tema/<int:pk>/sla-ihop/", themes.theme_merge, name="theme_merge"),
    path(S + "tema/<int:pk>/ta-bort/", themes.theme_delete, name="theme_delete"),
    path(S + "pastaenden/<str:source>/", themes.selection, name="selection"),
    path(S + "pastaende/valj/", themes.pick, name="pick"),
    path(S + "punkter/<str:source>/ny/", lines.point_add, name="point_add"),
    path(S + "punkt/<int:pk>/andra/", lines.point_edit, name="point_edit"),
    path(S + "punkt/<int:pk>/ordning/", lines.point_order, name="point_order"),
    path(S + "punkt/<int:pk>/ta-bort/", lines.point_delete, name="point_delete"),
    path(S + "citat/<int:pk>/andra/", lines.quote_edit, name="quote_edit"),
    path(S + "citat/<int:pk>/status/", lines.quote_status, name="quote_status"),
    path(S + "citat/<int:pk>/ordning/", lines.quote_order, name="quote_order"),
]
