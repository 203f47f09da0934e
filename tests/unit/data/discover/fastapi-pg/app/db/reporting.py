from sqlalchemy import create_engine

reporting_engine = create_engine(
    "postgresql+psycopg2://reports@replica/orders",
    pool_size=settings.REPORT_POOL,
    isolation_level="REPEATABLE READ",
)
