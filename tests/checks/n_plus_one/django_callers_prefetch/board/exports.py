"""The export walks every ticket and asks each for its totals."""
from .models import Ticket


def export_rows(project_id):
    tickets = Ticket.objects.filter(project_id=project_id).prefetch_related(
        "scores",
        "scores__grade",
    )
    rows = []
    for ticket in tickets:
        rows.append((ticket.title, ticket.graded_total(), ticket.weighed_total()))
    return rows


def export_labels(project_id):
    tickets = Ticket.objects.filter(project_id=project_id).prefetch_related("scores")
    return [ticket.labelled_total() for ticket in tickets]
