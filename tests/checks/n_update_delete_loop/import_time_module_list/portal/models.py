from sqlalchemy import Column, Integer, String, Boolean
from sqlalchemy.orm import declarative_base, scoped_session, sessionmaker

Base = declarative_base()
session = scoped_session(sessionmaker())


class LoginProvider(Base):
    __tablename__ = "login_provider"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    enabled = Column(Boolean)


class Webhook(Base):
    __tablename__ = "webhook"
    id = Column(Integer, primary_key=True)
    url = Column(String)
    enabled = Column(Boolean)
