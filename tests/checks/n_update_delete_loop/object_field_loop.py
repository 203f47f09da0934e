# path: pantry/edit.py
"""A pantry whose items carry extra columns the owner defines (one
`ExtraColumn` row per column, `extra_<id>` on the item). Clearing or
editing one item walks the column definitions and reaches the item's own
attribute for each (`getattr(item, "extra_" + str(col.id))`): as many
passes as the schema has extra columns, not one per row of a table that
grows: silent. A loop over the items themselves, or a column loop inside
a loop over items, keeps its finding."""
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class ExtraColumn(Base):
    __tablename__ = "extra_column"
    id = Column(Integer, primary_key=True)
    label = Column(String)


class Item(Base):
    __tablename__ = "item"
    id = Column(Integer, primary_key=True)
    name = Column(String)


class ExtraValue(Base):
    __tablename__ = "extra_value"
    id = Column(Integer, primary_key=True)
    item_id = Column(Integer)
    column_id = Column(Integer)


def clear_extras(session, item):
    columns = session.query(ExtraColumn).all()
    for col in columns:
        attr = "extra_" + str(col.id)
        values = getattr(item, attr)
        if values:
            old = values[0]
            values.remove(old)
            session.delete(old)
            session.flush()


def reset_extras(session, item):
    for col in session.query(ExtraColumn).all():
        if getattr(item, "extra_" + str(col.id)):
            session.query(ExtraValue).filter(ExtraValue.column_id == col.id).delete()


def purge_items(session):
    for item in session.query(Item).all():
        session.query(ExtraValue).filter(ExtraValue.item_id == item.id).delete()  # expect: n_update_delete_loop HIGH


def purge_by_field(session, field):
    for item in session.query(Item).all():
        if getattr(item, field):
            session.delete(item)  # expect: missing_bulk_ops MEDIUM


def clear_all_extras(session):
    columns = session.query(ExtraColumn).all()
    for item in session.query(Item).all():
        for col in columns:
            values = getattr(item, "extra_" + str(col.id))
            if values:
                session.delete(values[0])  # expect: missing_bulk_ops MEDIUM
    