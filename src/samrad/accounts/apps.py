from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "samrad.accounts"
    label = "accounts"
