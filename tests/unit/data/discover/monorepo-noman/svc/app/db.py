from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql+psycopg2://db/app")
SessionLocal = sessionmaker(bind=engine)
