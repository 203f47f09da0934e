# corpus.awk — the template engine behind gen-corpus.sh (see there for usage).
# Variables: OUT (directory), TARGET (lines), SEED (number).
# Writes OUT/<service>/..., OUT/SEEDED.tsv (path:line<TAB>check of every
# planted defect) and prints a one-line summary.

function rnd(n) { RNG = (RNG * 16807) % 2147483647; return int(RNG % n) }
function pick(arr, n) { return arr[rnd(n) + 1] }
function camel(s,    parts, n, i, r) {
	n = split(s, parts, "_"); r = ""
	for (i = 1; i <= n; i++) r = r toupper(substr(parts[i], 1, 1)) substr(parts[i], 2)
	return r
}
function plural(s) {
	if (s ~ /[^aeiou]y$/) return substr(s, 1, length(s) - 1) "ies"
	if (s ~ /(s|x|ch|sh)$/) return s "es"
	return s "s"
}
function open_file(rel) { FREL = rel; F = OUT "/" rel; FL = 0; NFILES++ }
function close_file() { close(F); TOTAL += FL }
function e(s) { print s > F; FL++ }
# Records a planted defect at the next line to be emitted.
function seed(check) { print FREL ":" (FL + 1) "\t" check > SEEDED; NSEED++; KIND[check]++ }
function chance(n) { return rnd(n) == 0 }

function setup_entity(name,    i, n, f) {
	E = name; C = camel(name); P = plural(name)
	OTHER = pick(ENT, NENT); if (OTHER == E) OTHER = (E == "tenant") ? "account" : "tenant"
	OC = camel(OTHER)
	n = 4 + rnd(5)
	NF = 0
	for (i = 0; i < n; i++) {
		f = pick(FIELD, NFIELD)
		if (f in USED) continue
		USED[f] = 1; NF++; FN[NF] = f; FT[NF] = FTYPE[f]
	}
	for (f in USED) delete USED[f]
	STATUS = pick(STAT, NSTAT)
}

function gen_model(svc) {
	open_file(svc "/app/models/" E ".py")
	e("from datetime import datetime")
	e("from decimal import Decimal")
	e("")
	e("from sqlalchemy import ForeignKey, Numeric, String")
	e("from sqlalchemy.orm import Mapped, mapped_column, relationship")
	e("")
	e("from app.db.base import Base, TimestampMixin")
	e("")
	e("")
	e("class " C "(TimestampMixin, Base):")
	e("    __tablename__ = '" P "'")
	e("")
	e("    id: Mapped[int] = mapped_column(primary_key=True)")
	e("    " OTHER "_id: Mapped[int] = mapped_column(ForeignKey('" plural(OTHER) ".id'), index=True)")
	e("    status: Mapped[str] = mapped_column(String(20), default='" STATUS "')")
	for (i = 1; i <= NF; i++) e("    " FN[i] ": Mapped[" FT[i] "]" COLDEF[FN[i]])
	e("")
	e("    " OTHER ": Mapped['" OC "'] = relationship(lazy='" (chance(2) ? "raise" : "selectin") "')")
	e("")
	e("    def __repr__(self) -> str:")
	e("        return f'<" C " {self.id} {self.status}>'")
	close_file()
}

function gen_schema(svc,    i) {
	open_file(svc "/app/schemas/" E ".py")
	e("from datetime import datetime")
	e("from decimal import Decimal")
	e("")
	e("from pydantic import BaseModel, ConfigDict, Field")
	e("")
	e("")
	e("class " C "Base(BaseModel):")
	for (i = 1; i <= NF; i++) e("    " FN[i] ": " FT[i] (FT[i] ~ /None/ ? " = None" : ""))
	e("")
	e("")
	e("class " C "Create(" C "Base):")
	e("    " OTHER "_id: int = Field(gt=0)")
	e("")
	e("")
	e("class " C "Update(BaseModel):")
	for (i = 1; i <= NF; i++) e("    " FN[i] ": " FT[i] (FT[i] ~ /None/ ? "" : " | None") " = None")
	e("    status: str | None = Field(default=None, max_length=20)")
	e("")
	e("")
	e("class " C "Out(" C "Base):")
	e("    model_config = ConfigDict(from_attributes=True)")
	e("")
	e("    id: int")
	e("    status: str")
	e("    created_at: datetime")
	e("")
	e("")
	e("class " C "Page(BaseModel):")
	e("    items: list[" C "Out]")
	e("    total: int")
	e("    next_cursor: int | None = None")
	close_file()
}

function gen_repository(svc,    k, n) {
	open_file(svc "/app/repositories/" E "_repository.py")
	e("from collections.abc import Sequence")
	e("")
	e("from sqlalchemy import delete, func, select, update")
	e("from sqlalchemy.ext.asyncio import AsyncSession")
	e("from sqlalchemy.orm import selectinload")
	e("")
	e("from app.models." E " import " C)
	e("")
	e("")
	e("class " C "Repository:")
	e("    \"\"\"Data access for " P "; the caller owns the session and the transaction.\"\"\"")
	e("")
	e("    def __init__(self, session: AsyncSession) -> None:")
	e("        self.session = session")
	e("")
	e("    async def get(self, " E "_id: int) -> " C " | None:")
	e("        return await self.session.get(" C ", " E "_id)")
	e("")
	e("    async def list_page(self, " OTHER "_id: int, after: int | None, limit: int) -> Sequence[" C "]:")
	e("        stmt = select(" C ").where(" C "." OTHER "_id == " OTHER "_id).order_by(" C ".id).limit(limit)")
	e("        if after is not None:")
	e("            stmt = stmt.where(" C ".id > after)")
	e("        result = await self.session.execute(stmt)")
	e("        return result.scalars().all()")
	e("")
	e("    async def count_by_status(self, " OTHER "_id: int) -> dict[str, int]:")
	e("        result = await self.session.execute(")
	e("            select(" C ".status, func.count())")
	e("            .where(" C "." OTHER "_id == " OTHER "_id)")
	e("            .group_by(" C ".status)")
	e("        )")
	e("        return {status: count for status, count in result.all()}")
	e("")
	n = 2 + rnd(4)
	for (k = 0; k < n; k++) {
		if (k == 0 || chance(2)) {
			e("    async def set_status_many(self, ids: Sequence[int], status: str) -> int:")
			e("        result = await self.session.execute(")
			e("            update(" C ").where(" C ".id.in_(ids)).values(status=status)")
			e("        )")
			e("        return result.rowcount or 0")
			e("")
		} else if (chance(2)) {
			e("    async def with_" OTHER "(self, " E "_id: int) -> " C " | None:")
			e("        result = await self.session.execute(")
			e("            select(" C ").options(selectinload(" C "." OTHER ")).where(" C ".id == " E "_id)")
			e("        )")
			e("        return result.scalar_one_or_none()")
			e("")
		} else {
			e("    async def purge_" k "(self, " OTHER "_id: int) -> None:")
			e("        await self.session.execute(")
			e("            delete(" C ").where(" C "." OTHER "_id == " OTHER "_id, " C ".status == 'archived')")
			e("        )")
			e("")
		}
	}
	e("    async def exists(self, " E "_id: int) -> bool:")
	e("        found = await self.session.scalar(select(" C ".id).where(" C ".id == " E "_id))")
	e("        return found is not None")
	close_file()
}

function svc_block(k) {
	if (chance(16)) {
		if (chance(2)) {
			e("async def import_" P "_" k "(session: AsyncSession, " OTHER "_id: int, rows: list[dict]) -> int:")
			e("    try:")
			e("        for row in rows:")
			seed("missing_bulk_ops")
			e("            session.add(" C "(" OTHER "_id=" OTHER "_id, **row))")
			e("        await session.commit()")
			e("    except Exception:")
			e("        await session.rollback()")
			e("        raise")
			e("    return len(rows)")
		} else if (chance(2)) {
			e("async def expire_" P "_" k "(session: AsyncSession, cutoff: datetime) -> None:")
			e("    result = await session.execute(select(" C ").where(" C ".created_at < cutoff))")
			e("    for item in result.scalars():")
			seed("n_update_delete_loop")
			e("        await session.execute(update(" C ").where(" C ".id == item.id).values(status='expired'))")
			e("    await session.commit()")
		} else if (chance(2)) {
			e("async def owners_of_" P "_" k "(session: AsyncSession, ids: list[int]) -> list[str]:")
			e("    result = await session.execute(select(" C ").where(" C ".id.in_(ids)))")
			e("    names = []")
			e("    for item in result.scalars():")
			seed("n_plus_one")
			e("        owner = await session.get(" OC ", item." OTHER "_id)")
			e("        names.append(str(owner.id))")
			e("    return names")
		} else {
			e("async def publish_" E "_" k "(session: AsyncSession, " E "_id: int, hook: str) -> None:")
			e("    async with session.begin():")
			e("        item = await session.get(" C ", " E "_id, with_for_update=True)")
			e("        item.status = 'published'")
			e("        async with httpx.AsyncClient() as client:")
			seed("transaction_wide")
			e("            await client.post(hook, json={'id': item.id, 'status': item.status})")
		}
		return
	}
	if (chance(2)) {
		e("async def create_" E "_" k "(session: AsyncSession, body: " C "Create) -> " C ":")
		e("    item = " C "(**body.model_dump())")
		e("    try:")
		e("        session.add(item)")
		e("        await session.commit()")
		e("    except Exception:")
		e("        await session.rollback()")
		e("        raise")
		e("    return item")
	} else if (chance(2)) {
		e("async def import_chunked_" k "(session: AsyncSession, rows: list[dict]) -> int:")
		e("    async with session.begin():")
		e("        for start in range(0, len(rows), " (100 * (1 + rnd(10))) "):")
		e("            await session.execute(insert(" C ").values(rows[start:start + " (100 * (1 + rnd(10))) "]))")
		e("    return len(rows)")
	} else if (chance(2)) {
		e("def summarize_" k "(items: Sequence[" C "]) -> dict[str, int]:")
		e("    \"\"\"Counts per status, for the dashboard tile.\"\"\"")
		e("    counts: dict[str, int] = {}")
		e("    for item in items:")
		e("        counts[item.status] = counts.get(item.status, 0) + 1")
		e("    return counts")
	} else {
		e("async def archive_" E "_" k "(session: AsyncSession, " E "_id: int) -> bool:")
		e("    repo = " C "Repository(session)")
		e("    item = await repo.get(" E "_id)")
		e("    if item is None or item.status == 'archived':")
		e("        return False")
		e("    item.status = 'archived'")
		e("    try:")
		e("        await session.commit()")
		e("    except Exception:")
		e("        await session.rollback()")
		e("        raise")
		e("    return True")
	}
}

function gen_service(svc,    k, n) {
	open_file(svc "/app/services/" E "_service.py")
	e("import logging")
	e("from collections.abc import Sequence")
	e("from datetime import datetime")
	e("")
	e("import httpx")
	e("from sqlalchemy import insert, select, update")
	e("from sqlalchemy.ext.asyncio import AsyncSession")
	e("")
	e("from app.models." E " import " C)
	e("from app.models." OTHER " import " OC)
	e("from app.repositories." E "_repository import " C "Repository")
	e("from app.schemas." E " import " C "Create")
	e("")
	e("logger = logging.getLogger(__name__)")
	n = 4 + rnd(6)
	for (k = 0; k < n; k++) { e(""); e(""); svc_block(k) }
	close_file()
}

function route_block(k) {
	e("")
	e("")
	if (chance(14)) {
		if (chance(3)) {
			e("@router.get('/{" E "_id}/attachment')")
			e("async def attachment_" k "(" E "_id: int, session: SessionDep) -> Response:")
			e("    item = await " C "Repository(session).get(" E "_id)")
			seed("blocking_io")
			e("    data = Path(f'/srv/files/" P "/{item.id}.pdf').read_bytes()")
			e("    return Response(content=data, media_type='application/pdf')")
		} else if (chance(2)) {
			e("@router.post('/{" E "_id}/sync')")
			e("async def sync_" k "(" E "_id: int, session: SessionDep) -> dict:")
			e("    item = await " C "Repository(session).get(" E "_id)")
			seed("blocking_io")
			e("    remote = requests.get(f'{settings.partner_api}/" P "/{item.id}').json()")
			e("    return {'id': item.id, 'remote_status': remote.get('status')}")
		} else if (chance(2)) {
			e("@router.post('/{" E "_id}/retry')")
			e("async def retry_" k "(" E "_id: int, session: SessionDep) -> dict:")
			e("    ok = await archive_" E "_0(session, " E "_id)")
			seed("sync_sleep")
			e("    time.sleep(0.2)")
			e("    return {'ok': ok}")
		} else {
			e("@router.get('/by-" OTHER "')")
			e("async def by_" OTHER "_" k "(session: SessionDep, limit: int = 100) -> list[dict]:")
			e("    result = await session.execute(select(" C ").limit(limit))")
			e("    out = []")
			e("    for item in result.scalars():")
			seed("n_plus_one")
			e("        parent = await session.get(" OC ", item." OTHER "_id)")
			e("        out.append({'id': item.id, '" OTHER "': parent.id})")
			e("    return out")
		}
		return
	}
	if (chance(2)) {
		e("@router.get('', response_model=" C "Page)")
		e("async def list_" P "_" k "(" OTHER "_id: int, session: SessionDep,")
		e("        after: int | None = None, limit: int = Query(50, le=200)) -> " C "Page:")
		e("    repo = " C "Repository(session)")
		e("    items = await repo.list_page(" OTHER "_id, after, limit)")
		e("    next_cursor = items[-1].id if len(items) == limit else None")
		e("    return " C "Page(items=items, total=len(items), next_cursor=next_cursor)")
	} else if (chance(2)) {
		e("@router.get('/{" E "_id}', response_model=" C "Out)")
		e("async def get_" E "_" k "(" E "_id: int, session: SessionDep) -> " C ":")
		e("    item = await " C "Repository(session).get(" E "_id)")
		e("    if item is None:")
		e("        raise HTTPException(status.HTTP_404_NOT_FOUND, '" E " not found')")
		e("    return item")
	} else if (chance(2)) {
		e("@router.get('/{" E "_id}/export')")
		e("async def export_" k "(" E "_id: int, session: SessionDep) -> Response:")
		e("    item = await " C "Repository(session).get(" E "_id)")
		e("    if item is None:")
		e("        raise HTTPException(status.HTTP_404_NOT_FOUND)")
		e("    data = await asyncio.to_thread(Path(f'/srv/exports/{item.id}.csv').read_bytes)")
		e("    return Response(content=data, media_type='text/csv')")
	} else {
		e("@router.post('', response_model=" C "Out, status_code=status.HTTP_201_CREATED)")
		e("async def create_" E "_" k "(body: " C "Create, session: SessionDep) -> " C ":")
		e("    return await create_" E "_0(session, body)")
	}
}

function gen_routes(svc,    k, n) {
	open_file(svc "/app/api/routes/" P ".py")
	e("import asyncio")
	e("import time")
	e("from pathlib import Path")
	e("")
	e("import requests")
	e("from fastapi import APIRouter, HTTPException, Query, Response, status")
	e("from sqlalchemy import select")
	e("")
	e("from app.api.deps import SessionDep")
	e("from app.core.config import settings")
	e("from app.models." E " import " C)
	e("from app.models." OTHER " import " OC)
	e("from app.repositories." E "_repository import " C "Repository")
	e("from app.schemas." E " import " C "Create, " C "Out, " C "Page")
	e("from app.services." E "_service import archive_" E "_0, create_" E "_0")
	e("")
	e("router = APIRouter(prefix='/" P "', tags=['" P "'])")
	n = 4 + rnd(6)
	for (k = 0; k < n; k++) route_block(k)
	close_file()
}

function gen_tasks(svc,    k, n) {
	open_file(svc "/app/tasks/" E "_tasks.py")
	e("import asyncio")
	e("import logging")
	e("import time")
	e("")
	e("from sqlalchemy import select")
	e("")
	e("from app.db.session import SessionLocal")
	e("from app.models.job import Job")
	e("from app.models." E " import " C)
	e("")
	e("logger = logging.getLogger(__name__)")
	n = 2 + rnd(3)
	for (k = 0; k < n; k++) {
		e(""); e("")
		if (chance(6)) {
			if (chance(2)) {
				e("async def reindex_" P "_" k "(job_id: int) -> None:")
				e("    async with SessionLocal() as session:")
				e("        job = await session.get(Job, job_id)")
				e("        result = await session.execute(select(" C ".id))")
				e("        ids = result.scalars().all()")
				e("        for n, _ in enumerate(ids, start=1):")
				seed("missing_intermediate_commits")
				e("            job.progress = n * 100 // max(len(ids), 1)")
				e("            await session.flush()")
				e("        await session.commit()")
			} else if (chance(2)) {
				e("async def poll_" P "_" k "(stop: asyncio.Event) -> None:")
				e("    while not stop.is_set():")
				e("        async with SessionLocal() as session:")
				e("            pending = await session.scalar(select(" C ".id).where(" C ".status == 'pending'))")
				e("        if pending is None:")
				seed("sync_sleep")
				e("            time.sleep(" (1 + rnd(5)) ")")
			} else {
				e("async def count_" P "_" k "() -> int:")
				seed("missing_cleanup")
				e("    session = SessionLocal()")
				e("    result = await session.execute(select(" C ".id))")
				e("    return len(result.scalars().all())")
			}
		} else {
			e("async def refresh_" P "_" k "(batch: int = " (100 * (1 + rnd(9))) ") -> int:")
			e("    \"\"\"Marks stale " P " in batches; each batch commits on its own.\"\"\"")
			e("    done = 0")
			e("    while True:")
			e("        async with SessionLocal() as session, session.begin():")
			e("            result = await session.execute(")
			e("                select(" C ".id).where(" C ".status == 'stale').limit(batch)")
			e("            )")
			e("            ids = result.scalars().all()")
			e("            if not ids:")
			e("                return done")
			e("            done += len(ids)")
			e("        await asyncio.sleep(0)")
		}
	}
	close_file()
}

function gen_client(svc) {
	open_file(svc "/app/clients/" E "_client.py")
	e("import httpx")
	e("import requests")
	e("")
	e("from app.core.config import settings")
	e("")
	e("")
	e("class " C "Client:")
	e("    \"\"\"Talks to the partner's " P " API.\"\"\"")
	e("")
	e("    def __init__(self, base_url: str | None = None) -> None:")
	e("        self.base_url = base_url or settings.partner_api")
	e("")
	e("    async def fetch(self, " E "_id: int) -> dict:")
	e("        async with httpx.AsyncClient(base_url=self.base_url, timeout=10) as client:")
	e("            response = await client.get(f'/" P "/{" E "_id}')")
	e("            response.raise_for_status()")
	e("            return response.json()")
	e("")
	if (chance(4)) {
		e("    async def fetch_legacy(self, " E "_id: int) -> dict:")
		seed("blocking_io")
		e("        return requests.get(f'{self.base_url}/v1/" P "/{" E "_id}').json()")
	} else {
		e("    def fetch_sync(self, " E "_id: int) -> dict:")
		e("        return requests.get(f'{self.base_url}/v1/" P "/{" E "_id}', timeout=10).json()")
	}
	close_file()
}

function gen_service_skeleton(svc) {
	system("mkdir -p '" OUT "/" svc "/app/models' '" OUT "/" svc "/app/schemas' '" OUT "/" svc "/app/repositories' '" OUT "/" svc "/app/services' '" OUT "/" svc "/app/api/routes' '" OUT "/" svc "/app/tasks' '" OUT "/" svc "/app/clients' '" OUT "/" svc "/app/db' '" OUT "/" svc "/app/core' '" OUT "/" svc "/alembic/versions'")
	open_file(svc "/requirements.txt")
	e("fastapi==0.111.0"); e("sqlalchemy[asyncio]==2.0.30"); e("asyncpg==0.29.0")
	e("httpx==0.27.0"); e("requests==2.32.3"); e("alembic==1.13.1")
	close_file()
	open_file(svc "/docker-compose.yml")
	e("services:"); e("  db:"); e("    image: postgres:16"); e("  api:"); e("    build: .")
	close_file()
	open_file(svc "/app/db/session.py")
	e("from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine")
	e("")
	e("from app.core.config import settings")
	e("")
	if (chance(3)) {
		seed("pool_configuration")
		e("engine = create_async_engine(settings.database_url, pool_size=10)")
	} else {
		e("engine = create_async_engine(settings.database_url, pool_size=10, max_overflow=5,")
		e("                             pool_pre_ping=True, pool_recycle=1800)")
	}
	e("SessionLocal = async_sessionmaker(engine, expire_on_commit=False)")
	close_file()
	open_file(svc "/app/api/deps.py")
	e("from collections.abc import AsyncIterator")
	e("from typing import Annotated")
	e("")
	e("from fastapi import Depends")
	e("from sqlalchemy.ext.asyncio import AsyncSession")
	e("")
	e("from app.db.session import SessionLocal")
	e("")
	e("")
	e("async def get_session() -> AsyncIterator[AsyncSession]:")
	e("    async with SessionLocal() as session:")
	e("        yield session")
	e("")
	e("")
	e("SessionDep = Annotated[AsyncSession, Depends(get_session)]")
	close_file()
	open_file(svc "/app/models/job.py")
	e("from sqlalchemy import String")
	e("from sqlalchemy.orm import Mapped, mapped_column")
	e("")
	e("from app.db.base import Base")
	e("")
	e("")
	e("class Job(Base):")
	e("    __tablename__ = 'jobs'")
	e("")
	e("    id: Mapped[int] = mapped_column(primary_key=True)")
	e("    kind: Mapped[str] = mapped_column(String(40))")
	e("    progress: Mapped[int] = mapped_column(default=0)")
	close_file()
	open_file(svc "/alembic/versions/0001_jobs_notify.py")
	e("from alembic import op")
	e("")
	e("revision = '0001'")
	e("down_revision = None")
	e("")
	e("")
	e("def upgrade() -> None:")
	e("    op.execute(\"\"\"")
	e("    CREATE OR REPLACE FUNCTION notify_jobs() RETURNS trigger AS $$")
	e("    BEGIN PERFORM pg_notify('jobs', NEW.id::text); RETURN NEW; END;")
	e("    $$ LANGUAGE plpgsql;")
	e("    CREATE TRIGGER jobs_notify AFTER UPDATE ON jobs FOR EACH ROW EXECUTE FUNCTION notify_jobs();")
	e("    \"\"\")")
	close_file()
}

BEGIN {
	RNG = (SEED % 2147483646) + 1
	SEEDED = OUT "/SEEDED.tsv"
	NENT = split("account invoice shipment order customer product warehouse supplier payment refund " \
		"subscription coupon review ticket agent campaign lead contract quote delivery route vehicle " \
		"driver parcel return_request stock_level price_list catalog category tenant member team " \
		"project milestone timesheet expense receipt ledger_entry payout dispute notification " \
		"webhook api_key session_token device firmware sensor reading alert incident", ENT, " ")
	NFIELD = split("name title description amount currency quantity sku email phone notes " \
		"due_at paid_at weight_grams reference external_id priority score region country city " \
		"postal_code tax_rate discount_pct source channel version checksum", FIELD, " ")
	split("str|str|str | None|Decimal|str|int|str|str|str | None|str | None|" \
		"datetime | None|datetime | None|int|str|str | None|int|float|str|str|str|" \
		"str|Decimal|Decimal|str|str|int|str", tys, "|")
	for (i = 1; i <= NFIELD; i++) {
		FTYPE[FIELD[i]] = tys[i]
		COLDEF[FIELD[i]] = (tys[i] == "str") ? " = mapped_column(String(" (40 + 20 * (i % 5)) "))" : \
			(tys[i] == "Decimal") ? " = mapped_column(Numeric(12, 2))" : ""
	}
	NSTAT = split("draft pending active open new", STAT, " ")
	NSVC = split("billing fulfilment catalog crm support logistics identity reporting payments " \
		"inventory notifications scheduling", SVC, " ")

	for (s = 0; TOTAL < TARGET; s++) {
		svc = SVC[s % NSVC + 1] (s >= NSVC ? "-" int(s / NSVC + 1) : "") "-service"
		gen_service_skeleton(svc)
		n = 15 + rnd(20)
		for (j = 0; j < n && TOTAL < TARGET; j++) {
			setup_entity(ENT[(s * 7 + j) % NENT + 1])
			gen_model(svc); gen_schema(svc); gen_repository(svc)
			gen_service(svc); gen_routes(svc)
			if (chance(2)) gen_tasks(svc)
			if (chance(3)) gen_client(svc)
		}
		NSVCS++
	}
	close(SEEDED)
	printf "corpus: %s: %d services, %d files, %d lines, %d seeded defects (", OUT, NSVCS, NFILES, TOTAL, NSEED
	sep = ""
	for (k in KIND) { printf "%s%s %d", sep, k, KIND[k]; sep = ", " }
	print ")"
}
