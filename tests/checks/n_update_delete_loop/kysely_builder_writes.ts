// path: src/routes/tags.ts
// stack: express kysely
// Kysely statements start on the database handle with their verb:
// `deleteFrom`, `updateTable`, `insertInto`, `selectFrom`, and run with
// `execute()` / `executeTakeFirst()`.
import express from 'express';
import { Kysely, sql } from 'kysely';

const db = new Kysely<any>({} as any);
export const tags = express.Router();

// One DELETE and one INSERT per tag of the owner.
tags.post('/purge', async (req, res) => {
  const rows = await db.selectFrom('tags').select(['id']).where('ownerId', '=', req.body.ownerId).execute();
  for (const row of rows) {
    await db.deleteFrom('tag_links').where('tagId', '=', row.id).execute(); // expect: n_update_delete_loop HIGH
    await db.insertInto('tag_log').values({ tagId: row.id, action: 'purge' }).execute(); // expect: missing_bulk_ops MEDIUM
  }
  res.sendStatus(204);
});

// One UPDATE per tag.
tags.post('/reset', async (req, res) => {
  const rows = await db.selectFrom('tags').select(['id']).where('ownerId', '=', req.body.ownerId).execute();
  for (const row of rows) {
    await db.updateTable('tag_stats').set({ uses: 0 }).where('tagId', '=', row.id).execute(); // expect: n_update_delete_loop HIGH
  }
  res.sendStatus(204);
});

// Look-alike: the same work as one statement each.
tags.post('/purge-at-once', async (req, res) => {
  const rows = await db.selectFrom('tags').select(['id']).where('ownerId', '=', req.body.ownerId).execute();
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) {
    await db.deleteFrom('tag_links').where('tagId', 'in', ids).execute();
    await db.insertInto('tag_log').values(ids.map((tagId) => ({ tagId, action: 'purge' }))).execute();
  }
  res.sendStatus(204);
});

// Look-alike: a builder kept and passed on is not run in the loop.
tags.get('/queries', async (req, res) => {
  const parts = [];
  for (const t of req.body.tables as string[]) {
    parts.push(db.deleteFrom(t).where('ownerId', '=', req.body.ownerId).compile().sql);
  }
  res.json(parts);
});

// Look-alike: a select compiled per tag, never run.
tags.get('/selects', async (req, res) => {
  const rows = await db.selectFrom('tags').select(['id']).where('ownerId', '=', req.query.ownerId as string).execute();
  const parts = [];
  for (const row of rows) {
    parts.push(await db.selectFrom('tag_meta').selectAll().where('tagId', '=', row.id).compile());
  }
  res.json(parts);
});

// A SQL template run on the database, once per tag.
tags.post('/unlink', async (req, res) => {
  const rows = await db.selectFrom('tags').select(['id']).where('ownerId', '=', req.body.ownerId).execute();
  for (const { id } of rows) {
    await sql`DELETE FROM tag_links WHERE tag_id = ${id}`.execute(db); // expect: n_update_delete_loop HIGH
  }
  res.sendStatus(204);
});

// Look-alike: a SQL template compiled per tag, never run.
tags.get('/unlink-sql', async (req, res) => {
  const rows = await db.selectFrom('tags').select(['id']).where('ownerId', '=', req.query.ownerId as string).execute();
  res.json(rows.map(({ id }) => sql`DELETE FROM tag_links WHERE tag_id = ${id}`.compile(db)));
});
