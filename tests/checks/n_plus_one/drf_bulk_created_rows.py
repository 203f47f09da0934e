# path: garden/tasks.py
# stack: django
"""Rows a bulk create returns hold their relations as keys only when they
were built with `<relation>_id=`: a serializer over them with many=True
that reads a relation loads it once per row. The look-alikes read only
columns, are built with the related objects themselves, rebind the name,
or serialize one row."""
from django.db import models
from rest_framework import serializers


class Gardener(models.Model):
    name = models.CharField(max_length=80)


class Bed(models.Model):
    label = models.CharField(max_length=40)


class Planting(models.Model):
    gardener = models.ForeignKey(Gardener, on_delete=models.CASCADE)
    crop = models.CharField(max_length=40)


class Sowing(models.Model):
    bed = models.ForeignKey(Bed, on_delete=models.CASCADE)
    seeds = models.IntegerField()


class PlantingSerializer(serializers.ModelSerializer):
    gardener_name = serializers.CharField(source="gardener.name", read_only=True)

    class Meta:
        model = Planting
        fields = ["id", "crop", "gardener_name"]


class PlantingFlatSerializer(serializers.ModelSerializer):
    class Meta:
        model = Planting
        fields = ["id", "crop", "gardener_id"]


class SowingSerializer(serializers.ModelSerializer):
    bed_label = serializers.CharField(source="bed.label", read_only=True)

    class Meta:
        model = Sowing
        fields = ["id", "seeds", "bed_label"]


def plant_all(gardener_ids, crop):
    made = Planting.objects.bulk_create(
        [Planting(gardener_id=g, crop=crop) for g in gardener_ids]
    )
    return PlantingSerializer(made, many=True).data  # expect: n_plus_one MEDIUM


def plant_flat(gardener_ids, crop):
    made = Planting.objects.bulk_create(
        [Planting(gardener_id=g, crop=crop) for g in gardener_ids]
    )
    return PlantingFlatSerializer(made, many=True).data


def sow_all(beds, seeds):
    # built with the Bed objects: the relation is already in hand
    made = Sowing.objects.bulk_create([Sowing(bed=b, seeds=seeds) for b in beds])
    return SowingSerializer(made, many=True).data


def sow_keys(bed_ids, seeds):
    made = Sowing.objects.bulk_create([Sowing(bed_id=b, seeds=seeds) for b in bed_ids])
    # the same relation is given as an object elsewhere: silence (no proof)
    return SowingSerializer(made, many=True).data


def plant_refetched(gardener_ids, crop):
    made = Planting.objects.bulk_create(
        [Planting(gardener_id=g, crop=crop) for g in gardener_ids]
    )
    made = Planting.objects.filter(pk__in=[p.pk for p in made]).select_related("gardener")
    return PlantingSerializer(made, many=True).data


def plant_one(gardener_id, crop):
    made = Planting.objects.create(gardener_id=gardener_id, crop=crop)
    return PlantingSerializer(made).data
