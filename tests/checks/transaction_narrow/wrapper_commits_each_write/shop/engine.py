def connect_url():
    return "postgresql+asyncpg://shop"


engine = None
