from shop.engine import engine
from shop.storage import Store

store = Store(engine)
