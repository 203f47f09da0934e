"""order_events: notify listeners when an order changes

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.execute(
        """
        CREATE OR REPLACE FUNCTION notify_order_change() RETURNS trigger AS $$
        BEGIN
            PERFORM pg_notify(
                'order_events',
                json_build_object('id', NEW.id, 'status', NEW.status)::text
            );
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;
        """
    )
    op.execute(sa.text(
        "CREATE TRIGGER orders_notify "
        "AFTER INSERT OR UPDATE OF status ON public.orders "
        "FOR EACH ROW EXECUTE FUNCTION notify_order_change()"
    ))


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS orders_notify ON orders;")
