# path: app/orders/tasks.py
# stack: flask flask-sqlalchemy
"""A project helper that sets the fields it is given on a row and commits.
Called twice in a row for one row with different fields, it splits one
change over two commits: a failure between them leaves the row half
changed (shipped, with no tracking number)."""
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    tracking = db.Column(db.String(40))
    shipped = db.Column(db.Boolean)
    note = db.Column(db.String(200))


def save_fields(order, **fields):
    for key, value in fields.items():
        setattr(order, key, value)
    db.session.commit()
    return order


def stage_fields(order, **fields):
    for key, value in fields.items():
        setattr(order, key, value)
    db.session.flush()
    return order


def ship(order, tracking):
    save_fields(order, tracking=tracking)  # expect: transaction_narrow MEDIUM
    save_fields(order, shipped=True)


def ship_two(first, second):
    # look-alike: two rows, one commit each (two changes, not one split)
    save_fields(first, shipped=True)
    save_fields(second, shipped=True)


def ship_staged(order, tracking):
    # look-alike: the helper only flushes; the caller's commit ends both
    stage_fields(order, tracking=tracking)
    stage_fields(order, shipped=True)
    db.session.commit()


def ship_whole(order, tracking):
    # look-alike: one call with every field, one commit
    save_fields(order, tracking=tracking, shipped=True)
