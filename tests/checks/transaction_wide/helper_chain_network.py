# path: events/views.py
# stack: django requests
"""A view runs in a transaction and calls a project helper, which calls
another, which calls a third that makes the HTTP request: the request
still runs with the transaction open, three project calls below it."""
import requests
from django.db import transaction
from django.http import JsonResponse

from events.models import Invite

DIRECTORY = "https://directory.example.org/lookup"


def fetch_profile(handle):
    return requests.get(DIRECTORY, params={"h": handle}, timeout=5).json()


def display_name(handle):
    data = fetch_profile(handle)
    return data.get("name") or handle


def guests_named_in(text):
    names = []
    for word in text.split():
        if word.startswith("@"):
            names.append(display_name(word[1:]))
    return names


def plain_guests(text):
    return [w for w in text.split() if w.startswith("@")]


@transaction.atomic
def send_invite(request):
    invite = Invite.objects.create(text=request.POST["text"])
    guests = guests_named_in(invite.text)  # expect: transaction_wide HIGH
    invite.note = ", ".join(guests)
    invite.save()
    return JsonResponse({"id": invite.id})


# the helpers under it only parse the text: nothing remote in the block
@transaction.atomic
def draft_invite(request):
    invite = Invite.objects.create(text=request.POST["text"])
    invite.note = ",".join(plain_guests(invite.text))
    invite.save()
    return JsonResponse({"id": invite.id})


# the lookups run first, the transaction only around the writes
def send_invite_outside(request):
    guests = guests_named_in(request.POST["text"])
    with transaction.atomic():
        invite = Invite.objects.create(text=request.POST["text"], note=", ".join(guests))
    return JsonResponse({"id": invite.id})
