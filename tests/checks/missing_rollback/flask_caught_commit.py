# path: app/views/labels.py
# stack: flask flask-sqlalchemy
"""Flask-SQLAlchemy's db.session is removed (rolled back) when the app
context ends. A commit whose failure simply propagates needs nothing more
(silent); a handler that catches the failed commit itself and answers
without rolling back leans on that teardown: SPEC's LOW. A command that
exits on failure leaves nothing behind."""
import sys

from flask import abort
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import NoResultFound

db = SQLAlchemy()


class Label(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String, unique=True)


def rename_label(label_id, title):
    label = db.session.get(Label, label_id)
    label.title = title
    db.session.commit()
    return {"id": label.id}


def create_label(title):
    db.session.add(Label(title=title))
    try:
        db.session.commit()  # expect: missing_rollback LOW
    except IntegrityError:
        abort(409, "a label with that title exists")
    return {"ok": True}


def create_label_rolled_back(title):
    db.session.add(Label(title=title))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        abort(409)


def create_label_reraised(title):
    db.session.add(Label(title=title))
    try:
        db.session.commit()
    except IntegrityError:
        raise


def retitle_if_found(label_id, title):
    # the except is for the lookup, it cannot catch a failed commit
    try:
        label = Label.query.filter_by(id=label_id).one()
        label.title = title
        db.session.commit()
    except NoResultFound:
        return None
    return label.id


def cli_create_label(title):
    try:
        db.session.add(Label(title=title))
        db.session.commit()
    except Exception as e:
        print("could not create the label: %s" % e)
        sys.exit(1)


def import_labels(rows):
    # the except is for parsing the input; a failed commit propagates
    try:
        title = rows.split(",")[int(rows.count(","))]
        db.session.add(Label(title=title.strip()))
        db.session.commit()
    except (ValueError, TypeError):
        return None
    return True
