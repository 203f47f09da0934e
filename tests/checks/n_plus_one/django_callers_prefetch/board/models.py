"""A model method that walks one object's own rows and reads a foreign key
of each: whether that is a query per row depends on what the caller loaded."""
from django.db import models


class Grade(models.Model):
    value = models.FloatField(null=True)


class Ticket(models.Model):
    title = models.CharField(max_length=80)

    def graded_total(self):
        # look-alike: the only caller prefetches "scores__grade"
        values = [s.grade.value for s in self.scores.all() if s.grade.value is not None]
        return sum(values) if values else None

    def weighed_total(self):
        # one caller prefetches "scores__grade", the other nothing
        return sum(s.grade.value or 0 for s in self.scores.all())  # expect: n_plus_one MEDIUM

    def labelled_total(self):
        # the only caller prefetches "scores" but not their grade
        return [s.grade.value for s in self.scores.all()]  # expect: n_plus_one MEDIUM


class Score(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="scores")
    grade = models.ForeignKey(Grade, null=True, on_delete=models.SET_NULL)
