# path: app/reports/standings.py
# stack: flask flask-sqlalchemy
"""A query built into a variable and run later is still a query; a cached
helper that returns rows still returns rows."""
from functools import lru_cache

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


class Player(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    club_id = db.Column(db.Integer)


class Club(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))


@lru_cache(maxsize=1)
def ranked_players():
    q = db.session.query(Player)
    q = q.order_by(Player.id)
    return q.all()


def club_names() -> list:
    names = []
    for p in ranked_players():
        club = Club.query.filter_by(id=p.club_id).first()  # expect: n_plus_one MEDIUM
        names.append(club.name if club else "")
    return names


def club_of_each(player_ids: list[int]) -> list:
    rows = db.session.query(Player).filter(Player.id.in_(player_ids))
    found = []
    for p in rows.all():
        found.append(Club.query.get(p.club_id))  # expect: n_plus_one MEDIUM
    return found


def statements_only(player_ids: list[int]) -> list:
    # look-alike: a select() in a variable is only a statement
    stmt = db.select(Player).where(Player.id.in_(player_ids))
    return [stmt.where(Player.club_id == c) for c in (1, 2, 3)]
