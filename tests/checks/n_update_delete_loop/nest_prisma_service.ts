// path: src/app/activities/activities.service.ts
// stack: @nestjs/core @nestjs/common @prisma/client
// A Nest provider reaching Prisma through an injected PrismaService (the
// Nest recipe: `class PrismaService extends PrismaClient`): one statement
// per row of a query result, written as for...of and Promise.all(map).
import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../../services/prisma/prisma.service';

@Injectable()
export class ActivitiesService {
  public constructor(private readonly prismaService: PrismaService) {}

  public async assignTags(userId: string, tagIds: string[]) {
    const activities = await this.prismaService.order.findMany({ where: { userId } });
    await Promise.all(
      activities.map((activity) => {
        return this.prismaService.order.update({ // expect: n_update_delete_loop HIGH
          data: { tags: { set: tagIds.map((id) => ({ id })) } },
          where: { id: activity.id }
        });
      })
    );
  }

  public async purgeProfiles(userId: string) {
    const profiles = await this.prismaService.symbolProfile.findMany({ where: { userId } });
    for (const { id } of profiles) {
      await this.prismaService.symbolProfile.delete({ where: { id } }); // expect: n_update_delete_loop HIGH
    }
  }

  public async importTags(userId: string, tags: Prisma.TagCreateInput[]) {
    for (const tag of tags) {
      await this.prismaService.tag.create({ data: { ...tag, user: { connect: { id: userId } } } }); // expect: missing_bulk_ops MEDIUM
    }
  }

  public async statistics(currencies: string[]) {
    const profiles = await this.prismaService.symbolProfile.findMany({ where: { currency: { in: currencies } } });
    return Promise.all(
      profiles.map(async ({ currency }) => {
        return this.prismaService.order.aggregate({ _count: true, where: { SymbolProfile: { currency } } }); // expect: n_plus_one MEDIUM
      })
    );
  }

  // Look-alikes: one set-based statement, a batch transaction of the
  // per-row updates, a single update outside any loop.
  public async archive(userId: string) {
    const activities = await this.prismaService.order.findMany({ where: { userId } });
    await this.prismaService.order.updateMany({
      data: { isDraft: false },
      where: { id: { in: activities.map(({ id }) => id) } }
    });
    await this.prismaService.$transaction(
      activities.map(({ id }, i) => {
        return this.prismaService.order.update({ data: { position: i }, where: { id } });
      })
    );
    return this.prismaService.order.update({ data: { comment: null }, where: { id: activities[0].id } });
  }
}
