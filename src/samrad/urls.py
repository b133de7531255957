from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

# Swedish pages have no prefix; English ones live under /en/.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    # Staff (konto/, personal/) and privacy pages: before results, whose <slug>/ would catch them.
    path("", include("samrad.accounts.urls")),
    path("", include("samrad.audit.urls")),
    path("", include("samrad.privacy.urls")),
    path("", include("samrad.results.urls")),
    path("", include("samrad.followup.urls")),
    path("", include("samrad.participation.urls")),
    path("", include("samrad.intake.urls")),
    path("", include("samrad.review.urls")),
    prefix_default_language=False,
)
