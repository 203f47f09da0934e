"""A kanban board: boards, their members, cards and card labels."""
from django.db import models


class Board(models.Model):
    name = models.CharField(max_length=80)
    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE)


class BoardMember(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE)
    user_id = models.IntegerField()


class Card(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE)
    title = models.CharField(max_length=200)


class CardLabel(models.Model):
    card = models.ForeignKey(Card, on_delete=models.CASCADE)
    label = models.CharField(max_length=40)


class Column(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE)


class ColumnLimit(models.Model):
    column = models.ForeignKey(Column, on_delete=models.CASCADE)
    limit = models.IntegerField()


class Visit(models.Model):
    user_id = models.IntegerField()
