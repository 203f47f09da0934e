import { prisma } from "./prisma";
import canEdit from "./canEdit";

// The ids come from the request body: one permission query per id the
// client sends (SPEC 11: a query per item of parsed input).
export async function archiveNotes(userId: number, noteIds: number[]) {
  for (const noteId of noteIds) {
    const allowed = await canEdit(userId, noteId); // expect: n_plus_one HIGH
    if (!allowed) return { status: 403 };
  }
  await prisma.note.updateMany({ where: { id: { in: noteIds } }, data: { archived: true } });
  return { status: 200 };
}

export async function pinNotes(userId: number, ids: Array<number>) {
  const checks = await Promise.all(ids.map((id) => canEdit(userId, id))); // expect: n_plus_one HIGH
  return checks.every(Boolean);
}

// Look-alike: a list of objects the caller built; where they come from
// is not known here (a schema diff, rows already loaded): left silent.
export type Draft = { id: number; title: string };
export async function publishDrafts(userId: number, drafts: Draft[]) {
  const ok = await Promise.all(drafts.map((d) => canEdit(userId, d.id)));
  return ok.every(Boolean);
}

// Look-alikes: one set-based check for all ids; a fixed pair of folders.
export async function trashNotes(userId: number, noteIds: number[]) {
  const owned = await prisma.note.count({ where: { id: { in: noteIds }, ownerId: userId } });
  return owned === noteIds.length;
}

export async function canMoveBetween(userId: number, fromNote: number, toNote: number) {
  for (const id of [fromNote, toNote]) {
    if (!(await canEdit(userId, id))) return false;
  }
  return true;
}
