"""One ticket shown on its own page: no prefetch at all."""
from .models import Ticket


def ticket_total(ticket_id):
    ticket = Ticket.objects.get(pk=ticket_id)
    return {"total": ticket.weighed_total()}
