# path: music/serializers.py
# stack: django djangorestframework
"""A serializer saves ONE submitted object and the items nested in it
(the tracks of one playlist, the members of one band): a handful,
bounded by the object, not by the data. The loops over what create() or
update() takes out of validated_data stay silent, and so does a method
of the serializer that every caller hands such a list. A list the
function gets any other way is a batch and stays reported."""
from django.db import models
from rest_framework import serializers


class Playlist(models.Model):
    title = models.CharField(max_length=80)


class Track(models.Model):
    playlist = models.ForeignKey(Playlist, on_delete=models.CASCADE)
    name = models.CharField(max_length=80)


class PlaylistSerializer(serializers.ModelSerializer):
    class Meta:
        model = Playlist
        fields = ["title", "tracks"]

    def create(self, validated_data):
        tracks = validated_data.pop("tracks", [])
        playlist = Playlist.objects.create(**validated_data)  # expect: transaction_narrow HIGH
        for track in tracks:
            Track.objects.create(playlist=playlist, **track)
        return playlist

    def update(self, instance, validated_data):
        if "tracks" in validated_data:
            tracks = validated_data.pop("tracks")
        else:
            tracks = None
        instance = super().update(instance, validated_data)
        if tracks is not None:
            Track.objects.filter(playlist=instance).delete()
            for track in tracks:
                Track.objects.create(playlist=instance, **track)
        return instance


class BandSerializer(serializers.ModelSerializer):
    def create(self, validated_data):
        members = validated_data.pop("members")
        band = Playlist.objects.create(**validated_data)
        self.add_members(band, members)
        return band

    def add_members(self, band, members):
        for member in members:
            Track.objects.create(playlist=band, **member)

    def copy_tracks(self, band, source):
        rows = Track.objects.filter(playlist=source)
        self.add_tracks(band, rows)

    def add_tracks(self, band, rows):
        for row in rows:
            Track.objects.create(playlist=band, name=row.name)  # expect: missing_bulk_ops MEDIUM


def import_tracks(playlist, rows):
    for item in rows:
        Track.objects.create(playlist=playlist, name=item["name"])  # expect: missing_bulk_ops MEDIUM
