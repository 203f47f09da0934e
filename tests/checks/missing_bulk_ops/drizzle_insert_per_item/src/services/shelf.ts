// Drizzle's insert builder starts on the handle with its verb and runs
// when awaited: `db.insert(t).values(v)`, with or without
// `.onConflictDoNothing()` / `.returning()`.
import { eq } from "drizzle-orm";
import { db } from "./db";
import { books, shelfItems, visits } from "./schema";

// One INSERT per title of the request's list.
export async function addTitles(shelfId: string, titles: string[]) {
  for (const title of titles) {
    await db.insert(books).values({ shelfId, title }); // expect: missing_bulk_ops MEDIUM
  }
}

// One INSERT ... RETURNING per item, run through the transaction handle.
export async function shelveAll(shelfId: string, bookIds: string[]) {
  await db.transaction(async (tx) => {
    await Promise.all(bookIds.map((bookId) => tx.insert(shelfItems).values({ shelfId, bookId }).returning())); // expect: missing_bulk_ops MEDIUM
  });
}

// Look-alike: one multi-row INSERT with the whole list.
export async function addTitlesAtOnce(shelfId: string, titles: string[]) {
  if (titles.length === 0) return;
  await db
    .insert(books)
    .values(titles.map((title) => ({ shelfId, title })))
    .onConflictDoNothing();
}

// Look-alike: one INSERT per request, no loop.
export async function recordVisit(shelfId: string) {
  await db.insert(visits).values({ shelfId, at: new Date() });
}

// Look-alike: statements built per title, never run (their SQL is kept).
export function previewInserts(shelfId: string, titles: string[]) {
  const sql: string[] = [];
  for (const title of titles) {
    sql.push(db.insert(books).values({ shelfId, title }).toSQL().sql);
  }
  return sql;
}


type Step =
  | { kind: "shelve"; bookId: string }
  | { kind: "unshelve"; bookId: string }
  | { kind: "pin"; bookId: string };

// Look-alike: one step per item, each its own arm of a switch on the
// item's kind (one arm inserts, the others update or delete): commands,
// not rows to batch.
export class StepRunner {
  constructor(private shelfId: string) {}

  async runAll(steps: Step[]) {
    return Promise.allSettled(steps.map((s) => this.run(s)));
  }

  async run(step: Step) {
    switch (step.kind) {
      case "shelve":
        await db.insert(shelfItems).values([{ shelfId: this.shelfId, bookId: step.bookId }]).onConflictDoNothing();
        return "shelved";
      case "unshelve":
        await db.delete(shelfItems).where(eq(shelfItems.bookId, step.bookId));
        return "unshelved";
      case "pin":
        await db.update(shelfItems).set({ pinned: true }).where(eq(shelfItems.bookId, step.bookId));
        return "pinned";
    }
  }
}
