"""Board endpoints."""
from django.http import JsonResponse

from . import services
from ..tickets import services as ticket_services


def add_note(request):
    items = request.POST.getlist("items")
    services.note_tickets_in_bulk(items, request.POST["text"])
    ticket_services.HANDLERS["open"](request.POST.getlist("titles"))
    return JsonResponse({"ok": True})


def add_plain_note(request):
    ticket_services.note_tickets(request.POST.getlist("items"), request.POST["text"])
    return JsonResponse({"ok": True})
