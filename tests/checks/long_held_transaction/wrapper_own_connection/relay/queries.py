from sqlalchemy import text

from relay.storage import db, ledger_session


async def pending_hooks(account: str):
    return await db.fetchall(
        "SELECT id, url FROM hooks WHERE account = :account AND sent = false",
        {"account": account},
    )


async def open_entries(account: str):
    result = await ledger_session.execute(
        text("SELECT id, url FROM entries WHERE account = :account AND closed = false"),
        {"account": account},
    )
    return result.mappings().all()
