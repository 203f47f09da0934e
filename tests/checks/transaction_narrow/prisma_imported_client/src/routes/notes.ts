// The client comes from a module of the project; the callback still
// writes through it instead of its transaction.
import { prisma } from '../lib/db';

export async function archiveNotebook(notebookId: number, userId: number) {
  await prisma.$transaction(async (tx) => { // expect: transaction_narrow MEDIUM
    await prisma.note.updateMany({ where: { notebookId }, data: { archived: true } });
    await prisma.notebook.update({ where: { id: notebookId }, data: { archivedBy: userId } });
  });
}

// Look-alike: the same writes on the transaction handle.
export async function restoreNotebook(notebookId: number) {
  await prisma.$transaction(async (tx) => {
    await tx.note.updateMany({ where: { notebookId }, data: { archived: false } });
    await tx.notebook.update({ where: { id: notebookId }, data: { archivedBy: null } });
  });
}
