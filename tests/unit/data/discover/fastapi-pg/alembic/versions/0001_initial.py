"""initial tables"""
from alembic import op
import sqlalchemy as sa


def upgrade() -> None:
    op.create_table("orders", sa.Column("id", sa.Integer, primary_key=True))
