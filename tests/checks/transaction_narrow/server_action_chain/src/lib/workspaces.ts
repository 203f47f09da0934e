import { readFileSync } from "node:fs";
import { db } from "./db";

export async function createWorkspace(ownerId: string, name: string) {
  return db.workspace.create({ data: { ownerId, name } });
}

export async function adoptDrafts(ownerId: string, workspaceId: string) {
  await db.draft.updateMany({ where: { ownerId, workspaceId: null }, data: { workspaceId } });
}

export function loadBranding(): string {
  return readFileSync("branding.json", "utf8");
}
