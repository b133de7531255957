"""Each app registers the providers for the personal data it stores, from its own code (not the privacy app's)."""

from samrad.core.personaldata import PROVIDERS, providers


def test_each_provider_comes_from_the_app_its_key_names():
    apps = {key: (p.export, p.erase, p.count) for key, p in PROVIDERS.items()}
    assert {"participation.participant", "participation.registration", "intake.contribution"} <= set(apps)
    for key, functions in apps.items():
        app = key.split(".")[0]
        # The registry's defaults (nothing to export, erase or count) aside.
        own = [f.__module__ for f in functions if f.__module__ != "samrad.core.personaldata"]
        assert own and all(module.startswith(f"samrad.{app}.") for module in own), (key, own)


def test_the_participant_is_anonymised_last():
    assert providers()[-1].key == "participation.participant"
