import { prisma } from '../../../lib/prisma';

export default async function updateNoteById(userId: number, noteId: number, title: string) {
  return prisma.note.update({ where: { id: noteId, ownerId: userId }, data: { title } });
}
