from sqlalchemy import create_engine  # not a setup module: never scanned
engine = create_engine("sqlite://", pool_size=1)
