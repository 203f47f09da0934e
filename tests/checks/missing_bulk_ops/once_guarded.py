# path: library/authors.py
# stack: sqlalchemy
"""Storing the authors of one upload. The first unknown author becomes the
book's lead author: its row is added under `if not lead:`, a block that
first sets `lead` to a new Author row, and every other write of `lead`
in the loop is guarded the same way. Once `lead` is set the block never
runs again: one INSERT per upload, silent. Reported: a guard reset to
None later in the loop (the block runs again), a guard set from a query
(it may stay empty) and a guarded add before the guard is set."""
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Author(Base):
    __tablename__ = "author"
    id = Column(Integer, primary_key=True)
    name = Column(String)


class Book(Base):
    __tablename__ = "book"
    id = Column(Integer, primary_key=True)


def lead_author(session, book_id):
    lead = None
    for name in session.query(Author.name).filter(Author.id > book_id).all():
        known = session.query(Author).filter(Author.name == name).first()  # expect: n_plus_one MEDIUM
        if not known:
            if not lead:
                lead = Author(name=name)
                session.add(lead)
                session.commit()  # expect: missing_rollback MEDIUM
        else:
            if not lead:
                lead = known
    return lead


def lead_author_reset(session, book_id):
    lead = None
    for name in session.query(Author.name).filter(Author.id > book_id).all():
        if lead is None:
            lead = Author(name=name)
            session.add(lead)  # expect: missing_bulk_ops MEDIUM
            session.commit()  # expect: missing_rollback MEDIUM
        lead = None
    return lead


def lead_author_from_query(session, book_id):
    lead = None
    for name in session.query(Author.name).filter(Author.id > book_id).all():
        if not lead:
            lead = session.query(Author).filter(Author.name == name).first()  # expect: n_plus_one MEDIUM
            session.add(Author(name=name))  # expect: missing_bulk_ops MEDIUM
            session.commit()  # expect: missing_rollback MEDIUM
    return lead


def lead_author_added_first(session, book_id):
    lead = None
    for name in session.query(Author.name).filter(Author.id > book_id).all():
        if not lead:
            session.add(Author(name=name))  # expect: missing_bulk_ops MEDIUM
            lead = Author(name=name)
            session.commit()  # expect: missing_rollback MEDIUM
    return lead
