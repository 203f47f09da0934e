"""Writing one receipt row per order through a helper. The helper builds
the row through the models module (`models.Receipt()`), stages it with
`session.add` and commits: one INSERT round trip per order of a query,
reported at the loop's call and pointing at that add. Look-alikes: a
helper whose added object comes from a call on a value (a factory
function, `models.receipt_factory()`, lowercase: not a constructor the
index can prove) stays silent, and so does a helper that adds an
existing row it was handed."""
from flask import Flask

from . import models

app = Flask(__name__)


def write_receipt(order):
    receipt = models.Receipt()
    receipt.order_id = order.id
    models.session.add(receipt)
    models.session.commit()  # expect: missing_rollback MEDIUM


def write_receipt_from_factory(order):
    receipt = models.receipt_factory()
    receipt.order_id = order.id
    models.session.add(receipt)
    models.session.commit()  # expect: missing_rollback MEDIUM


def touch_order(order):
    order.customer = order.customer.strip()
    models.session.add(order)
    models.session.commit()  # expect: missing_rollback MEDIUM


@app.route("/receipts", methods=["POST"])
def issue_receipts():
    for order in models.session.query(models.Order).all():
        write_receipt(order)  # expect: missing_bulk_ops MEDIUM
    return "ok"


@app.route("/receipts/factory", methods=["POST"])
def issue_receipts_from_factory():
    for order in models.session.query(models.Order).all():
        write_receipt_from_factory(order)
    return "ok"


@app.route("/orders/touch", methods=["POST"])
def touch_orders():
    for order in models.session.query(models.Order).all():
        touch_order(order)
    return "ok"
