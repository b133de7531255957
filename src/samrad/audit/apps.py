from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "samrad.audit"
    label = "audit"
