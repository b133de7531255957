"""Import cultural meeting places from a CSV file onto the participation map.

Columns (Swedish or English headings, any order): name/namn, kind/typ, address/adress, latitude/latitud/lat,
longitude/longitud/lon, municipality/kommun (optional; name, slug or code), invented/påhittad (optional: "ja"
marks an invented example place). Coordinates are WGS 84 decimal degrees
(59.2741 or 59,2741) or SWEREF 99 TM metres (northing in the latitude column, easting in the longitude column).
Comma-, semicolon- or tab-separated; UTF-8, or Windows-1252 as older Excel saves it.

The file is the whole layer: an import replaces the consultation's meeting places. It is all or nothing: if any
row cannot be placed, nothing changes and the report lists every such row.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from samrad import sweden
from samrad.audit.log import record
from samrad.sweden import sweref

from . import geo
from .models import MeetingPlace

HEADINGS = {
    "name": {"name", "namn"},
    "kind": {"kind", "typ", "kategori", "type"},
    "address": {"address", "adress"},
    "latitude": {"latitude", "latitud", "lat", "n", "northing", "y"},
    "longitude": {"longitude", "longitud", "lon", "lng", "long", "e", "easting", "x"},
    "municipality": {"municipality", "kommun"},
    "invented": {"invented", "påhittad", "pahittad"},
}
TRUE = {"ja", "yes", "true", "1", "x"}
MAX_ROWS = 5000


@dataclass
class Row:
    row: int
    name: str
    kind: str
    address: str
    latitude: float
    longitude: float
    municipality: object  # Municipality
    invented: bool = False


@dataclass
class Report:
    filename: str
    rows: list[Row] = field(default_factory=list)
    errors: list[tuple[int | None, str]] = field(default_factory=list)  # (row, message)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    imported: int = 0
    replaced: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        row_word, note_word = _("row"), _("note")

        def where(row):
            return f"{self.filename}, {row_word} {row}" if row else self.filename

        return [f"{where(r)}: {m}" for r, m in self.errors] + [
            f"{where(r)}: {note_word}: {m}" for r, m in self.warnings
        ]


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _number(text: str) -> float | None:
    text = text.strip().replace("\u00a0", "").replace(" ", "").replace("−", "-")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # Swedish decimal comma
    try:
        return float(text)
    except ValueError:
        return None


def _municipality_lookup(consultation) -> dict[str, object]:
    out = {}
    for m in consultation.municipalities.all():
        for key in (m.slug, m.name, m.code):
            if key:
                out[key.strip().lower()] = m
    return out


def read(consultation, raw: bytes, filename: str) -> Report:
    """Parse and check every row; writes nothing."""
    report = Report(filename)
    text = _decode(raw)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        report.errors.append((None, _("the file is empty. The first row should name the columns.")))
        return report
    columns = {}
    for i, heading in enumerate(header):
        for key, names in HEADINGS.items():
            if heading.strip().lower() in names and key not in columns:
                columns[key] = i
    missing = [k for k in ("name", "latitude", "longitude") if k not in columns]
    if missing:
        report.errors.append(
            (
                1,
                _("missing columns: %(cols)s. The first row needs at least name, latitude and longitude.")
                % {"cols": ", ".join(missing)},
            )
        )
        return report
    municipalities = _municipality_lookup(consultation)
    by_code = {m.code: m for m in consultation.municipalities.all() if m.code}
    shapes, _missing = geo.shapes_of(list(by_code))
    if not shapes:
        report.errors.append(
            (
                None,
                _(
                    "the consultation has no map: none of its municipalities has a Swedish municipality code, so "
                    'places cannot be placed. Give the county (county = "20" under [consultation]) or each '
                    "municipality's code in the consultation file, and load it again."
                ),
            )
        )
        return report
    seen: dict[tuple, int] = {}
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if number > MAX_ROWS + 1:
            report.errors.append((number, _("too many rows: at most %(max)d places per file.") % {"max": MAX_ROWS}))
            break

        def cell(key, values=values):
            i = columns.get(key)
            return values[i].strip() if i is not None and i < len(values) else ""

        place = _check_row(report, number, cell, municipalities, by_code, shapes)
        if place is None:
            continue
        key = (place.name.lower(), round(place.latitude, 5), round(place.longitude, 5))
        if key in seen:
            report.warnings.append(
                (number, _("the same place as row %(other)d; imported once.") % {"other": seen[key]})
            )
            continue
        seen[key] = number
        report.rows.append(place)
    if not report.rows and not report.errors:
        report.errors.append((None, _("the file has no places below its heading row.")))
    return report


def _check_row(report: Report, number: int, cell, municipalities, by_code, shapes) -> Row | None:
    name = cell("name")
    problems = []
    if not name:
        problems.append(_("the name is empty."))
    lat_text, lon_text = cell("latitude"), cell("longitude")
    lat, lon = _number(lat_text), _number(lon_text)
    if not lat_text or not lon_text:
        problems.append(
            _("coordinates are missing. Give latitude and longitude in decimal degrees, e.g. 59.2741 and 15.2066.")
        )
    elif lat is None or lon is None:
        bad = lat_text if lat is None else lon_text
        problems.append(
            _("%(value)r is not a number. Write coordinates as decimal degrees, e.g. 59.2741.") % {"value": bad}
        )
    if problems:
        report.errors.extend((number, p) for p in problems)
        return None
    if sweref.looks_like_sweref(lat, lon):
        lat, lon = sweref.to_wgs84(lat, lon)
    elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
        report.errors.append(
            (
                number,
                _("latitude %(lat)s, longitude %(lon)s are not coordinates on Earth. Use WGS 84 decimal degrees.")
                % {"lat": lat_text, "lon": lon_text},
            )
        )
        return None
    shape, distance = geo.locate(lat, lon, shapes)
    if distance > geo.BORDER_TOLERANCE_KM:
        report.errors.append((number, _outside(name, lat, lon, by_code[shape.code].name, distance, shapes)))
        return None
    municipality = by_code[shape.code]
    if distance > 0:
        report.warnings.append(
            (
                number,
                _("%(name)s lies %(km).1f km outside the simplified border; placed in %(municipality)s.")
                % {"name": name, "km": distance, "municipality": municipality.name},
            )
        )
    stated = cell("municipality")
    if stated:
        named = municipalities.get(stated.lower())
        if named is None:
            report.errors.append(
                (
                    number,
                    _("the municipality %(value)r is not in the plan. Use one of: %(allowed)s.")
                    % {"value": stated, "allowed": ", ".join(sorted({m.name for m in municipalities.values()}))},
                )
            )
            return None
        if named.code and named.code != shape.code:
            stated_shape = shapes.get(named.code)
            if stated_shape is None or geo.locate(lat, lon, {named.code: stated_shape})[1] > geo.BORDER_TOLERANCE_KM:
                report.errors.append(
                    (
                        number,
                        _("the coordinates lie in %(found)s, but the row says %(stated)s. Check the coordinates.")
                        % {"found": municipality.name, "stated": named.name},
                    )
                )
                return None
        municipality = named
    invented = cell("invented").lower() in TRUE
    return Row(number, name, cell("kind"), cell("address"), lat, lon, municipality, invented)


def _outside(name: str, lat: float, lon: float, nearest: str, distance: float, shapes) -> str:
    """Why a place is refused: where it is instead, and the nearest of the consultation's municipalities."""
    where = {"name": name, "lat": lat, "lon": lon, "nearest": nearest, "km": distance}
    if geo.locate(lon, lat, shapes)[1] == 0:
        return (
            _(
                "%(name)s (%(lat).4f, %(lon).4f) is outside the consultation's municipalities. Latitude and longitude "
                "seem to be swapped: in Sweden the latitude is 55–69 and the longitude 11–24."
            )
            % where
        )
    found = sweden.locate(lat, lon)
    if found and found[1] == 0:
        county = sweden.county(found[0].code[:2])
        return _(
            "%(name)s (%(lat).4f, %(lon).4f) lies in %(found)s (%(county)s), which is not one of the consultation's "
            "municipalities. The nearest of them is %(nearest)s, %(km).0f km away."
        ) % {**where, "found": found[0].name, "county": county.name if county else ""}
    return (
        _(
            "%(name)s (%(lat).4f, %(lon).4f) is outside the consultation's municipalities. The nearest of them is "
            "%(nearest)s, %(km).0f km away."
        )
        % where
    )


def import_places(
    consultation, raw: bytes, filename: str, *, dry_run: bool = False, invented: bool = False, actor=None
):
    """Check the file and, unless dry_run or a row is bad, replace the consultation's meeting places with it."""
    report = read(consultation, raw, filename)
    if not report.ok or dry_run:
        return report
    with transaction.atomic():
        report.replaced, _deleted = MeetingPlace.objects.filter(consultation=consultation).delete()
        MeetingPlace.objects.bulk_create(
            MeetingPlace(
                consultation=consultation,
                name=r.name,
                kind=r.kind,
                address=r.address,
                latitude=Decimal(f"{r.latitude:.6f}"),
                longitude=Decimal(f"{r.longitude:.6f}"),
                municipality=r.municipality,
                is_invented=invented or r.invented,
                source=filename,
                source_row=r.row,
            )
            for r in report.rows
        )
        report.imported = len(report.rows)
        record(
            "followup.places.imported",
            actor=actor,
            consultation=consultation,
            file=filename,
            imported=report.imported,
            replaced=report.replaced,
        )
    return report
