from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "samrad.results"
    label = "results"
