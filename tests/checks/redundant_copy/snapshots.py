# path: app/realtime/hub.py
"""Copies that are snapshots: the collection can change while the loop
waits on a send, so iterating a copy is what keeps it safe. Only the
copies that nothing can change under stay reported."""


class Hub:
    def __init__(self):
        self.sockets = set()
        self.queues = {}

    async def broadcast(self, text):
        # another connection may join or leave during each send
        for ws in list(self.sockets):
            await ws.send_text(text)

    async def publish(self, event):
        for queue in list(self.queues.values()):
            await queue.put(event)


async def notify_all(listeners: list, event):
    # listeners may unsubscribe while a callback runs
    current = listeners.copy()
    for callback in current:
        await callback(event)


async def stream_rows(rows: list):
    snapshot = list(rows)
    for row in snapshot:
        yield row


def total_weight(items: list):
    # nothing runs concurrently here: the copy is never needed
    weights = items.copy()  # expect: redundant_copy LOW
    return sum(w.weight for w in weights)


def names(people: list):
    for person in list(people):  # expect: unnecessary_allocation LOW
        print(person.name)
