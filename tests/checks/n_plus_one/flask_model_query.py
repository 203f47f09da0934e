# path: app/views/scoreboard.py
# stack: flask flask-sqlalchemy
"""Flask-SQLAlchemy's Model.query is a query: per-row reads through it are N+1."""
from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


class Puzzle(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))


class Attempt(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    puzzle_id = db.Column(db.Integer, db.ForeignKey("puzzle.id"))
    solved = db.Column(db.Boolean)


@app.route("/board")
def board():
    rows = []
    for p in Puzzle.query.all():
        solved = Attempt.query.filter_by(puzzle_id=p.id, solved=True).count()  # expect: n_plus_one HIGH
        rows.append((p.name, solved))
    return {"rows": rows}


@app.route("/names")
def names():
    # look-alike: one query, attributes of the rows it returned
    return {"names": [p.name for p in Puzzle.query.all()]}


@app.route("/counts")
def counts():
    # look-alike: a fixed literal tuple of three states
    return {s: Attempt.query.filter_by(solved=s).count() for s in (True, False, None)}
