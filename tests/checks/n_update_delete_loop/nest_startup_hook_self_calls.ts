// path: src/flags/flag-defaults.service.ts
// stack: @nestjs/core @nestjs/common @prisma/client
// A NestJS provider's lifecycle hook (`onModuleInit`) runs once, when the
// application starts; a method it calls through `this.` that nothing else
// calls is start-up code too. Writing the keys the code defines there is
// bounded by the code. The same write reached from a request, or a loop
// over what a request sends, stays reported whatever the table is named.
import { Controller, Injectable, Post, Body } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

type FlagEntry = { key: string; enabled: boolean };

@Injectable()
export class FlagDefaultsService {
  constructor(private readonly prisma: PrismaService) {}

  async onModuleInit() {
    await this.seedDefaults();
  }

  // Look-alike: reached only from the start-up hook, one row per key the
  // code defines.
  async seedDefaults() {
    const keys = (process.env.DEFAULT_FLAGS ?? '').split(',');
    for (const key of keys) {
      await this.prisma.appFlag.update({ where: { key }, data: { enabled: true } });
    }
  }

  // Called at start-up and by the controller below on every request.
  async resetDefaults() {
    const keys = (process.env.DEFAULT_FLAGS ?? '').split(',');
    for (const key of keys) {
      await this.prisma.appFlag.update({ where: { key }, data: { enabled: false } }); // expect: n_update_delete_loop HIGH
    }
  }

  async onApplicationBootstrap() {
    await this.resetDefaults();
  }

  // What an admin sends: one UPDATE per entry of the request, even on a
  // table of global settings.
  async saveFlags(entries: FlagEntry[]) {
    await this.prisma.$transaction(async (tx) => {
      for (const e of entries) {
        await tx.appFlag.update({ where: { key: e.key }, data: { enabled: e.enabled } }); // expect: n_update_delete_loop HIGH
      }
    });
  }
}

@Controller('flags')
export class FlagController {
  constructor(private readonly flags: FlagDefaultsService) {}

  @Post('reset')
  async reset() {
    await this.flags.resetDefaults();
  }

  @Post()
  async save(@Body() entries: FlagEntry[]) {
    await this.flags.saveFlags(entries);
  }
}
