/* Unit tests for the project index: roles (handlers, background tasks and
 * their call trees, streaming, websocket, init, dependencies) and ORM
 * models (SQLAlchemy 2.0, classic Column style, Django). */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "index.h"
#include "model.h"
#include "project.h"
#include "tap.h"
#include "util/xalloc.h"

static const char api_jobs[] =
	"from fastapi import APIRouter, BackgroundTasks, Depends, WebSocket\n"
	"from fastapi.responses import StreamingResponse\n"
	"from app.db import get_session\n"
	"from app.services.reports import build_report\n"
	"\n"
	"router = APIRouter(prefix=\"/jobs\")\n"
	"\n"
	"\n"
	"async def load_job(session, job_id):\n"
	"    return await session.get(Job, job_id)\n"
	"\n"
	"\n"
	"@router.get(\"/{job_id}\")\n"
	"async def read_job(job_id: int, session=Depends(get_session)):\n"
	"    def render(job):\n"
	"        return job.name\n"
	"    job = await load_job(session, job_id)\n"
	"    return render(job)\n"
	"\n"
	"\n"
	"@router.post(\"/\")\n"
	"async def create_job(tasks: BackgroundTasks, session=Depends(get_session)):\n"
	"    job = await load_job(session, 1)\n"
	"    tasks.add_task(send_notification, job.id)\n"
	"    return job\n"
	"\n"
	"\n"
	"@router.get(\"/{job_id}/events\")\n"
	"async def job_events(job_id: int):\n"
	"    return StreamingResponse(event_stream(job_id), media_type=\"text/event-stream\")\n"
	"\n"
	"\n"
	"async def event_stream(job_id):\n"
	"    yield f\"data: {job_id}\\n\\n\"\n"
	"\n"
	"\n"
	"@router.websocket(\"/ws\")\n"
	"async def job_socket(ws: WebSocket):\n"
	"    await ws.accept()\n"
	"\n"
	"\n"
	"@router.get(\"/{job_id}/wait\")\n"
	"async def wait_for_job(job_id: int):\n"
	"    while True:\n"
	"        await asyncio.sleep(1)\n"
	"\n"
	"\n"
	"def send_notification(job_id):\n"
	"    render_email(job_id)\n"
	"\n"
	"\n"
	"def render_email(job_id):\n"
	"    return str(job_id)\n"
	"\n"
	"\n"
	"def initiate_payment():\n"
	"    pass\n"
	"\n"
	"\n"
	"async def init_db():\n"
	"    pass\n";

static const char db_py[] =
	"from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship\n"
	"from sqlalchemy import Column, Integer, String, ForeignKey\n"
	"\n"
	"class Base(DeclarativeBase):\n"
	"    pass\n"
	"\n"
	"class Job(Base):\n"
	"    __tablename__ = \"jobs\"\n"
	"    id: Mapped[int] = mapped_column(primary_key=True)\n"
	"    name: Mapped[str]\n"
	"    owner_id = Column(Integer, ForeignKey(\"users.id\"))\n"
	"    steps: Mapped[list[\"Step\"]] = relationship(back_populates=\"job\", lazy=\"selectin\")\n"
	"    owner = relationship(\"User\")\n"
	"\n"
	"class ArchivedJob(Job):\n"
	"    archived_at = Column(String)\n"
	"\n"
	"class Team(Base):\n"
	"    __tablename__ = \"teams\"\n"
	"    id = Column(Integer, primary_key=True)\n"
	"    members = relationship(\"Member\", backref=backref(\"team\", lazy=\"joined\"))\n"
	"    chores = relationship(\"Chore\", lazy=\"dynamic\")\n"
	"\n"
	"class Member(Base):\n"
	"    __tablename__ = \"members\"\n"
	"    id = Column(Integer, primary_key=True)\n"
	"    team_id = Column(Integer, ForeignKey(\"teams.id\"))\n"
	"\n"
	"SessionLocal = sessionmaker(bind=engine, autoflush=False)\n"
	"async_session = async_sessionmaker(async_engine, expire_on_commit=False)\n"
	"LegacyAsync = sessionmaker(async_engine, class_=AsyncSession)\n"
	"\n"
	"class JobOut(BaseModel):\n"
	"    id: int\n"
	"\n"
	"async def get_session():\n"
	"    async with SessionLocal() as session:\n"
	"        yield session\n";

static const char worker_py[] =
	"from app.worker import celery_app\n"
	"\n"
	"@celery_app.task(bind=True)\n"
	"def rebuild(self, job_id):\n"
	"    refresh_totals(job_id)\n"
	"\n"
	"def refresh_totals(job_id):\n"
	"    pass\n";

static const char cron_py[] =
	"def nightly():\n"
	"    pass\n";

static const char shop_models[] =
	"from django.db import models\n"
	"\n"
	"class Order(models.Model):\n"
	"    customer = models.ForeignKey(\"Customer\", on_delete=models.CASCADE)\n"
	"    total = models.DecimalField(max_digits=10, decimal_places=2)\n"
	"    tags = models.ManyToManyField(\"Tag\")\n"
	"\n"
	"class Customer(models.Model):\n"
	"    name = models.CharField(max_length=80)\n"
	"\n"
	"    class Meta:\n"
	"        db_table = \"crm_customer\"\n"
	"\n"
	"class Profile(models.Model):\n"
	"    customer = models.OneToOneField(Customer, on_delete=models.CASCADE)\n"
	"    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
	"    referrer = models.ForeignKey(to=\"shop.Customer\", related_name=\"referrals\",\n"
	"                                 null=True, on_delete=models.SET_NULL)\n"
	"    merged_into = models.ForeignKey(\"self\", related_name=\"+\", null=True,\n"
	"                                    on_delete=models.SET_NULL)\n";

static const char shop_views[] =
	"from django.views import View\n"
	"\n"
	"def order_list(request):\n"
	"    return None\n"
	"\n"
	"def helper(x):\n"
	"    return x\n"
	"\n"
	"class OrderView(View):\n"
	"    def get(self, request, pk):\n"
	"        return None\n"
	"    def _load(self, pk):\n"
	"        return None\n";

/* Adds a parsed file to the project. */
static void add_file(struct project *p, const char *path, const char *src)
{
	struct source_file *f;

	XGROW(p->files, p->cap_files, p->n_files + 1);
	f = &p->files[p->n_files++];
	memset(f, 0, sizeof *f);
	f->path = xstrdup(path);
	f->lang = LANG_PYTHON;
	f->size = strlen(src);
	f->model = python_parse(xstrdup(src), strlen(src));
}

/* The role bits of the function named name in file fi (first match). */
static unsigned role_of(const struct project *p, uint32_t fi, const char *name)
{
	const struct model *m = p->files[fi].model;

	for (uint32_t i = 1; i < m->n_nodes; i++)
		if (m->nodes[i].kind == NODE_FUNC && m->nodes[i].name &&
		    strcmp(m->nodes[i].name, name) == 0)
			return m->nodes[i].u.func->role;
	return 0xffffu;
}

/* The first node of kind k on line `line` of file fi. */
static const struct node *node_on_line(const struct project *p, uint32_t fi, enum node_kind k,
				       uint32_t line)
{
	const struct model *m = p->files[fi].model;

	for (uint32_t i = 1; i < m->n_nodes; i++)
		if (m->nodes[i].kind == k && m->nodes[i].line == line)
			return &m->nodes[i];
	return NULL;
}

/* Checks the roles of the FastAPI file and its callees. */
static void test_roles(const struct project *p)
{
	const struct node *n;
	size_t cnt = 0;

	ok(role_of(p, 0, "read_job") & ROLE_HANDLER, "@router.get is a handler");
	ok(!(role_of(p, 0, "read_job") & ROLE_STREAMING), "plain handler is not streaming");
	ok(role_of(p, 0, "create_job") & ROLE_HANDLER, "@router.post is a handler");
	ok(role_of(p, 0, "job_events") & ROLE_STREAMING, "StreamingResponse handler is streaming");
	ok(role_of(p, 0, "event_stream") & ROLE_STREAMING, "generator given to StreamingResponse");
	is_int(role_of(p, 0, "job_socket") & (ROLE_HANDLER | ROLE_WEBSOCKET | ROLE_STREAMING),
	       ROLE_HANDLER | ROLE_WEBSOCKET | ROLE_STREAMING, "websocket endpoint");
	ok(role_of(p, 0, "wait_for_job") & ROLE_LONGPOLL, "while + asyncio.sleep is long-poll");
	ok(!(role_of(p, 0, "read_job") & ROLE_LONGPOLL), "no loop, no long-poll");
	ok(role_of(p, 0, "send_notification") & ROLE_BACKGROUND, "add_task target is background");
	ok(role_of(p, 0, "render_email") & ROLE_BACKGROUND, "called only from background");
	ok(role_of(p, 0, "load_job") & ROLE_HANDLER_PATH, "helper called only from handlers");
	ok(!(role_of(p, 0, "load_job") & ROLE_HANDLER), "... but not a handler itself");
	ok(role_of(p, 0, "init_db") & ROLE_INIT, "init_db is init");
	ok(!(role_of(p, 0, "initiate_payment") & ROLE_INIT), "initiate_payment is not init");
	ok(role_of(p, 1, "get_session") & ROLE_DEPENDENCY, "Depends(get_session) across files");
	ok(!(role_of(p, 1, "get_session") & ROLE_HANDLER), "dependency is not a handler");
	ok(role_of(p, 2, "rebuild") & ROLE_BACKGROUND, "@celery_app.task is background");
	ok(role_of(p, 2, "refresh_totals") & ROLE_BACKGROUND, "callee of a task is background");
	ok(role_of(p, 3, "nightly") & ROLE_BACKGROUND, "file under cron/ is background");
	ok(role_of(p, 5, "order_list") & ROLE_HANDLER, "Django function view");
	ok(!(role_of(p, 5, "helper") & ROLE_HANDLER), "views.py helper without request");
	ok(role_of(p, 5, "get") & ROLE_HANDLER, "class-based view get()");
	ok(!(role_of(p, 5, "_load") & ROLE_HANDLER), "private view method");

	/* nested def inherits through index_role_at; module level is 0 */
	n = node_on_line(p, 0, NODE_RETURN, 16);
	ok(n && (index_role_at(p, 0, n) & ROLE_HANDLER), "nested function inherits handler role");
	n = node_on_line(p, 0, NODE_ASSIGN, 6);
	ok(n && index_role_at(p, 0, n) == 0, "module level has no role");
	ok(index_funcs_named(p->index, "load_job", &cnt) != NULL && cnt == 1, "funcs by name");
	ok(index_funcs_named(p->index, "no_such_function", &cnt) == NULL && cnt == 0,
	   "unknown name");
}

/* The relationship attr of the model named model, or NULL. */
static const struct orm_relationship *rel_of(const struct project *p, const char *model,
					     const char *attr)
{
	return index_model_relation(index_model_named(p->index, model), attr);
}

/* Checks the relationship facts: shapes, keys, backrefs, Django reverse
 * accessors, inheritance. */
static void test_relations(const struct project *p)
{
	const struct orm_relationship *r;

	r = rel_of(p, "Job", "owner");
	ok(r && r->fk_attr && strcmp(r->fk_attr, "owner_id") == 0 && (r->flags & ORM_REL_SCALAR),
	   "SQLAlchemy many-to-one beside its key column");
	r = rel_of(p, "Job", "steps");
	ok(r && (r->flags & ORM_REL_COLLECTION), "Mapped[list[...]] is a collection");
	r = rel_of(p, "ArchivedJob", "owner");
	ok(r && (r->flags & ORM_REL_INHERITED) && strcmp(r->lazy, "select") == 0,
	   "a subclass inherits its base model's relationships");
	r = rel_of(p, "Member", "team");
	ok(r && (r->flags & ORM_REL_REVERSE) && (r->flags & ORM_REL_SCALAR) &&
	   strcmp(r->lazy, "joined") == 0 && strcmp(r->target, "Team") == 0 &&
	   r->fk_attr && strcmp(r->fk_attr, "team_id") == 0,
	   "backref(\"team\", lazy=\"joined\") on the target, many-to-one");
	r = rel_of(p, "Team", "members");
	ok(r && (r->flags & ORM_REL_COLLECTION) && strcmp(r->reverse, "team") == 0,
	   "the declaring side of a backref is the collection");
	r = rel_of(p, "Team", "chores");
	ok(r && strcmp(r->lazy, "dynamic") == 0 && (r->flags & ORM_REL_COLLECTION),
	   "lazy=\"dynamic\" is a collection");
	r = rel_of(p, "Order", "customer");
	ok(r && (r->flags & ORM_REL_SCALAR) && strcmp(r->fk_attr, "customer_id") == 0 &&
	   strcmp(r->reverse, "order_set") == 0, "Django foreign key: key attribute and reverse");
	r = rel_of(p, "Customer", "order_set");
	ok(r && (r->flags & ORM_REL_REVERSE) && (r->flags & ORM_REL_COLLECTION) &&
	   strcmp(r->target, "Order") == 0 && strcmp(r->reverse, "customer") == 0,
	   "Django default reverse accessor <model>_set");
	r = rel_of(p, "Customer", "profile");
	ok(r && (r->flags & ORM_REL_REVERSE) && (r->flags & ORM_REL_SCALAR),
	   "Django one-to-one reverse accessor <model>");
	r = rel_of(p, "Customer", "referrals");
	ok(r && (r->flags & ORM_REL_COLLECTION) && strcmp(r->target, "Profile") == 0,
	   "related_name, with the target given as to=\"app.Model\"");
	ok(rel_of(p, "Profile", "merged_into") != NULL && rel_of(p, "Profile", "profile_set") == NULL,
	   "related_name=\"+\" adds no reverse accessor; \"self\" names the model");
	ok(rel_of(p, "Tag", "order_set") == NULL && rel_of(p, "Order", "tags") != NULL,
	   "no facts added to a model the project does not declare");
	r = index_model_relation(index_relation_owner(p->index, "User"), "profile");
	ok(r && (r->flags & ORM_REL_REVERSE) && strcmp(r->target, "Profile") == 0 &&
	   index_model_named(p->index, "User") == NULL,
	   "settings.AUTH_USER_MODEL: a stand-in User holds the reverse accessor");
	ok(index_relation_owner(p->index, "Order") == index_model_named(p->index, "Order"),
	   "a declared model is its own relation owner");
}

/* Checks ORM model discovery. */
static void test_models(const struct project *p)
{
	const struct orm_model *job = index_model_named(p->index, "Job");
	const struct orm_model *arch = index_model_named(p->index, "ArchivedJob");
	const struct orm_model *order = index_model_named(p->index, "Order");
	const struct orm_model *cust = index_model_for_table(p->index, "crm_customer");
	int i, found_lazy = 0, found_owner = 0;

	ok(job != NULL, "SQLAlchemy model found");
	if (job) {
		is_str(job->table, "jobs", "__tablename__");
		is_int(job->n_columns, 3, "columns: id, name, owner_id");
		is_int(job->n_rels, 2, "relationships are not columns");
		for (i = 0; i < job->n_rels; i++) {
			if (strcmp(job->rels[i].attr, "steps") == 0)
				found_lazy = job->rels[i].lazy && strcmp(job->rels[i].lazy, "selectin") == 0 &&
					     job->rels[i].target && strcmp(job->rels[i].target, "Step") == 0;
			if (strcmp(job->rels[i].attr, "owner") == 0)
				found_owner = job->rels[i].target && strcmp(job->rels[i].target, "User") == 0 &&
					      strcmp(job->rels[i].lazy, "select") == 0;
		}
		ok(found_lazy, "lazy=selectin and Mapped[list[\"Step\"]] target");
		ok(found_owner, "relationship(\"User\") defaults to lazy select");
	}
	ok(index_model_for_table(p->index, "jobs") == job, "model by table");
	ok(arch != NULL && !arch->is_django, "subclass of a model is a model");
	ok(index_model_named(p->index, "JobOut") == NULL, "pydantic BaseModel is not an ORM model");
	ok(index_model_named(p->index, "Base") == NULL, "the declarative base is not a model");
	ok(order != NULL && order->is_django, "Django model");
	if (order) {
		is_str(order->table, "shop_order", "Django default table name");
		is_int(order->n_columns, 2, "Django columns: customer, total");
		is_int(order->n_rels, 2, "Django relations: customer, tags");
	}
	ok(cust != NULL && strcmp(cust->name, "Customer") == 0, "Meta.db_table");
	is_int(index_n_models(p->index), 7,
	       "model count: Job, ArchivedJob, Team, Member, Order, Customer, Profile");
	is_int(index_session_factory(p->index, "SessionLocal"), SESSION_SYNC, "sync sessionmaker");
	is_int(index_session_factory(p->index, "async_session"), SESSION_ASYNC,
	       "async_sessionmaker");
	is_int(index_session_factory(p->index, "LegacyAsync"), SESSION_ASYNC,
	       "sessionmaker(class_=AsyncSession)");
	is_int(index_session_factory(p->index, "get_session"), SESSION_NONE, "not a factory");
}

int main(void)
{
	struct project p;
	char err[256];

	memset(&p, 0, sizeof p);
	if (catalog_init(NULL, err, sizeof err) != 0) {
		ok(0, "catalog_init: %s", err);
		return done_testing();
	}
	add_file(&p, "app/api/jobs.py", api_jobs);
	add_file(&p, "app/db.py", db_py);
	add_file(&p, "app/worker_tasks.py", worker_py);
	add_file(&p, "app/cron/nightly.py", cron_py);
	add_file(&p, "shop/models.py", shop_models);
	add_file(&p, "shop/views.py", shop_views);
	p.index = index_build(&p, 2);
	ok(p.index != NULL, "index built");
	test_roles(&p);
	test_models(&p);
	test_relations(&p);
	index_free(p.index);
	for (size_t i = 0; i < p.n_files; i++) {
		model_free(p.files[i].model);
		free(p.files[i].path);
	}
	free(p.files);
	catalog_free();
	return done_testing();
}
