"""Finders written as classmethods on the model (or on a mixin the
models inherit) query through `cls.query`: the model's own query, as
`Report.query` would be."""
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Owned:
    @classmethod
    def owned_by(cls, owner_id):
        return cls.query.filter(cls.owner_id == owner_id).all()


class Report(Owned, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer)

    @classmethod
    def by_id(cls, report_id):
        return cls.query.filter(cls.id == report_id).one()


# Not a model: `query` is a search string kept on the class.
class SavedSearch:
    query = "status:open"

    @classmethod
    def terms_for(cls, owner_id):
        return cls.query.split(":") + [str(owner_id)]
