// better-sqlite3 runs a transaction synchronously: it commits as soon as
// the callback returns. An async callback returns at its first `await`,
// so every awaited statement runs after the COMMIT, in autocommit.
import { eq } from "drizzle-orm";
import { db } from "../db";
import { notes, noteLinks, quotas } from "../schema";

// Two awaited writes (a note's new body and the removal of its stale
// links): not atomic.
export async function rewriteNote(id: string, body: string) {
  await db.transaction(async (tx) => { // expect: transaction_narrow HIGH
    await tx.update(notes).set({ body }).where(eq(notes.id, id));
    await tx.delete(noteLinks).where(eq(noteLinks.noteId, id));
  });
}

// A check and the write it guards: not atomic either.
export async function takeQuota(userId: string) {
  await db.transaction(async (tx) => { // expect: transaction_narrow MEDIUM
    const q = await tx.select().from(quotas).where(eq(quotas.userId, userId));
    if (q.length === 0) {
      throw new Error("no quota");
    }
    await tx.update(quotas).set({ used: q[0].used + 1 }).where(eq(quotas.userId, userId));
  });
}

// Look-alike: a synchronous callback with the synchronous runners; the
// transaction holds both writes.
export function createNoteSync(userId: string, body: string) {
  return db.transaction((tx) => {
    const note = tx.insert(notes).values({ userId, body }).returning().get();
    tx.insert(noteLinks).values({ noteId: note.id, url: "" }).run();
    return note;
  });
}

// Look-alike: one awaited write, nothing to keep together.
export async function touch(id: string) {
  await db.transaction(async (tx) => {
    await tx.update(notes).set({ touchedAt: new Date() }).where(eq(notes.id, id));
  });
}

// Look-alike for long_held_transaction: a long async callback holds
// nothing past its first `await` (its lost atomicity is reported).
export async function archive(id: string) {
  await db.transaction(async (tx) => { // expect: transaction_narrow HIGH
    const [note] = await tx.select().from(notes).where(eq(notes.id, id));
    console.log("step 0", note.id);
    console.log("step 1", note.id);
    console.log("step 2", note.id);
    console.log("step 3", note.id);
    console.log("step 4", note.id);
    console.log("step 5", note.id);
    console.log("step 6", note.id);
    console.log("step 7", note.id);
    console.log("step 8", note.id);
    console.log("step 9", note.id);
    console.log("step 10", note.id);
    console.log("step 11", note.id);
    console.log("step 12", note.id);
    console.log("step 13", note.id);
    console.log("step 14", note.id);
    console.log("step 15", note.id);
    console.log("step 16", note.id);
    console.log("step 17", note.id);
    console.log("step 18", note.id);
    console.log("step 19", note.id);
    console.log("step 20", note.id);
    console.log("step 21", note.id);
    console.log("step 22", note.id);
    console.log("step 23", note.id);
    console.log("step 24", note.id);
    console.log("step 25", note.id);
    console.log("step 26", note.id);
    console.log("step 27", note.id);
    console.log("step 28", note.id);
    console.log("step 29", note.id);
    console.log("step 30", note.id);
    console.log("step 31", note.id);
    console.log("step 32", note.id);
    console.log("step 33", note.id);
    console.log("step 34", note.id);
    console.log("step 35", note.id);
    console.log("step 36", note.id);
    console.log("step 37", note.id);
    console.log("step 38", note.id);
    console.log("step 39", note.id);
    console.log("step 40", note.id);
    console.log("step 41", note.id);
    console.log("step 42", note.id);
    console.log("step 43", note.id);
    console.log("step 44", note.id);
    console.log("step 45", note.id);
    console.log("step 46", note.id);
    console.log("step 47", note.id);
    console.log("step 48", note.id);
    console.log("step 49", note.id);
    console.log("step 50", note.id);
    console.log("step 51", note.id);
    console.log("step 52", note.id);
    console.log("step 53", note.id);
    console.log("step 54", note.id);
    await tx.update(notes).set({ archived: true }).where(eq(notes.id, note.id));
    await tx.delete(noteLinks).where(eq(noteLinks.noteId, note.id));
  });
}

// A parent row and its child inserted with awaited builders (`insert`
// starts the statement, no running link): the child's INSERT runs after
// the COMMIT.
export async function createNote(userId: string, url: string) {
  await db.transaction(async (tx) => { // expect: transaction_narrow HIGH
    const [note] = await tx.insert(notes).values({ userId, body: "" }).returning();
    await tx.insert(noteLinks).values({ noteId: note.id, url });
  });
}

// Look-alike: one awaited insert, nothing to keep together.
export async function addLink(noteId: string, url: string) {
  await db.transaction(async (tx) => {
    await tx.insert(noteLinks).values({ noteId, url }).onConflictDoNothing();
  });
}
