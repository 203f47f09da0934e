# path: planning/models.py
# stack: django
"""A queryset held in a variable and iterated: the relations its own
`select_related(...)` joins are on every row, also when the chain is
split over lines by backslashes or parentheses."""
from django.db import models


class Board(models.Model):
    title = models.CharField(max_length=80)

    def done_by_card(self):
        # look-alike: the card of each step is joined into the step query
        totals = {}
        steps = self.steps.\
            select_related("card").\
            exclude(closed_at__isnull=True).\
            exclude(card__isnull=True)
        for step in steps:
            totals[step.card.id] = totals.get(step.card.id, 0) + 1
        return totals

    def done_by_card_parenthesised(self):
        # look-alike: the same chain inside parentheses
        totals = {}
        steps = (self.steps
                 .select_related("card")
                 .exclude(closed_at__isnull=True))
        for step in steps:
            totals[step.card.title] = step.closed_at
        return totals

    def done_by_card_unjoined(self):
        # the same loop over a query that joins something else: a
        # SELECT per step to read a key the step already holds
        totals = {}
        steps = self.steps.\
            select_related("board").\
            exclude(closed_at__isnull=True)
        for step in steps:
            totals[step.card.id] = 1  # expect: n_plus_one MEDIUM
        return totals


class Card(models.Model):
    title = models.CharField(max_length=80)


class Step(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="steps")
    card = models.ForeignKey(Card, null=True, on_delete=models.SET_NULL, related_name="steps")
    closed_at = models.DateTimeField(null=True)
