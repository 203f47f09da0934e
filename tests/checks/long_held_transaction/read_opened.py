# path: app/jobs/enrich.py
# stack: fastapi sqlalchemy requests
"""A SQLAlchemy session begins its transaction at the first statement,
a SELECT included, and holds it (and its connection, and in REPEATABLE
READ its snapshot) until commit, rollback or close. A job that reads and
then sleeps between remote calls keeps the connection idle in
transaction for the whole run."""
import time

import requests
from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import SessionLocal, get_db
from app.models import Article, Tag

router = APIRouter()
TAGGER = "https://tagger.example.com/v2/classify"


def tag_articles(article_ids):
    with SessionLocal() as session:
        for article_id in article_ids:
            article = session.query(Article).filter(Article.id == article_id).first()  # expect: n_plus_one MEDIUM
            if article is None:
                continue
            requests.post(TAGGER, json={"body": article.body}, timeout=10)
            time.sleep(3)  # expect: long_held_transaction HIGH


def notify_authors(session: Session, since):
    rows = session.execute(select(Article).where(Article.created > since)).scalars().all()
    for row in rows:
        requests.post(TAGGER, json={"id": row.id}, timeout=10)  # expect: long_held_transaction HIGH


def retag(session: Session, article_id: int):
    article = session.get(Article, article_id)
    time.sleep(1)  # expect: long_held_transaction HIGH
    session.add(Tag(article_id=article.id, name="new"))
    session.commit()  # expect: missing_rollback MEDIUM


# Look-alike: the session is closed when the `with` block ends, before
# the pauses.
def pending_ids():
    with SessionLocal() as session:
        ids = [a.id for a in session.query(Article).filter(Article.tagged.is_(False))]
    for article_id in ids:
        requests.post(TAGGER, json={"id": article_id}, timeout=10)
        time.sleep(3)
    return ids


# Look-alike: the read's transaction ends (commit, close) before the call.
def tag_one(session: Session, article_id: int):
    article = session.get(Article, article_id)
    body = article.body
    session.commit()  # expect: missing_rollback MEDIUM
    time.sleep(1)
    requests.post(TAGGER, json={"body": body}, timeout=10)


def tag_two(article_id: int):
    session = SessionLocal()
    article = session.get(Article, article_id)
    body = article.body
    session.close()
    requests.post(TAGGER, json={"body": body}, timeout=10)


# Look-alike: the request's session, managed by the framework, ends with
# the response (resource_scope_mismatch's question, not this check's).
@router.post("/articles/{article_id}/tag")
def tag_endpoint(article_id: int, db: Session = Depends(get_db)):
    article = db.get(Article, article_id)
    answer = requests.post(TAGGER, json={"body": article.body}, timeout=10)
    return {"id": article.id, "tags": answer.json()}
