"""Backing up and restoring the whole database, on SQLite or PostgreSQL alike.

A backup is every row of every table (Django's own, allauth's, the task queue's and ours)
as compressed JSON, in primary-key order, so it restores onto either database and moves a
deployment from SQLite to PostgreSQL. Restoring empties the database and loads the file in
one transaction: a damaged or foreign file changes nothing. `manage.py backup` and
`manage.py restore` wrap these; docs/backups.md says when to use the databases' own tools.
"""

import gzip
import json

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError, transaction

FORMAT = "tandem-backup-1"


class RestoreError(Exception):
    """The file cannot be restored; nothing was changed."""


def all_models():
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]


def backup(out) -> int:
    """Write the whole database to the binary file `out`; returns the number of rows."""
    rows = 0
    with gzip.open(out, "wt", encoding="utf-8") as archive:
        archive.write(json.dumps({"format": FORMAT}) + "\n")
        # Many-to-many rows are backed up as rows of their own table, with their own ids, and
        # their models' lists of links are not replayed on restore.
        for model in all_models():
            queryset = model._base_manager.order_by("pk")
            for obj in queryset.iterator(chunk_size=2000):
                archive.write(serializers.serialize("json", [obj]) + "\n")
                rows += 1
    return rows


def restore(source) -> int:
    """Replace the database's contents with the backup in the binary file `source`."""
    try:
        with gzip.open(source, "rt", encoding="utf-8") as archive:
            header = json.loads(archive.readline() or "{}")
            lines = archive.read().splitlines()
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise RestoreError(f"This is not a Tandem backup: {error}.") from None
    if header.get("format") != FORMAT:
        raise RestoreError("This is not a Tandem backup: its first line does not say so.")
    try:
        with transaction.atomic():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            count = 0
            for number, line in enumerate(lines, start=2):
                try:
                    for obj in serializers.deserialize("json", line):
                        obj.save(save_m2m=False)
                        count += 1
                except DeserializationError as error:
                    raise RestoreError(f"Line {number} of the backup is damaged: {error}") from None
            _reset_sequences()
    except (IntegrityError, DatabaseError) as error:
        raise RestoreError(f"The backup does not fit this database: {error}") from None
    return count


def _reset_sequences() -> None:
    from django.db import connection

    # PostgreSQL's sequences must continue after the restored ids; SQLite needs nothing.
    statements = connection.ops.sequence_reset_sql(no_style(), all_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def snapshot() -> dict[str, list]:
    """Every row of every table, for comparing two databases."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values_list())
        for model in all_models()
    }
