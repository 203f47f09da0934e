from sqlalchemy import create_engine
engine = create_engine("sqlite://", pool_size=99)
