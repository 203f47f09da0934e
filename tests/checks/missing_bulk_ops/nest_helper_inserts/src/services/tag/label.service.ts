// Label helpers: one INSERT per call, and a list variant.
import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class LabelService {
  public constructor(private readonly prismaService: PrismaService) {}

  public async createLabel(data: Prisma.LabelCreateInput) {
    return this.prismaService.label.create({ data });
  }

  public async createLabels(data: Prisma.LabelCreateManyInput[]) {
    return this.prismaService.label.createMany({ data, skipDuplicates: true });
  }

  public async saveLabel(id: string, data: Prisma.LabelCreateInput) {
    return this.prismaService.label.upsert({ create: data, update: data, where: { id } });
  }
}
