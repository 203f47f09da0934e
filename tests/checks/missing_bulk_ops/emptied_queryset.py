# path: planner/signals.py
# stack: django
"""A queryset is lazy: the loop runs its query again after the UPDATE.
When the UPDATE gives every row the value the queryset excluded, the
loop finds nothing and never runs (a bug of its own, not a row-by-row
cost). An UPDATE of another value or another column leaves rows to
walk, one INSERT each."""
from django.db import models


class Card(models.Model):
    lane = models.IntegerField()
    color = models.CharField(max_length=20)


class Move(models.Model):
    card = models.ForeignKey(Card, on_delete=models.CASCADE)


def follow_lane(board, lane):
    # look-alike: the cards left outside the lane are all moved into it,
    # then the same query is walked: empty
    cards = board.cards.exclude(lane=lane)
    cards.update(lane=lane)
    for card in cards:
        Move.objects.create(card=card)


def recolor(board, lane):
    # positive: the update sets another column; the rows still match
    cards = board.cards.exclude(lane=lane)
    cards.update(color="grey")
    for card in cards:
        Move.objects.create(card=card)  # expect: missing_bulk_ops MEDIUM


def reset(board, lane):
    # positive: the cards are read before the update, the walk is of
    # what was read (the name is used in between)
    cards = board.cards.exclude(lane=lane)
    moved = list(cards)
    cards.update(lane=lane)
    for card in cards:
        Move.objects.create(card=card)  # expect: missing_bulk_ops MEDIUM
    return moved
