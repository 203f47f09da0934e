from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class OrgScoped:
    @classmethod
    def by_id_in_org(cls, object_id, org):
        found = cls.query.filter(cls.id == object_id)
        return found.filter(cls.org_id == org.id).one()


class Connector(OrgScoped, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    org_id = db.Column(db.Integer)
    kind = db.Column(db.String(40))

    @classmethod
    def touch_and_save(cls, connector_id):
        row = cls.query.get(connector_id)
        row.kind = row.kind.lower()
        db.session.commit()
        return row
