"""Demo stage: the example's INVENTED cultural meeting places (examples/orebro-2022/meeting-places.csv)."""

from pathlib import Path

from django.utils.translation import gettext as _

from samrad.consultations.models import Consultation
from samrad.core.csvfiles import DataFileError

from .places import import_places

PLACES_FILE = "meeting-places.csv"


def load_places(consultation: Consultation, directory: Path) -> str:
    path = directory / PLACES_FILE
    report = import_places(consultation, path.read_bytes(), path.name, invented=True)
    if not report.ok:
        raise DataFileError(path, None, "; ".join(report.lines()))
    return _("%(count)d invented cultural meeting places on the map") % {"count": report.imported}
