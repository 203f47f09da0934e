"""Queued jobs that count rows and report them. Opening the session's
transaction with a read and then waiting on a remote host keeps a pooled
connection idle in transaction for as long as the host takes."""
from sendgrid import SendGridAPIClient
from sqlalchemy import func, select

from beacon.analytics import events, usage
from beacon.db import job_sessionmaker
from beacon.models import Member


async def report_usage():
    async with job_sessionmaker() as session:
        members = await session.scalar(select(func.count(Member.id)))
        usage.group_identify("site", "main", properties={"members": members})  # expect: long_held_transaction HIGH


async def mail_digest(api_key: str, build_message):
    async with job_sessionmaker() as session:
        members = await session.scalar(select(func.count(Member.id)))
        mailer = SendGridAPIClient(api_key)
        mailer.send(build_message(members))  # expect: long_held_transaction HIGH


# Look-alike: the client keeps the SDK's background queue; the call only
# enqueues the event and returns.
async def report_queued():
    async with job_sessionmaker() as session:
        members = await session.scalar(select(func.count(Member.id)))
        events.capture("site", "members_counted", properties={"members": members})


# Look-alike: the report is sent after the session block has ended.
async def report_after_block():
    async with job_sessionmaker() as session:
        members = await session.scalar(select(func.count(Member.id)))
    usage.group_identify("site", "main", properties={"members": members})


# Look-alike: the message object is built inside the transaction, but
# building a message is no network call.
async def digest_built_only(api_key: str, message_class):
    async with job_sessionmaker() as session:
        members = await session.scalar(select(func.count(Member.id)))
        message = message_class(subject=f"{members} members")
        message.add_to("team@example.com")
        return message
