"""A bookcase service on one process-wide scoped session (db.session).
A helper that commits with no rollback of its own is silent when every
call of it, directly or through the helpers that call it, sits in a
handler's try whose except rolls back that same session: the failed
commit propagates there. A helper with one caller outside any such try,
or whose caller rolls back another session, keeps its finding."""
from flask import Flask, request
from sqlalchemy.exc import IntegrityError, OperationalError

from . import db
from .models import Author, Book, Tag, Event

app = Flask(__name__)


def add_author(name):
    author = Author(name=name)
    db.session.add(author)
    db.session.commit()
    return author


def attach_book(title, name):
    author = add_author(name)
    book = Book(title=title, author_id=author.id)
    db.session.add(book)
    return book


def add_tag(label):
    db.session.add(Tag(label=label))
    db.session.commit()  # expect: missing_rollback MEDIUM


def retitle(book_id, title):
    db.session.query(Book).filter(Book.id == book_id).update({"title": title})
    db.session.commit()


def log_event(kind):
    db.session.add(Event(kind=kind))
    db.session.commit()  # expect: missing_rollback MEDIUM


@app.route("/books", methods=["POST"])
def create_book():
    try:
        attach_book(request.form["title"], request.form["author"])
        db.session.commit()
    except (IntegrityError, OperationalError):
        db.session.rollback()
        return "conflict", 409
    return "ok"


@app.route("/tags", methods=["POST"])
def create_tag():
    try:
        add_tag(request.form["label"])
    except IntegrityError:
        db.session.rollback()
        return "conflict", 409
    return "ok"


@app.route("/tags/quick", methods=["POST"])
def quick_tag():
    add_tag(request.form["label"])
    return "ok"


@app.route("/events", methods=["POST"])
def create_event():
    try:
        log_event(request.form["kind"])
    except OperationalError:
        db.audit_session.rollback()
        return "busy", 503
    return "ok"


@app.route("/books/<int:book_id>", methods=["POST"])
def rename_book(book_id):
    try:
        retitle(book_id, request.form["title"])
    except Exception:
        db.session.rollback()
        return "error", 500
    return "ok"
