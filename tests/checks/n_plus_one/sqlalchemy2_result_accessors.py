# path: app/services/orders.py
# stack: sqlalchemy
"""SQLAlchemy 2.0 reads end in a result accessor: execute(...).scalar_one_or_none(),
scalars(...).first(), scalars(...).all() as the loop's own query."""
from sqlalchemy import Integer, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Invoice(Base):
    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer)


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


def accounts_of_invoices(session: Session) -> list:
    found = []
    for inv in session.scalars(select(Invoice)).all():
        acc = session.execute(select(Account).where(Account.id == inv.account_id)).scalar_one_or_none()  # expect: n_plus_one MEDIUM
        found.append(acc)
    return found


def first_accounts(session: Session) -> list:
    found = []
    for inv in session.scalars(select(Invoice)):
        found.append(session.scalars(select(Account).where(Account.id == inv.account_id)).first())  # expect: n_plus_one MEDIUM
    return found


def one_query(session: Session, ids: tuple = (1, 2, 3)) -> list:
    # look-alike: one IN query, not one per row
    return session.scalars(select(Account).where(Account.id.in_(ids))).all()


def statement_per_row(session: Session) -> list:
    # look-alike: the loop only builds statements, nothing runs per row
    stmts = []
    for inv in session.scalars(select(Invoice)).all():
        stmts.append(select(Account).where(Account.id == inv.account_id))
    return stmts
