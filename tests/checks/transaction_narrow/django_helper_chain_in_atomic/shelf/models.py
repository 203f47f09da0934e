"""A library shelf: shelves, their sections and section tags."""
from django.db import models


class Shelf(models.Model):
    name = models.CharField(max_length=80)


class Section(models.Model):
    shelf = models.ForeignKey(Shelf, on_delete=models.CASCADE)
    title = models.CharField(max_length=80)


class SectionTag(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE)
    tag = models.CharField(max_length=40)
