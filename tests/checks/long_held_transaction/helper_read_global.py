# path: app/cli/revoke.py
# stack: flask flask-sqlalchemy requests
"""A helper that queries through the global scoped session (Flask-
SQLAlchemy's `Model.query`, `db.session`) returns with the caller's
transaction open: a pause or a remote call after it holds the
connection idle in transaction."""
import time

import requests
from flask_sqlalchemy import SQLAlchemy

from app.models import Device

db = SQLAlchemy()
VENDOR = "https://vendor.example.com/api/revoke"


def active_devices():
    return Device.query.filter(Device.revoked.is_(False)).all()


def active_ids():
    with db.session() as session:
        return [d.id for d in session.query(Device).all()]


def count_devices(session):
    return session.query(Device).count()


def revoke_all():
    devices = active_devices()
    for n, device in enumerate(devices):
        if n % 5 == 0:
            time.sleep(20)  # expect: long_held_transaction HIGH
        requests.post(VENDOR, json={"serial": device.serial}, timeout=10)


# Look-alike: the helper's session is its own and closed when it returns.
def revoke_by_id():
    for n, device_id in enumerate(active_ids()):
        if n % 5 == 0:
            time.sleep(20)
        requests.post(VENDOR, json={"id": device_id}, timeout=10)


# Look-alike: the caller ends the transaction before pausing.
def revoke_after_commit():
    devices = active_devices()
    serials = [d.serial for d in devices]
    db.session.commit()
    for serial in serials:
        time.sleep(20)
        requests.post(VENDOR, json={"serial": serial}, timeout=10)
