import { prisma } from '../lib/prisma';
import getAccess, { getRootBoard, logAccess } from '../lib/access';

// The board is loaded, then only its id goes to the access helper, which
// loads the same board again.
export async function moveCard(userId: number, boardId: number, cardId: number) {
  const board = await prisma.board.findUnique({ where: { id: boardId } });
  if (!board) return { status: 404 };

  const access = await getAccess({ userId, boardId: board.id }); // expect: redundant_fetch MEDIUM
  if (access?.ownerId !== userId) return { status: 403 };

  await prisma.card.update({ where: { id: cardId }, data: { boardId: board.id } });
  return { status: 200, board };
}

// The access helper loads the parent board by the posted parentId, then
// the root walk loads the same board by it again.
export async function createChild(userId: number, input: { name: string; parentId: number }) {
  const access = await getAccess({ userId, boardId: input.parentId });
  if (access?.ownerId !== userId) return { status: 403 };

  const root = await getRootBoard(input.parentId); // expect: redundant_fetch MEDIUM
  return prisma.board.create({ data: { name: input.name, parentId: input.parentId, rootId: root?.id } });
}

// Look-alike: the helper only writes a log row by the id.
export async function openBoard(userId: number, boardId: number) {
  const board = await prisma.board.findUnique({ where: { id: boardId } });
  if (!board) return { status: 404 };
  await logAccess(board.id, userId);
  return { status: 200, board };
}

// Look-alike: the card is loaded, and the helper loads its board (another
// model) by the card's id.
export async function showCard(userId: number, cardId: number) {
  const card = await prisma.card.findUnique({ where: { id: cardId } });
  if (!card) return { status: 404 };
  const access = await getAccess({ userId, cardId: card.id });
  return { status: access ? 200 : 403, card };
}

// Look-alike: the same user id goes to two access checks of two different
// boards; the user id only filters the rows, it is not their key.
export async function copyCard(userId: number, fromId: number, toId: number) {
  const from = await getAccess({ userId, boardId: fromId });
  const to = await getAccess({ userId, boardId: toId });
  return Boolean(from && to);
}

// Look-alike: the two walks sit in different cases of a switch; one runs.
export async function onBoardEvent(kind: string, event: { boardId: number }) {
  switch (kind) {
    case 'opened':
      await getRootBoard(event.boardId);
      break;
    case 'moved':
      await getRootBoard(event.boardId);
      break;
  }
}
