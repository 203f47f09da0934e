// Prisma's pg adapter takes pg Pool options.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL }); // expect: pool_configuration LOW
export const prisma = new PrismaClient({ adapter });

const sizedAdapter = new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 20 });
export const sizedPrisma = new PrismaClient({ adapter: sizedAdapter });
