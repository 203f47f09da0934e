# path: app/services/billing.py
# stack: sqlalchemy psycopg2-binary
"""Which relationships the outer query loads: each loader option covers the
relationship it names, nothing else; options that cannot be read cover all."""
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import (DeclarativeBase, Mapped, Session, lazyload, mapped_column,
                            raiseload, relationship, selectinload)


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class Invoice(Base):
    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship()
    lines: Mapped[list["InvoiceLine"]] = relationship(back_populates="invoice")
    audit: Mapped[list["AuditEntry"]] = relationship(lazy="raise")


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    amount: Mapped[int]
    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class AuditEntry(Base):
    __tablename__ = "audit_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))


def totals_with_names(session: Session) -> dict:
    out = {}
    stmt = select(Invoice).options(selectinload(Invoice.lines))
    for inv in session.scalars(stmt):
        # lines are loaded; the customer is not
        out[inv.id] = (sum(l.amount for l in inv.lines), inv.customer.name)  # expect: n_plus_one MEDIUM
    return out


def customer_keys(session: Session) -> list:
    keys = []
    invoices = session.scalars(select(Invoice).where(Invoice.id > 0)).all()
    for i, inv in enumerate(invoices):
        # a SELECT per invoice only for the key the row already has
        keys.append((i, inv.customer.id))  # expect: n_plus_one MEDIUM
    return keys


def explicitly_lazy(session: Session) -> list:
    out = []
    # lazyload() keeps the default: still one SELECT per invoice
    for inv in session.scalars(select(Invoice).options(lazyload(Invoice.lines))):
        out.append(len(inv.lines))  # expect: n_plus_one MEDIUM
    return out


def with_options_from_caller(session: Session, opts: list) -> list:
    out = []
    # look-alike: options we cannot read may load anything
    for inv in session.scalars(select(Invoice).options(*opts)):
        out.append(len(inv.lines))
    return out


def line_counts(session: Session) -> list:
    # a comprehension is a loop too
    return [(inv.id, len(inv.lines)) for inv in session.scalars(select(Invoice))]  # expect: n_plus_one MEDIUM


def guarded(session: Session) -> list:
    out = []
    # look-alike: raiseload("*") makes any lazy load fail instead of querying
    for inv in session.scalars(select(Invoice).options(raiseload("*"))):
        out.append(inv.customer_id)
    # look-alike: a column, and a relationship declared lazy="raise"
    for inv in session.scalars(select(Invoice)):
        out.append((inv.customer_id, len(inv.audit)))
    return out


def lines_of(session: Session, invoice_id: int) -> list:
    inv = session.get(Invoice, invoice_id)
    out = []
    # look-alike: each line's invoice is the invoice they were loaded from
    for line in inv.lines:
        out.append((line.amount, line.invoice.id))
    return out
