# path: shelf/services.py
# stack: django
"""A loop over the parts of ONE row (the options of one preset, the
links held by one entry, a model's own children) writes a handful of
rows, bounded by that row: silent. Deleting every child of a row stays
reported (the relation's set deletes them in one statement), and so do
the children of many parents, a typed list of rows, and a parts loop
with a loop inside it that multiplies the passes."""
from django.db import models


class Preset(models.Model):
    name = models.CharField(max_length=50)
    options = models.ManyToManyField("Option")


class Option(models.Model):
    key = models.CharField(max_length=50)
    value = models.CharField(max_length=50)


class Entry(models.Model):
    label = models.CharField(max_length=50)
    links = models.JSONField(default=list)
    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE, related_name="children")

    def relabel_children(self, prefix):
        for child in self.children.all():
            child.label = prefix + child.label
            child.save()

    def drop_children(self):
        for child in self.children.all():
            child.delete()  # expect: n_update_delete_loop HIGH


class Setting(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE)
    key = models.CharField(max_length=50)
    value = models.CharField(max_length=50)


def apply_preset(preset: Preset, entry):
    for option in preset.options.all():
        Setting.objects.update_or_create(entry=entry, key=option.key, defaults={"value": option.value})


def unlink(entry_id, label):
    entry = Entry.objects.filter(pk=entry_id).first()
    for target in entry.links:
        Entry.objects.filter(pk=target).update(label=label)


def relabel_all(prefix):
    for parent in Entry.objects.all():
        for child in parent.children.all():  # expect: n_plus_one MEDIUM
            child.label = prefix + child.label
            child.save()  # expect: n_update_delete_loop HIGH


def relabel(entries: list[Entry], prefix):
    for entry in entries:
        entry.label = prefix + entry.label
        entry.save()  # expect: n_update_delete_loop HIGH


def spread_preset(preset: Preset, entries):
    for option in preset.options.all():
        for entry in entries:
            Setting.objects.update_or_create(entry=entry, key=option.key, defaults={"value": option.value})  # expect: n_update_delete_loop HIGH
