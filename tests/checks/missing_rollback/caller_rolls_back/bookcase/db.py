from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("sqlite:///books.db")
session = scoped_session(sessionmaker(bind=engine))
audit_session = scoped_session(sessionmaker(bind=engine))
