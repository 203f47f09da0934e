# path: app/views/members.py
# stack: flask flask-sqlalchemy sqlalchemy
"""A query in the condition of an `if` is judged by what its own chain
returns, not by the loops or the words of the body under it: a COUNT
brings back one number and a `.first()` one row, so neither loads "many
rows" whatever the branch then does. The positive reads every row whole
in the condition to compare one field of each."""
from flask import Blueprint, request
from sqlalchemy import Boolean, Column, Integer, String, Text
from sqlalchemy.orm import declarative_base

from app.db import session

Base = declarative_base()
bp = Blueprint("members", __name__)


class Member(Base):
    __tablename__ = "member"
    id = Column(Integer, primary_key=True)
    login = Column(String)
    email = Column(String)
    role = Column(Integer)
    locale = Column(String)
    theme = Column(String)
    timezone = Column(String)
    signature = Column(Text)
    avatar = Column(Text)
    settings = Column(Text)
    disabled = Column(Boolean)
    notes = Column(Text)


@bp.route("/members/<int:member_id>/remove", methods=["POST"])
def remove_member(member_id):
    if session.query(Member).filter(Member.role == 1,
                                    Member.id != member_id).count():
        removed = []
        for key in request.form.getlist("keys"):
            removed.append(key)
        return ", ".join(removed)
    return "the last administrator stays"


@bp.route("/members/check", methods=["POST"])
def check_email():
    email = request.form["email"]
    if session.query(Member).filter(Member.email == email).first():
        raise ValueError("an account for this address exists already")
    return email


@bp.route("/members/taken", methods=["POST"])
def login_taken():
    login = request.form["login"]
    if any(m.login == login for m in session.query(Member).all()):  # expect: over_fetching LOW
        return "taken"
    return "free"
