// The search index is updated from inside the transaction: the client
// lives in another module of the project.
import { PrismaClient } from '@prisma/client';
import { searchClient, searchSettings } from '../lib/search';

const prisma = new PrismaClient();

export async function deleteNotebook(notebookId: number) {
  await prisma.$transaction(async (tx) => {
    const notes = await tx.note.findMany({ where: { notebookId }, select: { id: true } });
    await searchClient.index('notes').deleteDocuments(notes.map((n) => n.id)); // expect: transaction_wide HIGH
    await tx.note.deleteMany({ where: { notebookId } });
  });
}

// Look-alike: the index is updated after the transaction commits, and
// the settings object inside it is no client.
export async function clearNotebook(notebookId: number) {
  const ids = await prisma.$transaction(async (tx) => {
    const notes = await tx.note.findMany({ where: { notebookId }, select: { id: true }, take: searchSettings.batch });
    await tx.note.deleteMany({ where: { notebookId } });
    return notes.map((n) => n.id);
  });
  await searchClient.index(searchSettings.index).deleteDocuments(ids);
}
