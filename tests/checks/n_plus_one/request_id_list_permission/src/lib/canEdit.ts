import { prisma } from "./prisma";

// One folder lookup with its members, by note id.
export default async function canEdit(userId: number, noteId: number) {
  const folder = await prisma.folder.findFirst({
    where: { notes: { some: { id: noteId } } },
    include: { members: true },
  });
  return folder?.ownerId === userId || !!folder?.members.some((m) => m.userId === userId);
}
