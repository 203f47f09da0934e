# path: desk/api.py
# stack: django
"""A serializer's method field getter (or its to_representation) runs once
per rendered object: a query inside it costs one round trip per row when
the serializer is built with many=True. The look-alikes read annotated or
prefetched values, or belong to a serializer never built for a list."""
from django.db import models
from django.db.models import Count, Max
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView


class Board(models.Model):
    title = models.CharField(max_length=80)


class Card(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="cards")
    rank = models.IntegerField()


class Pin(models.Model):
    card = models.ForeignKey(Card, on_delete=models.CASCADE)


class BoardOut(serializers.ModelSerializer):
    top_rank = serializers.SerializerMethodField()
    card_total = serializers.SerializerMethodField()

    def get_top_rank(self, obj):
        return Card.objects.filter(board_id=obj.id).aggregate(m=Max("rank"))["m"]  # expect: n_plus_one HIGH

    def get_card_total(self, obj):
        return obj.card_total

    class Meta:
        model = Board
        fields = ["id", "title", "top_rank", "card_total"]


class CardOut(serializers.ModelSerializer):
    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["pins"] = list(Pin.objects.filter(card_id=instance.id).values_list("id", flat=True))  # expect: n_plus_one HIGH
        return data

    class Meta:
        model = Card
        fields = ["id", "rank"]


class BoardDetailOut(serializers.ModelSerializer):
    """Built for one object only: one query per request."""
    first_card = serializers.SerializerMethodField()

    def get_first_card(self, obj):
        return Card.objects.filter(board_id=obj.id).order_by("rank").first()

    class Meta:
        model = Board
        fields = ["id", "first_card"]


class PinOut(serializers.ModelSerializer):
    """Built for lists, but its getter reads what the query prefetched."""
    siblings = serializers.SerializerMethodField()

    def get_siblings(self, obj):
        return [p.id for p in obj.card.prefetched_pins]

    class Meta:
        model = Pin
        fields = ["id", "siblings"]


class DeskBase(serializers.ModelSerializer):
    """A project base: serializers deriving from it are serializers too."""


class CardListOut(DeskBase):
    """Reads the prefetch cache first; its query is the fallback of a card
    rendered alone."""
    pins = serializers.SerializerMethodField()
    board_title = serializers.SerializerMethodField()

    def get_pins(self, obj):
        cache = getattr(obj, "_prefetched_objects_cache", None) or {}
        if "pin_set" in cache:
            return [p.id for p in cache["pin_set"]]
        return [p.id for p in Pin.objects.filter(card_id=obj.id)]

    def get_board_title(self, obj):
        return Board.objects.filter(id=obj.board_id).values_list("title", flat=True).first()  # expect: n_plus_one HIGH

    class Meta:
        model = Card
        fields = ["id", "pins", "board_title"]


class Boards(APIView):
    def get(self, request):
        boards = Board.objects.annotate(card_total=Count("cards"))
        return Response(BoardOut(boards, many=True).data)


class Cards(APIView):
    def get(self, request, board_id):
        return Response(CardOut(Card.objects.filter(board_id=board_id), many=True).data)


class OneBoard(APIView):
    def get(self, request, pk):
        return Response(BoardDetailOut(Board.objects.get(pk=pk)).data)


class Pins(APIView):
    def get(self, request):
        return Response(PinOut(Pin.objects.select_related("card"), many=True).data)


class CardList(APIView):
    def get(self, request):
        return Response(CardListOut(Card.objects.prefetch_related("pin_set"), many=True).data)
