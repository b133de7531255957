import pytest

from tests.ops.people import fast_passwords


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    fast_passwords(settings)
