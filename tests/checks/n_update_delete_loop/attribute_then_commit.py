# path: app/jobs/rotation.py
# stack: flask flask-sqlalchemy requests
"""A loop sets a column of each row it walks and commits right after:
one UPDATE and one commit per row, directly or through a helper that
commits the session. A set-based UPDATE would do it in one statement."""
import requests
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
CHUNK = 200


class Badge(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    holder = db.Column(db.String(80))
    revoked = db.Column(db.Boolean)
    state = db.Column(db.String(20))


def persist(row):
    db.session.commit()
    db.session.refresh(row)
    return row


def revoke_orphans():
    for badge in Badge.query.filter(Badge.holder.is_(None)).all():
        badge.revoked = True
        db.session.commit()  # expect: n_update_delete_loop HIGH


def revoke_through_helper():
    for badge in Badge.query.filter(Badge.state == "expired").all():
        badge.revoked = True
        persist(badge)  # expect: n_update_delete_loop HIGH


def refresh_states():
    # look-alike: each new state comes from a remote call made per row;
    # committing each answer as it arrives is deliberate
    for badge in Badge.query.all():
        badge.state = requests.get(f"https://registry.example/{badge.id}", timeout=5).text
        persist(badge)


def revoke_in_chunks():
    # look-alike: one commit per chunk of rows
    seen = 0
    for badge in Badge.query.filter(Badge.state == "lost").all():
        badge.revoked = True
        seen += 1
        if seen % CHUNK == 0:
            db.session.commit()
    db.session.commit()


def rename(labels):
    # look-alike: a local dict per label, committed once after the loop
    for label in labels:
        label.text = label.text.strip()
    db.session.commit()
