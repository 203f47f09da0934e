import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { AccountsService } from '../accounts/accounts.service';

@Injectable()
export class FoldersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly accounts: AccountsService,
  ) {}

  async getFolder(folderId: string) {
    return this.prisma.folder.findUnique({ where: { id: folderId } });
  }

  async snapshot(ownerId: string, folderId: string) {
    const folder = await this.getFolder(folderId);
    const notes = await this.prisma.note.findMany({ where: { folderId } });
    return { folder, notes, ownerId };
  }

  // the folder is loaded, then its id alone goes to snapshot(), which
  // loads it again through the same loader
  async copyFolder(folderId: string) {
    const folder = await this.getFolder(folderId);
    if (!folder) return null;
    const snap = await this.snapshot(folder.ownerId, folderId); // expect: redundant_fetch MEDIUM
    return this.prisma.folder.create({ data: { title: `${folder.title} (copy)`, ownerId: snap.ownerId } });
  }

  // the same in another service: the account found by email is found again
  async share(folderId: string, email: string) {
    const account = await this.accounts.byEmail(email);
    if (!account) return null;
    return this.accounts.grantWithEmail(folderId, email); // expect: redundant_fetch MEDIUM
  }

  // look-alike: the folder is renamed in between; the reload reads the new title
  async renameAndSnapshot(folderId: string, title: string) {
    const folder = await this.getFolder(folderId);
    await this.prisma.folder.update({ where: { id: folderId }, data: { title } });
    return this.snapshot(folder.ownerId, folderId);
  }

  // look-alike: the callee writes first, so its lookup is not the same read
  async refresh(email: string) {
    const account = await this.accounts.byEmail(email);
    return { account, fresh: await this.accounts.touchThenLoad(email) };
  }

  // look-alike: the call is on the other branch; no row was loaded there
  async openOrExport(folderId: string, exportIt: boolean) {
    if (!exportIt) {
      const folder = await this.getFolder(folderId);
      return folder;
    } else {
      return this.snapshot('system', folderId);
    }
  }

  // look-alike: the key is replaced before the call
  async moveUnder(folderId: string, parentId: string) {
    let id = folderId;
    const folder = await this.getFolder(id);
    id = folder?.parentId ?? parentId;
    return this.snapshot(folder.ownerId, id);
  }
}
