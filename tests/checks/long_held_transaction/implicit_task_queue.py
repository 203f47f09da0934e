# path: app/services/orders.py
# stack: sqlalchemy celery
"""Implicit transactions of an explicit session: they begin with the first
statement that writes and end at the commit. A Celery `.delay()` /
`.apply_async()` publishes to the broker over the network while the row
locks taken by the write are held."""
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.models import Order, OrderEvent
from app.tasks import notify_warehouse, recompute_totals, send_receipt


def place_order(session: Session, order_id: int) -> None:
    session.execute(update(Order).where(Order.id == order_id).values(state="placed"))
    send_receipt.delay(order_id)  # expect: long_held_transaction HIGH
    session.commit()  # expect: missing_rollback MEDIUM


def ship_order(session: Session, order: Order, carrier: str) -> None:
    order.carrier = carrier
    session.add(OrderEvent(order_id=order.id, kind="shipped"))
    session.flush()
    notify_warehouse.apply_async(args=[order.id], countdown=30)  # expect: long_held_transaction HIGH
    session.commit()  # expect: missing_rollback MEDIUM


def archive_orders(session: Session, celery_app, before) -> None:
    with session.begin():
        session.execute(update(Order).where(Order.placed_at < before).values(archived=True))
        celery_app.send_task("reports.rebuild", args=[str(before)])  # expect: long_held_transaction HIGH


# Look-alike: the task is queued after the commit; nothing is held.
def place_then_notify(session: Session, order_id: int) -> None:
    session.execute(update(Order).where(Order.id == order_id).values(state="placed"))
    session.commit()  # expect: missing_rollback MEDIUM
    send_receipt.delay(order_id)


# Look-alike: only reads before the task; a read takes no row lock.
def resend_receipt(session: Session, order_id: int) -> None:
    order = session.get(Order, order_id)
    send_receipt.delay(order.id)
    order.receipts_sent += 1
    session.commit()  # expect: missing_rollback MEDIUM


# Look-alike: `session.add()` alone sends nothing; the INSERT goes out with
# the commit, after the task is queued.
def record_event(session: Session, order_id: int) -> None:
    session.add(OrderEvent(order_id=order_id, kind="viewed"))
    recompute_totals.delay(order_id)
    session.commit()  # expect: missing_rollback MEDIUM
