// path: src/folders/folder.service.ts
// stack: @nestjs/core @nestjs/common @prisma/client
// A Prisma create whose data nests writes of its relations (`children: {
// create: [...] }`) has no multi-row form: createMany takes flat rows.
// Importing a tree one root at a time is not a missing bulk insert; a
// flat row per item (a `connect` is only a foreign key) is, and so is one
// that links shared rows with `connectOrCreate` (tags): the rows go in one
// createMany and the links in a second statement.
import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

type Folder = { name: string; notes: { text: string }[]; folders: Folder[] };

@Injectable()
export class FolderService {
  constructor(private readonly prisma: PrismaService) {}

  private toCreateInput(f: Folder, ownerId: string): Prisma.FolderCreateInput {
    return {
      name: f.name,
      owner: { connect: { id: ownerId } },
      notes: { create: f.notes.map((n) => ({ text: n.text })) },
      children: { create: f.folders.map((c) => this.toCreateInput(c, ownerId)) },
    };
  }

  // Look-alike: the rows come from a builder whose objects nest creates.
  async importTrees(roots: Folder[], ownerId: string) {
    const inputs = roots.map((r) => this.toCreateInput(r, ownerId));
    await this.prisma.$transaction(async (tx) => {
      const made = inputs.map((input) => tx.folder.create({ data: { ...input } }));
      await Promise.all(made);
    });
  }

  // Look-alike: the nested create written in place.
  async importFlat(roots: Folder[], ownerId: string) {
    for (const r of roots) {
      await this.prisma.folder.create({
        data: { name: r.name, ownerId, notes: { create: r.notes } },
      });
    }
  }

  // One flat row per item: createMany does it in one statement.
  async importNames(roots: Folder[], ownerId: string) {
    for (const r of roots) {
      await this.prisma.folder.create({ data: { name: r.name, owner: { connect: { id: ownerId } } } }); // expect: missing_bulk_ops MEDIUM
    }
  }

  async importTagged(roots: { name: string; tags: string[] }[], ownerId: string) {
    for (const r of roots) {
      await this.prisma.folder.create({ // expect: missing_bulk_ops MEDIUM
        data: {
          name: r.name,
          ownerId,
          tags: {
            connectOrCreate: r.tags.map((t) => ({
              where: { name_ownerId: { name: t, ownerId } },
              create: { name: t, ownerId },
            })),
          },
        },
      });
    }
  }
}
