from django.db import models


class Item(models.Model):
    sku = models.CharField(max_length=40)


class Movement(models.Model):
    sku = models.CharField(max_length=40)
    delta = models.IntegerField()
