import { PrismaClient } from "@prisma/client";
import { createSafeActionClient } from "next-safe-action";

export const db = new PrismaClient();
export const actionClient = createSafeActionClient();
