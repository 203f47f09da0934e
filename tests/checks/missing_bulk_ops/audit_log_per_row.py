# path: records/views.py
# stack: django djangorestframework django-auditlog
"""django-auditlog's `LogEntry.objects.log_create` is one INSERT: one per
edited row of a bulk change is a missing bulk insert. One entry per request,
or the manager's bulk_create, stays silent."""
from auditlog.models import LogEntry
from django.db import models
from rest_framework.response import Response
from rest_framework.views import APIView


class Record(models.Model):
    title = models.CharField(max_length=100)
    archived = models.BooleanField(default=False)


class ArchiveRecordsView(APIView):
    def post(self, request):
        ids = request.data["ids"]
        Record.objects.filter(pk__in=ids).update(archived=True)
        for record in Record.objects.filter(pk__in=ids):
            LogEntry.objects.log_create(  # expect: missing_bulk_ops MEDIUM
                instance=record,
                changes={"archived": [False, True]},
                action=LogEntry.Action.UPDATE,
                actor=request.user,
            )
        return Response({"archived": len(ids)})


class RenameRecordView(APIView):
    def post(self, request, pk):
        # look-alike: one entry for the one edited row
        record = Record.objects.get(pk=pk)
        old = record.title
        record.title = request.data["title"]
        record.save()
        LogEntry.objects.log_create(
            instance=record,
            changes={"title": [old, record.title]},
            action=LogEntry.Action.UPDATE,
            actor=request.user,
        )
        return Response({"ok": True})
