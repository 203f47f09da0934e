import { Injectable } from '@nestjs/common';
import { Prisma, Tag } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class TagService {
  public constructor(private readonly prismaService: PrismaService) {}

  public async createTag(data: Prisma.TagCreateInput): Promise<Tag> {
    return this.prismaService.tag.create({ data });
  }

  public async getTag(where: Prisma.TagWhereUniqueInput): Promise<Tag | null> {
    return this.prismaService.tag.findUnique({ where });
  }

  public async deleteTag(where: Prisma.TagWhereUniqueInput): Promise<Tag> {
    return this.prismaService.tag.delete({ where });
  }

  public async getTagsForUser(userId: string) {
    return this.prismaService.tag.findMany({ where: { userId } });
  }

  public async createTags(data: Prisma.TagCreateManyInput[]) {
    return this.prismaService.tag.createMany({ data });
  }
}
