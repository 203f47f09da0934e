"""Serializers whose create() writes a row and then rows that point at it.
Django commits each ORM statement on its own unless a transaction is open:
CardSerializer is saved by a view without one (reported); ColumnSerializer
is only ever saved inside `with transaction.atomic():` (its caller's
transaction covers both writes: silent)."""
from rest_framework import serializers

from kanban.models import Card, CardLabel, Column, ColumnLimit


class CardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Card
        fields = ["id", "board", "title"]

    def create(self, validated_data):
        labels = validated_data.pop("labels", [])
        card = Card.objects.create(**validated_data)  # expect: transaction_narrow HIGH
        CardLabel.objects.bulk_create([CardLabel(card=card, label=name) for name in labels])
        return card


class ColumnSerializer(serializers.ModelSerializer):
    class Meta:
        model = Column
        fields = ["id", "board"]

    def create(self, validated_data):
        column = Column.objects.create(**validated_data)
        ColumnLimit.objects.create(column=column, limit=5)
        return column
