DEFAULT_URL = "postgresql+psycopg://inventory@localhost/inventory"
