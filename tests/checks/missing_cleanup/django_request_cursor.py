# path: board/services/ordering.py
# stack: django
"""A cursor taken from Django's own connection (`django.db.connection`,
`connections[alias]`) is a thin wrapper on the connection Django opens
and closes around each request or task; left to the garbage collector it
frees nothing that outlives the call, so it stays silent whether closed
on the happy path or never. A cursor of a driver connection the code
opened itself, and a zip archive never closed, are still reported."""
import zipfile

import psycopg2
from django.db import connection, connections


def reorder_columns(board, pairs):
    cursor = connection.cursor()
    for column_id, position in pairs:
        cursor.execute("UPDATE board_column SET position = %s WHERE id = %s AND board_id = %s",
                       (position, column_id, board.id))
    cursor.close()


def rename_label(board, old, new):
    cursor = connection.cursor()
    cursor.execute("UPDATE card SET labels = array_replace(labels, %s, %s) WHERE board_id = %s",
                   (old, new, board.id))


def neighbours(card):
    cur = connections["replica"].cursor()
    cur.execute("SELECT prev_id, next_id FROM card_order WHERE id = %s", [card.id])
    return cur.fetchone()


def archive_counts(dsn):
    conn = psycopg2.connect(dsn)  # expect: missing_cleanup HIGH
    cur = conn.cursor()  # expect: missing_cleanup MEDIUM
    cur.execute("SELECT count(*) FROM card")
    return cur.fetchone()[0]


def export_board(board, path):
    archive = zipfile.ZipFile(path, "w")  # expect: missing_cleanup MEDIUM
    for card in board.cards:
        archive.writestr(f"{card.id}.txt", card.text)
    return path
