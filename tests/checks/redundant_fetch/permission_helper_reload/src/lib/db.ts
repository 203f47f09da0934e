import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();

export async function findProject(args: { where: { id: string } }) {
  return prisma.project.findUnique(args);
}

export async function getProject(projectId: string) {
  return findProject({ where: { id: projectId } });
}

export async function getMembership(projectId: string, userId: string) {
  return prisma.membership.findFirst({ where: { projectId, userId } });
}

export async function touchProject(projectId: string) {
  return prisma.project.update({ where: { id: projectId }, data: { touchedAt: new Date() } });
}
