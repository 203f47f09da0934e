from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool
from sqlalchemy.orm import sessionmaker

engine = create_engine(DATABASE_URL, poolclass=NullPool, pool_pre_ping=settings.PING)
Session = sessionmaker(bind=engine, autoflush=True)
