"""Handlers that create a board and what hangs off it. Positives: a
serializer save followed by a row naming `serializer.data["id"]`, and a
direct create followed by a child naming the new row. Look-alikes: the
same under @transaction.atomic and under `with transaction.atomic():`, a
helper whose only caller runs it inside `atomic()`, a
single write, two creates that do not refer to each other, a child of the
same model (one table), writes in exclusive branches, a child created in
an except block (a compensation)."""
from django.db import transaction
from rest_framework.decorators import api_view
from rest_framework.response import Response

from kanban.models import Board, BoardMember, Card, Visit
from kanban.serializers import CardSerializer, ColumnSerializer


@api_view(["POST"])
def create_board(request):
    serializer = CardSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    serializer.save()  # expect: transaction_narrow HIGH
    BoardMember.objects.create(board_id=serializer.data["id"], user_id=request.user.id)
    return Response(serializer.data, status=201)


@api_view(["POST"])
def create_board_direct(request):
    board = Board.objects.create(name=request.data["name"])  # expect: transaction_narrow HIGH
    BoardMember.objects.create(board=board, user_id=request.user.id)
    return Response({"id": board.id}, status=201)


@api_view(["POST"])
@transaction.atomic
def create_board_atomic(request):
    board = Board.objects.create(name=request.data["name"])
    BoardMember.objects.create(board=board, user_id=request.user.id)
    return Response({"id": board.id}, status=201)


@api_view(["POST"])
def create_board_block(request):
    with transaction.atomic():
        board = Board.objects.create(name=request.data["name"])
        BoardMember.objects.create(board=board, user_id=request.user.id)
    return Response({"id": board.id}, status=201)


@api_view(["POST"])
def add_column(request):
    serializer = ColumnSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    with transaction.atomic():
        serializer.save()
    return Response(serializer.data, status=201)


@api_view(["POST"])
def create_board_only(request):
    board = Board.objects.create(name=request.data["name"])
    return Response({"id": board.id}, status=201)


@api_view(["POST"])
def create_board_and_visit(request):
    board = Board.objects.create(name=request.data["name"])
    Visit.objects.create(user_id=request.user.id)
    return Response({"id": board.id}, status=201)


@api_view(["POST"])
def create_sub_board(request):
    board = Board.objects.create(name=request.data["name"])
    Board.objects.create(name="archive", parent=board)
    return Response({"id": board.id}, status=201)


@api_view(["POST"])
def create_card_or_member(request):
    if request.data.get("card"):
        board = Board.objects.create(name=request.data["name"])
    else:
        BoardMember.objects.create(board_id=request.data["board"], user_id=request.user.id)
        board = None
    return Response({"id": board.id if board else None}, status=201)


@api_view(["POST"])
def create_card_with_fallback(request):
    board = Board.objects.create(name=request.data["name"])
    try:
        Card.objects.get(board_id=request.data["board"])
    except Card.DoesNotExist:
        Card.objects.create(board=board, title="first")
    return Response({"id": board.id}, status=201)


def seed_board(name, user_id):
    board = Board.objects.create(name=name)
    BoardMember.objects.create(board=board, user_id=user_id)
    return board


@api_view(["POST"])
def create_seeded_board(request):
    with transaction.atomic():
        board = seed_board(request.data["name"], request.user.id)
    return Response({"id": board.id}, status=201)
