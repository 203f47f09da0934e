// The project's own settings store: its `get` reads a row.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class SettingsService {
  constructor(private readonly prisma: PrismaService) {}

  async get(name: string) {
    const row = await this.prisma.setting.findUnique({ where: { name } });
    return row ? row.value : null;
  }
}
