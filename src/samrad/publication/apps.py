from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "samrad.publication"
    label = "publication"
    verbose_name = _("Publication")

    def ready(self):
        from samrad.audit.actions import register

        register("publication.publish", _("Culture area published"))
        register("publication.withdraw", _("Culture area taken off the public page"))
