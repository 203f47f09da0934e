"""A shop's tables, declared in their own module and imported by name
(`models.Receipt()`), as most Flask/SQLAlchemy services do."""
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base, scoped_session, sessionmaker

Base = declarative_base()
session = scoped_session(sessionmaker())


class Order(Base):
    __tablename__ = "order"
    id = Column(Integer, primary_key=True)
    customer = Column(String)


class Receipt(Base):
    __tablename__ = "receipt"
    id = Column(Integer, primary_key=True)
    order_id = Column(Integer)


def receipt_factory():
    return Receipt()
