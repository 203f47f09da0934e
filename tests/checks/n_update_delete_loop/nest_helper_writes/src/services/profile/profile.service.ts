// Thin Prisma helpers on a Nest provider: one row per call, except the
// two that take a list.
import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class ProfileService {
  public constructor(private readonly prismaService: PrismaService) {}

  public async removeProfile(id: string) {
    return this.prismaService.assetProfile.delete({ where: { id } });
  }

  public async renameProfile(id: string, name: string) {
    await this.prismaService.assetProfile.update({ data: { name }, where: { id } });
  }

  public async removeProfiles(ids: string[]) {
    return this.prismaService.assetProfile.deleteMany({ where: { id: { in: ids } } });
  }

  public async touchOwner(userId: string) {
    return this.prismaService.user.update({ data: { updatedAt: new Date() }, where: { id: userId } });
  }
}
