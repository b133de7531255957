from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "samrad.consultations"
    label = "consultations"
