# path: app/services/ledger.py
# stack: sqlalchemy
"""Transaction length counts lines of code: comments and blank lines
spread a short transaction over many lines without holding it longer."""
from sqlalchemy.orm import Session


def post_entries(session: Session, batch):
    with session.begin():
        # step 0: explain why the next statement is needed

        session.add(batch.entry(0))
        # step 1: explain why the next statement is needed

        session.add(batch.entry(1))
        # step 2: explain why the next statement is needed

        session.add(batch.entry(2))
        # step 3: explain why the next statement is needed

        session.add(batch.entry(3))
        # step 4: explain why the next statement is needed

        session.add(batch.entry(4))
        # step 5: explain why the next statement is needed

        session.add(batch.entry(5))
        # step 6: explain why the next statement is needed

        session.add(batch.entry(6))
        # step 7: explain why the next statement is needed

        session.add(batch.entry(7))
        # step 8: explain why the next statement is needed

        session.add(batch.entry(8))
        # step 9: explain why the next statement is needed

        session.add(batch.entry(9))
        # step 10: explain why the next statement is needed

        session.add(batch.entry(10))
        # step 11: explain why the next statement is needed

        session.add(batch.entry(11))
        # step 12: explain why the next statement is needed

        session.add(batch.entry(12))
        # step 13: explain why the next statement is needed

        session.add(batch.entry(13))
        # step 14: explain why the next statement is needed

        session.add(batch.entry(14))
        # step 15: explain why the next statement is needed

        session.add(batch.entry(15))
        # step 16: explain why the next statement is needed

        session.add(batch.entry(16))
        # step 17: explain why the next statement is needed

        session.add(batch.entry(17))
        # step 18: explain why the next statement is needed

        session.add(batch.entry(18))
        # step 19: explain why the next statement is needed

        session.add(batch.entry(19))


def rebuild_balances(session: Session, accounts):
    with session.begin():  # expect: long_held_transaction MEDIUM
        session.add(accounts.balance_row(0))
        session.add(accounts.balance_row(1))
        session.add(accounts.balance_row(2))
        session.add(accounts.balance_row(3))
        session.add(accounts.balance_row(4))
        session.add(accounts.balance_row(5))
        session.add(accounts.balance_row(6))
        session.add(accounts.balance_row(7))
        session.add(accounts.balance_row(8))
        session.add(accounts.balance_row(9))
        session.add(accounts.balance_row(10))
        session.add(accounts.balance_row(11))
        session.add(accounts.balance_row(12))
        session.add(accounts.balance_row(13))
        session.add(accounts.balance_row(14))
        session.add(accounts.balance_row(15))
        session.add(accounts.balance_row(16))
        session.add(accounts.balance_row(17))
        session.add(accounts.balance_row(18))
        session.add(accounts.balance_row(19))
        session.add(accounts.balance_row(20))
        session.add(accounts.balance_row(21))
        session.add(accounts.balance_row(22))
        session.add(accounts.balance_row(23))
        session.add(accounts.balance_row(24))
        session.add(accounts.balance_row(25))
        session.add(accounts.balance_row(26))
        session.add(accounts.balance_row(27))
        session.add(accounts.balance_row(28))
        session.add(accounts.balance_row(29))
        session.add(accounts.balance_row(30))
        session.add(accounts.balance_row(31))
        session.add(accounts.balance_row(32))
        session.add(accounts.balance_row(33))
        session.add(accounts.balance_row(34))
        session.add(accounts.balance_row(35))
        session.add(accounts.balance_row(36))
        session.add(accounts.balance_row(37))
        session.add(accounts.balance_row(38))
        session.add(accounts.balance_row(39))
        session.add(accounts.balance_row(40))
        session.add(accounts.balance_row(41))
        session.add(accounts.balance_row(42))
        session.add(accounts.balance_row(43))
        session.add(accounts.balance_row(44))
        session.add(accounts.balance_row(45))
        session.add(accounts.balance_row(46))
        session.add(accounts.balance_row(47))
        session.add(accounts.balance_row(48))
        session.add(accounts.balance_row(49))
        session.add(accounts.balance_row(50))
        session.add(accounts.balance_row(51))
        session.add(accounts.balance_row(52))
        session.add(accounts.balance_row(53))
        session.add(accounts.balance_row(54))
