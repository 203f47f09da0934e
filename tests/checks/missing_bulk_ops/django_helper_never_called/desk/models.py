from django.db import models


class Ticket(models.Model):
    title = models.CharField(max_length=120)
    board_id = models.IntegerField(null=True)


class Note(models.Model):
    ticket_id = models.IntegerField()
    text = models.TextField()
