import { store } from "./store";
import { shelf } from "./shelf";

// reads the cook again, through the exported client
export async function cookMayEdit(cookId: number, viewerId: number) {
  const cook = await store.cook.findUnique({ where: { id: cookId } });
  return cook !== null && !cook.banned && cook.id === viewerId;
}

// reads the cook from the in-process shelf: no query
export async function cookOnShelf(cookId: number) {
  const cook = await shelf.cook.findUnique({ where: { id: cookId } });
  return cook !== null && !cook.banned;
}
