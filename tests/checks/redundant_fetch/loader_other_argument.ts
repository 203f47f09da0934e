// path: src/docs/doc.controller.ts
// stack: @nestjs/common kysely
// A permission loader keyed by (user, folder). The handler loads it, then
// a guard loads it again: with the same folder that is one query too
// many; with another document's folder it is another row.
import { Injectable, Controller, Post, Body } from '@nestjs/common';
import { Kysely } from 'kysely';

type Doc = { id: string; folderId: string };

@Injectable()
export class FolderAccess {
  constructor(private readonly db: Kysely<any>) {}

  async rolesFor(userId: string, folderId: string) {
    return this.db.selectFrom('folder_members').select(['role']).where('userId', '=', userId).where('folderId', '=', folderId).execute();
  }
}

@Injectable()
export class DocGuard {
  constructor(private readonly access: FolderAccess) {}

  async checkEdit(doc: Doc, userId: string) {
    const roles = await this.access.rolesFor(userId, doc.folderId);
    if (!roles.some((r) => r.role === 'editor')) throw new Error('forbidden');
  }
}

@Controller('docs')
export class DocController {
  constructor(private readonly db: Kysely<any>, private readonly access: FolderAccess, private readonly guard: DocGuard) {}

  @Post('rename')
  async rename(@Body() body: { docId: string; userId: string }) {
    const doc = await this.db.selectFrom('docs').select(['id', 'folderId']).where('id', '=', body.docId).executeTakeFirstOrThrow();
    const userId = body.userId;
    const roles = await this.access.rolesFor(userId, doc.folderId);
    if (roles.length === 0) throw new Error('not a member');
    await this.guard.checkEdit(doc, userId); // expect: redundant_fetch HIGH
    return doc;
  }

  // Look-alike: the guard reloads for the target's folder, another row.
  @Post('move')
  async move(@Body() body: { docId: string; targetId: string; userId: string }) {
    const doc = await this.db.selectFrom('docs').select(['id', 'folderId']).where('id', '=', body.docId).executeTakeFirstOrThrow();
    const target = await this.db.selectFrom('docs').select(['id', 'folderId']).where('id', '=', body.targetId).executeTakeFirstOrThrow();
    const userId = body.userId;
    const roles = await this.access.rolesFor(userId, doc.folderId);
    if (roles.length === 0) throw new Error('not a member');
    await this.guard.checkEdit(target, userId);
    return doc;
  }
}
