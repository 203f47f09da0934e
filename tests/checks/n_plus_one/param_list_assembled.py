# path: board/moves.py
# stack: django
"""A loop over a local assembled from a list parameter over several
statements still runs once per item of that list."""
from django.db import models


class Card(models.Model):
    lane = models.CharField(max_length=40)
    position = models.IntegerField(default=0)


def move_cards(moves: list, lane: str) -> list:
    positions = {m["card_id"]: m["position"] for m in moves}
    card_ids = positions.keys()
    moved = []
    for card_id in card_ids:
        moved.append(Card.objects.get(pk=card_id))  # expect: n_plus_one MEDIUM
    return moved


def cards_in_order(requested: list[int]) -> list:
    wanted = sorted(set(requested))
    return [Card.objects.get(pk=pk) for pk in wanted]  # expect: n_plus_one MEDIUM


# look-alikes: fixed picks from the list, or a local built from constants


def first_three(requested: list[int]) -> list:
    head = requested[:3]
    return [Card.objects.get(pk=pk) for pk in head]


def lead_card_lanes(moves: list) -> list:
    lead = moves[0]
    return [Card.objects.filter(lane=lane).first() for lane in lead["lanes"]]


def default_lanes(moves: list) -> list:
    lanes = ("todo", "doing", "done")
    found = []
    for lane in lanes:
        found.append(Card.objects.filter(lane=lane).count())
    return found



def select_lanes(card_ids=None):
    return ("todo", "doing", "done") if card_ids is None else ("todo",)


def lane_totals(card_ids: list[int]) -> list:
    # look-alike: the parameter's name is only the keyword of the call
    # that builds the local; the lanes are a few fixed names
    lanes = select_lanes(card_ids=None)
    totals = []
    for lane in lanes:
        totals.append(Card.objects.filter(lane=lane).count())
    return totals
