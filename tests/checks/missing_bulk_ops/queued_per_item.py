# path: inbox/management/commands/scan_inbox.py
# stack: django celery
"""Each pass hands one file to a background task (the unit of work); the
tag looked up or created for its folder beside it cannot be batched apart
from that work: silent. The same helper without the task is reported."""
from pathlib import Path

from celery import shared_task
from django.core.management.base import BaseCommand
from django.db import models


class Label(models.Model):
    name = models.CharField(max_length=50)


@shared_task
def ingest(path, label_id):
    return path


def queue_file(path: Path):
    label, _ = Label.objects.get_or_create(name=path.parent.name)
    ingest.apply_async(args=[str(path), label.pk])


def label_file(path: Path):
    Label.objects.get_or_create(name=path.parent.name)


class Command(BaseCommand):
    def handle(self, *args, **options):
        for path in Path("/inbox").glob("*.pdf"):
            queue_file(path)
        for path in Path("/inbox").glob("*.txt"):
            label_file(path)  # expect: missing_bulk_ops MEDIUM
