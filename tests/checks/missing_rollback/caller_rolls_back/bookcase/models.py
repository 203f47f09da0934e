from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Author(Base):
    __tablename__ = "author"
    id = Column(Integer, primary_key=True)
    name = Column(String)


class Book(Base):
    __tablename__ = "book"
    id = Column(Integer, primary_key=True)
    title = Column(String)
    author_id = Column(Integer)


class Tag(Base):
    __tablename__ = "tag"
    id = Column(Integer, primary_key=True)
    label = Column(String)


class Event(Base):
    __tablename__ = "event"
    id = Column(Integer, primary_key=True)
    kind = Column(String)
