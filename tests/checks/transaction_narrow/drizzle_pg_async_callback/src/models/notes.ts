// Look-alike: Drizzle over node-postgres keeps the transaction open
// across the async callback's awaits (BEGIN, the statements, COMMIT on
// one pooled client), so both writes commit together.
import { eq } from "drizzle-orm";
import { db } from "../db";
import { notes, noteLinks } from "../schema";

export async function rewriteNote(id: string, body: string) {
  await db.transaction(async (tx) => {
    await tx.update(notes).set({ body }).where(eq(notes.id, id));
    await tx.delete(noteLinks).where(eq(noteLinks.noteId, id));
  });
}
