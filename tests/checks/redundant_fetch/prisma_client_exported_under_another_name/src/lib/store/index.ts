import { PrismaClient } from "@prisma/client";

declare global {
  var pantryStore: PrismaClient | undefined;
}

// the project's one client, under a name of its own
export const store = globalThis.pantryStore ?? new PrismaClient();
