import { prisma } from './prisma';

type Args = { userId: number; boardId?: number; cardId?: number };

// Loads the board (with its members) to answer whether the user may act.
export default async function getAccess({ userId, boardId, cardId }: Args) {
  if (cardId) {
    return prisma.board.findFirst({
      where: { cards: { some: { id: cardId } } },
      include: { members: true },
    });
  }
  return prisma.board.findFirst({
    where: { id: boardId, OR: [{ ownerId: userId }, { members: { some: { userId } } }] },
    include: { members: true },
  });
}

// Walks from a board up to its root board, loading each level.
export async function getRootBoard(boardId: number) {
  let board = await prisma.board.findUnique({ where: { id: boardId } });
  while (board?.parentId) {
    board = await prisma.board.findUnique({ where: { id: board.parentId } });
  }
  return board;
}

export async function logAccess(boardId: number, userId: number) {
  return prisma.accessLog.create({ data: { boardId, userId } });
}
