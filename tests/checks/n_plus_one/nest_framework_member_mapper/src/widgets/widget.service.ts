// `this.config.get(...)` is the framework's in-memory configuration
// (ConfigService comes from a package), never the project's
// SettingsService.get of the same name: a mapper that only reads it does
// no query per row. The same `get` on the project's own service does.
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PrismaService } from '../prisma/prisma.service';
import { SettingsService } from '../settings/settings.service';

type WidgetRow = { id: string; slug: string; ownerId: string };

@Injectable()
export class WidgetService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly configService: ConfigService,
    private readonly settingsService: SettingsService,
  ) {}

  private toDto(row: WidgetRow) {
    const base = this.configService.get<string>('PUBLIC_URL');
    const secure = this.configService.get<string>('SECURE') === 'true';
    return { id: row.id, url: `${secure ? 'https' : 'http'}://${base}/w/${row.slug}` };
  }

  private async withTheme(row: WidgetRow) {
    const theme = await this.settingsService.get(`theme:${row.ownerId}`);
    return { ...row, theme };
  }

  // Look-alike: a pure mapper over the rows.
  async listForOwner(ownerId: string) {
    const rows = await this.prisma.widget.findMany({ where: { ownerId } });
    return rows.map((r) => this.toDto(r));
  }

  async listThemed(ownerId: string) {
    const rows = await this.prisma.widget.findMany({ where: { ownerId } });
    const out = [];
    for (const r of rows) {
      out.push(await this.withTheme(r)); // expect: n_plus_one MEDIUM
    }
    return out;
  }
}
