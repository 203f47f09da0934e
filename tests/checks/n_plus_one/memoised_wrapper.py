# path: app/views/board.py
# stack: flask flask-sqlalchemy flask-caching
"""A wrapper around a memoised read runs its query once per key, then
serves the cache: calling it per row is no query per row. The same read
without the cache is."""
from flask import Flask
from flask_caching import Cache
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)
cache = Cache(app)


class Option(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    key = db.Column(db.String(80))
    value = db.Column(db.String(200))


class Entry(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(20))


@cache.memoize()
def _option(key):
    row = Option.query.filter_by(key=key).first()
    return row.value if row else None


def option(key):
    return _option(key)


def option_uncached(key):
    row = Option.query.filter_by(key=key).first()
    return row.value if row else None


@app.route("/board")
def board():
    out = []
    for e in Entry.query.all():
        out.append({"id": e.id, "label": option("label_" + e.kind)})
    return out


@app.route("/board/plain")
def board_plain():
    out = []
    for e in Entry.query.all():
        out.append({"id": e.id, "label": option_uncached("label_" + e.kind)})  # expect: n_plus_one HIGH
    return out
