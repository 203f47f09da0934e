// Drizzle's write builders start on the handle with their verb and run
// when awaited, with no running link: `db.update(t).set(v).where(...)`,
// `tx.delete(t).where(...)`.
import { and, eq, inArray } from "drizzle-orm";
import { db } from "./db";
import { tickets, ticketTags, ticketLog } from "./schema";

// One UPDATE per stale ticket of the query.
export async function closeStale(ownerId: string) {
  const stale = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.ownerId, ownerId));
  for (const t of stale) {
    await db // expect: n_update_delete_loop HIGH
      .update(tickets)
      .set({ status: "closed" })
      .where(eq(tickets.id, t.id));
  }
}

// One DELETE per ticket, run through the transaction handle.
export async function untagAll(ids: string[]) {
  await db.transaction(async (tx) => {
    await Promise.all(ids.map((id) => tx.delete(ticketTags).where(eq(ticketTags.ticketId, id)))); // expect: n_update_delete_loop HIGH
  });
}

// Look-alike: one set-based UPDATE, no loop.
export async function closeMany(ids: string[]) {
  await db.update(tickets).set({ status: "closed" }).where(inArray(tickets.id, ids));
}

// Look-alike: statements built per ticket, never run (their SQL is kept).
export function previewCloses(ids: string[]) {
  const parts: string[] = [];
  for (const id of ids) {
    parts.push(db.update(tickets).set({ status: "closed" }).where(eq(tickets.id, id)).toSQL().sql);
  }
  return parts;
}

// Look-alike: the same progress row on every pass.
export async function countDone(runId: string, items: string[]) {
  let done = 0;
  for (const item of items) {
    console.log(item);
    done++;
    await db.update(ticketLog).set({ done }).where(eq(ticketLog.id, runId));
  }
}

type Command =
  | { kind: "close"; ticketId: string }
  | { kind: "reopen"; ticketId: string }
  | { kind: "untag"; ticketId: string; tagId: string };

// Look-alike: one command per item, each its own arm of a switch on the
// item's kind (close, reopen, untag): commands, not rows to batch.
export class CommandRunner {
  async runAll(commands: Command[]) {
    await Promise.allSettled(commands.map((c) => this.run(c)));
  }

  async run(command: Command) {
    switch (command.kind) {
      case "close":
        await db.update(tickets).set({ status: "closed" }).where(eq(tickets.id, command.ticketId));
        return "closed";
      case "reopen":
        await db.update(tickets).set({ status: "open" }).where(eq(tickets.id, command.ticketId));
        return "reopened";
      case "untag":
        await db
          .delete(ticketTags)
          .where(and(eq(ticketTags.ticketId, command.ticketId), eq(ticketTags.tagId, command.tagId)));
        return "untagged";
    }
  }
}
