from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "samrad.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from samrad.consultations.loader import register_section
        from samrad.consultations.models import Consultation
        from samrad.core.personaldata import set_notice
        from samrad.core.staff_links import register as register_link

        from . import free_text, notice, outbox, section

        register_section("privacy", section.validate, section.apply)
        free_text.register_provider()
        outbox.register_provider()
        set_notice(notice.notice_paragraphs)
        register_link("privacy", _("Personal data"), "privacy:staff", "samrad.manage_personal_data", order=920)
        post_save.connect(note_closing, sender=Consultation, dispatch_uid="privacy.note_closing")


def note_closing(sender, instance, **kwargs):
    """Retention counted from closing needs the day the consultation closed: note it when the status says so."""
    from django.utils import timezone

    from .models import ProcessingRecord

    if instance.status == instance.Status.CLOSED:
        ProcessingRecord.objects.filter(consultation=instance, closed_on__isnull=True).update(
            closed_on=timezone.localdate()
        )
