"""Writing many contributions fast."""

import functools

from .models import Contribution


class RowWriter:
    """Inserts contributions with executemany, without building a model instance for each: an import of
    100,000 rows makes 300,000 of them, and the survey is the page that takes the load. Values are adapted by
    the database backend exactly as the ORM adapts them."""

    FIELDS = (
        "consultation_id", "area_id", "question_id", "event_id", "source", "raw_text", "respondent",
        "role_category_id", "municipality_id", "received_at", "provenance", "dedup_key", "created_at",
    )  # fmt: skip

    def __init__(self):
        from django.core.serializers.json import DjangoJSONEncoder
        from django.db import connection

        self.connection = connection
        self.encoder = DjangoJSONEncoder
        self.sql = _sql(connection.vendor)

    def datetime(self, value):
        return self.connection.ops.adapt_datetimefield_value(value)

    def row(self, **values) -> tuple:
        """Values as the model's fields take them; received_at and created_at already through datetime()."""
        values["provenance"] = self.connection.ops.adapt_json_value(values["provenance"], self.encoder)
        return tuple(values[f] for f in self.FIELDS)

    def insert(self, rows: list[tuple]) -> None:
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql" and len(rows) >= COPY_FROM:
                # COPY is PostgreSQL's bulk path: several times faster than INSERTs for an import.
                with cursor.cursor.copy(_sql(self.connection.vendor, copy=True)) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, rows)


COPY_FROM = 100


@functools.cache
def _sql(vendor: str, copy: bool = False) -> str:
    from django.db import connection

    q = connection.ops.quote_name
    columns = ", ".join(q(Contribution._meta.get_field(f.removesuffix("_id")).column) for f in RowWriter.FIELDS)
    if copy:
        return f"COPY {q(Contribution._meta.db_table)} ({columns}) FROM STDIN"
    placeholders = ", ".join(["%s"] * len(RowWriter.FIELDS))
    return f"INSERT INTO {q(Contribution._meta.db_table)} ({columns}) VALUES ({placeholders})"
