"""A handler polls a queued job with `sleep` after reading its row through
a helper handed the model's finder (`first_or_404(Model.finder, ...)`):
the read opened the scoped session's transaction, which sits idle across
every pause until the request ends."""
import time

import requests
from flask import Blueprint, request
from flask_restful import Resource

from app.handlers.base import first_or_404, load_or_404
from app.jobs import probe_connector
from app.models import Connector, db

bp = Blueprint("connectors", __name__)


@bp.route("/connectors/<int:connector_id>/probe", methods=["POST"])
def probe(connector_id):
    connector = first_or_404(Connector.by_id_in_org, connector_id, request.org)
    job = probe_connector.delay(connector.id)
    while not job.is_finished:
        time.sleep(1)  # expect: long_held_transaction HIGH
        job.refresh()
    return {"ok": job.result is True}


class ConnectorProbe(Resource):
    def post(self, connector_id):
        connector = first_or_404(Connector.by_id_in_org, connector_id, request.org)
        job = probe_connector.delay(connector.id)
        while not job.is_finished:
            time.sleep(0.5)  # expect: long_held_transaction HIGH
            job.refresh()
        return {"ok": job.result is True}


# Look-alike: the handler ends the transaction before it waits.
class ConnectorProbeCommitted(Resource):
    def post(self, connector_id):
        connector = first_or_404(Connector.by_id_in_org, connector_id, request.org)
        job = probe_connector.delay(connector.id)
        db.session.commit()
        while not job.is_finished:
            time.sleep(1)
            job.refresh()
        return {"ok": job.result is True}


# Look-alike: the finder handed to the helper writes and commits its change.
class ConnectorTouch(Resource):
    def post(self, connector_id):
        first_or_404(Connector.touch_and_save, connector_id)
        time.sleep(1)
        return {"ok": True}


# Look-alike: the helper never calls what it is handed.
class ConnectorDescribe(Resource):
    def get(self, connector_id):
        load_or_404(Connector.by_id_in_org, connector_id, request.org)
        time.sleep(1)
        return {"ok": True}


# Look-alike: queuing the job is one short broker round trip, and the
# read took no row lock.
class ConnectorSchema(Resource):
    def get(self, connector_id):
        connector = first_or_404(Connector.by_id_in_org, connector_id, request.org)
        job = probe_connector.delay(connector.id)
        return {"job": job.id}


# Look-alike: on the request path a remote call after the read is
# resource_scope_mismatch's question, not this check's.
@bp.route("/connectors/<int:connector_id>/status")
def status(connector_id):
    connector = first_or_404(Connector.by_id_in_org, connector_id, request.org)
    reply = requests.get(f"https://status.example.com/{connector.kind}", timeout=5)
    return {"status": reply.status_code}
