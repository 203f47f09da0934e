# path: desk/services/convert.py
# stack: django
"""Converting one ticket into a story: the code loads the ticket through
a queryset filtered by its primary key (to get select_related and an
annotation) and loops over it, so the loop runs once and the row it
creates is no per-row insert. A queryset filtered by the ticket's
project, by a list of ids, or by the primary key and another field
later widened stays reported."""
from desk.models import Story, Ticket, attach_watchers


def ticket_to_story(ticket):
    queryset = Ticket.objects.filter(pk=ticket.id)
    queryset = queryset.select_related("owner", "project")
    queryset = attach_watchers(queryset)
    for row in queryset:
        story = Story.objects.create(project=row.project, owner=row.owner, subject=row.subject)
        row.converted_to = story
        row.save(update_fields=["converted_to"])
    return ticket


def reopen_ticket(ticket):
    for row in Ticket.objects.filter(id=ticket.id).select_related("project"):
        Story.objects.create(project=row.project, subject="Reopened: " + row.subject)


def project_to_stories(project):
    for row in Ticket.objects.filter(project=project.id):
        Story.objects.create(project=project, subject=row.subject)  # expect: missing_bulk_ops MEDIUM


def tickets_to_stories(ids):
    for row in Ticket.objects.filter(pk__in=ids):
        Story.objects.create(project=row.project_id, subject=row.subject)  # expect: missing_bulk_ops MEDIUM


def widened_to_stories(ticket):
    queryset = Ticket.objects.filter(pk=ticket.id)
    queryset = Ticket.objects.filter(project=ticket.project_id)
    for row in queryset:
        Story.objects.create(project=row.project_id, subject=row.subject)  # expect: missing_bulk_ops MEDIUM
