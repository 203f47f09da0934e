import { unlink } from "node:fs/promises";

export async function dropPhoto(recipeId: number, path: string | null) {
  if (path) await unlink(path);
}

export function describe(recipe: { title: string }) {
  return recipe.title.toUpperCase();
}
