import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class AccountsService {
  constructor(private readonly prisma: PrismaService) {}

  async byEmail(email: string) {
    return this.prisma.account.findUnique({ where: { email } });
  }

  async grantWithEmail(folderId: string, email: string) {
    const account = await this.byEmail(email);
    if (!account) return null;
    return this.prisma.grant.create({ data: { folderId, accountId: account.id } });
  }

  // writes before it looks the account up: the lookup sees the new state
  async touchThenLoad(email: string) {
    await this.prisma.account.update({ where: { email }, data: { seenAt: new Date() } });
    return this.byEmail(email);
  }
}
