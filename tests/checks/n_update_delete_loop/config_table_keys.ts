// path: src/config/app-config.service.ts
// stack: @nestjs/core @nestjs/common @prisma/client
// A table of the application's own settings holds one row per key the
// code defines: reconciling those rows at boot, or saving the few an
// admin changed (each with its own value), is bounded by the code. A
// per-user settings table grows with the users and stays reported, and so
// does a bare `setting` table, which may hold one row per user.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

type ConfigEntry = { name: string; value: string };

@Injectable()
export class AppConfigService {
  constructor(private readonly prisma: PrismaService) {}

  // Look-alike: start-up reconciliation of the stored keys.
  async reconcileKeys(defaults: ConfigEntry[]) {
    const stored = await this.prisma.appConfig.findMany();
    const stale = stored.filter((s) => defaults.some((d) => d.name === s.name && d.value !== s.value));
    const ops = stale.map((s) =>
      this.prisma.appConfig.update({ where: { name: s.name }, data: { value: s.value } }),
    );
    await Promise.allSettled(ops);
  }

  // Look-alike: an admin saves a handful of settings in one transaction.
  async saveSettings(entries: ConfigEntry[]) {
    await this.prisma.$transaction(async (tx) => {
      for (const e of entries) {
        await tx.systemSetting.update({ where: { name: e.name }, data: { value: e.value } });
      }
    });
  }

  // A per-user table: one row per user, a loop over every user.
  async resetThemes() {
    const users = await this.prisma.user.findMany({ select: { id: true } });
    for (const u of users) {
      await this.prisma.userSettings.update({ where: { userId: u.id }, data: { theme: 'light' } }); // expect: n_update_delete_loop HIGH
    }
  }

  async renameKeys(rows: ConfigEntry[]) {
    for (const r of rows) {
      await this.prisma.setting.update({ where: { name: r.name }, data: { label: r.value } }); // expect: n_update_delete_loop HIGH
    }
  }
}
