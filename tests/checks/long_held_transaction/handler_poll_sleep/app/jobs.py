from rq.decorators import job

from app.models import Connector


def connector_row(connector_id):
    return Connector.query.filter(Connector.id == connector_id).first()


@job("default", timeout=30)
def probe_connector(connector_id):
    connector = Connector.query.get(connector_id)
    return connector is not None


# Look-alike: a read, then the next job queued on the broker (a short
# round trip that holds no row lock).
@job("default", timeout=30)
def chain_probe(connector_id):
    connector = connector_row(connector_id)
    probe_connector.delay(connector.id)
    return connector.kind
