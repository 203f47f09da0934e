# path: desk/tasks.py
# stack: django celery
"""A loop that loads one row per item and saves it writes one UPDATE per
item, as a loop over the loaded rows would: one `filter(pk__in=...)
.update(...)` does the same. A row built for an insert, or a row loaded
by something other than the item, is no such write."""
import json

from celery import shared_task
from django.db import models
from django.utils import timezone


class Ticket(models.Model):
    title = models.CharField(max_length=200)
    touched = models.DateTimeField(null=True)


class Board(models.Model):
    name = models.CharField(max_length=80)
    touched = models.DateTimeField(null=True)


@shared_task
def tickets_moved(payload):
    payload = json.loads(payload)
    for rec in payload.get("moved", []):
        ticket = Ticket.objects.filter(pk=rec.get("ticket_id")).first()  # expect: n_plus_one MEDIUM
        if ticket:
            ticket.touched = timezone.now()
            ticket.save(update_fields=["touched"])  # expect: n_update_delete_loop HIGH


@shared_task
def tickets_copied(titles):
    for title in titles:
        # a new row per title: an INSERT, missing_bulk_ops rather than this check
        copy = Ticket(title=title)
        copy.save()  # expect: missing_bulk_ops MEDIUM


@shared_task
def boards_renamed(names):
    # an untyped list of one user's few boards: nothing says it grows
    for name in names:
        board = Board.objects.filter(name=name).first()
        if board:
            board.touched = timezone.now()
            board.save(update_fields=["touched"])
