# path: board/api.py
# stack: django celery
"""The ids a client posts (a DRF body's list field, a dict built from it,
an array of objects) and the ids a task decodes from its JSON arguments
grow with what the caller sends: one query per id is one round trip per
id where `pk__in` would do. The keys of one posted object, a literal
list, a list around one posted scalar and a loop that ends at the first
id it finds are bounded."""
import json

from celery import shared_task
from django.db import models
from rest_framework.response import Response
from rest_framework.views import APIView


class Crew(models.Model):
    name = models.CharField(max_length=80)


class Seat(models.Model):
    crew = models.ForeignKey(Crew, on_delete=models.CASCADE)
    person = models.IntegerField()
    grade = models.IntegerField(default=0)


class Card(models.Model):
    title = models.CharField(max_length=200)
    touched = models.DateTimeField(null=True)


class Sticker(models.Model):
    word = models.CharField(max_length=30)


class CrewSeats(APIView):
    def post(self, request, crew_id):
        wanted = request.data.get("people", [])
        grades = {p.get("person"): p.get("grade") for p in wanted}
        for person in grades:
            seat = Seat.objects.get(crew_id=crew_id, person=person)  # expect: n_plus_one HIGH
            if seat.grade > grades[person]:
                return Response({"error": "lower"}, status=400)
        return Response({})

    def patch(self, request, crew_id):
        # the body is an array of objects: each item is read as a mapping
        for item in request.data:
            person = item.pop("person", None)
            seat = Seat.objects.filter(crew_id=crew_id, person=person).first()  # expect: n_plus_one HIGH
            if seat is None:
                continue
            seat.grade = item.get("grade", 0)
            seat.save(update_fields=["grade"])
        return Response({})

    def put(self, request, crew_id):
        # the keys of the one object posted: its few field names
        changed = []
        for field in request.data:
            changed.append(Crew.objects.filter(pk=crew_id, name=field).exists())
        return Response({"changed": changed})

    def delete(self, request, crew_id):
        # a list around the one id posted
        gone = [request.data.get("person")]
        for person in gone:
            Seat.objects.filter(crew_id=crew_id, person=person).first()
        # a literal list of grades
        for grade in [1, 2]:
            Seat.objects.filter(crew_id=crew_id, grade=grade).first()
        return Response({})

    def get(self, request, crew_id):
        # ends at the first posted id that exists
        for person in request.data.get("candidates", []):
            seat = Seat.objects.filter(crew_id=crew_id, person=person).first()
            if seat:
                return Response({"seat": seat.pk})
        return Response({})


@shared_task
def card_moved(requested, previous):
    requested = json.loads(requested) if requested is not None else None
    previous = json.loads(previous) if previous is not None else None
    for card_id in requested.get("cards", []):
        card = Card.objects.filter(pk=card_id).first()  # expect: n_plus_one MEDIUM
        if card:
            card.save(update_fields=["touched"])  # expect: n_update_delete_loop HIGH
    # the title of the one card: a scalar field of the payload
    title = previous.get("title")
    return Card.objects.filter(title=title).count()


@shared_task
def stickers_changed(new_state, old_state):
    added = set(json.loads(new_state).get("stickers", [])) - set(
        json.loads(old_state).get("stickers", [])
    )
    words = []
    for sticker_id in added:
        words.append(Sticker.objects.get(pk=sticker_id).word)  # expect: n_plus_one MEDIUM
    # the fields of the decoded object: its few keys
    for key in json.loads(old_state):
        words.append(Sticker.objects.filter(word=key).exists())
    return words
