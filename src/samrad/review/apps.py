from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "samrad.review"
    label = "review"
