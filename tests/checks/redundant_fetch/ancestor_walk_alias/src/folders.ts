import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();

// Loads the folder only to compare its owner.
export async function canOpenFolder(userId: string, folderId: string) {
  const folder = await prisma.folder.findUnique({ where: { id: folderId } });
  return folder?.ownerId === userId;
}

// Walks up from the folder: its first step loads the folder itself again,
// through a local that starts as the parameter.
export async function folderPath(folderId: string) {
  const names: string[] = [];
  let cursor: string | null = folderId;
  while (cursor) {
    const step = await prisma.folder.findUnique({ where: { id: cursor } });
    if (!step) break;
    names.unshift(step.name);
    cursor = step.parentId;
  }
  return names;
}

// The walk starts from the folder's share link, a row of its own.
export async function sharedPath(folderId: string) {
  const names: string[] = [];
  const link = await prisma.shareLink.findFirst({ where: { folderId } });
  let cursor: string | null = link ? link.rootId : null;
  while (cursor) {
    const step = await prisma.folder.findUnique({ where: { id: cursor } });
    if (!step) break;
    names.unshift(step.name);
    cursor = step.parentId;
  }
  return names;
}
