# path: archive/views/exports.py
# stack: django
"""Positional save() arguments usually mean a buffer encode, not a row
(buffer_save_helper.py). A Django file field's save(name, content,
save=True) is the exception: it stores the file and then saves the record
that holds the field, one UPDATE per item here. A positional save without
save= stays silent."""
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import models
from django.http import JsonResponse
from django.views import View


class Report(models.Model):
    owner = models.CharField(max_length=40)
    body = models.TextField()
    pdf = models.FileField(upload_to="reports/")


class Attach(View):
    def post(self, request):
        for report in Report.objects.filter(owner=request.user.username):
            self.attach(report)  # expect: n_update_delete_loop HIGH
        return JsonResponse({"ok": True})

    def attach(self, report):
        data = report.body.encode()
        report.pdf.save(f"{report.pk}.pdf", ContentFile(data), save=True)


class Preview(View):
    def post(self, request):
        for report in Report.objects.filter(owner=request.user.username):
            self.encode(report)  # silent: written to a buffer only
        return JsonResponse({"ok": True})

    def encode(self, report):
        out = BytesIO()
        report.pdf.open().save(out, "PDF")
        return out.getvalue()
