# path: helpdesk/history.py
# stack: django
"""A helper that re-reads the row it is handed, inside a try whose
except answers "gone", checks on purpose that the row still exists
before it records anything: calling it twice is two checks, not a load
the caller could pass on. A helper that simply loads the row again by
the object's key does repeat the caller's work."""
from django.db import models


class Ticket(models.Model):
    title = models.CharField(max_length=120)


class Entry(models.Model):
    ticket_id = models.IntegerField()
    note = models.TextField(default="")


def record(ticket, note=""):
    try:
        ticket = Ticket.objects.get(pk=ticket.pk)
    except Ticket.DoesNotExist:
        return None
    return Entry.objects.create(ticket_id=ticket.pk, note=note)


def title_of(ticket):
    fresh = Ticket.objects.get(pk=ticket.pk)
    return fresh.title


def open_ticket(title, note):
    # look-alike: two entries, each after its own existence check
    ticket = Ticket.objects.create(title=title)
    record(ticket)
    record(ticket, note=note)
    return ticket


def heading(ticket):
    # positive: the same row loaded twice for its title
    first = title_of(ticket)
    second = title_of(ticket)  # expect: redundant_fetch MEDIUM
    return first + second
