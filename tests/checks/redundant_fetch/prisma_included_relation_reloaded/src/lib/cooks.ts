import { prisma } from "./prisma";

type Who = { cookId: number; viewerId: number };

// loads the cook again by the key it is handed
export async function mayCook({ cookId, viewerId }: Who) {
  const cook = await prisma.cook.findUnique({ where: { id: cookId } });
  return cook !== null && !cook.banned && cook.id === viewerId;
}
