"""Ticket services. The first helper lost its caller when the board view
got its own copy (desk/boards/services.py): the one call of that name
reaches the boards module, so nothing runs this loop. The other two are
still called (one only through a dict) and stay reported."""
from ..models import Note, Ticket


def note_tickets_in_bulk(items, text):
    for item in items:
        Note.objects.create(ticket_id=item["ticket_id"], text=text)


def note_tickets(items, text):
    for item in items:
        Note.objects.create(ticket_id=item["ticket_id"], text=text)  # expect: missing_bulk_ops MEDIUM


def open_tickets(titles):
    for title in titles:
        Ticket.objects.create(title=title)  # expect: missing_bulk_ops MEDIUM


HANDLERS = {"open": open_tickets}
