"""Catalog endpoints."""
from django.http import JsonResponse

from . import services


def adjust(request):
    services.record_movements(request.POST.getlist("rows"))
    return JsonResponse({"ok": True})
