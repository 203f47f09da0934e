// path: src/services/rates.service.ts
// stack: @nestjs/core @nestjs/common @prisma/client
// Three-clause for loops: stepping by a page size reads one page per
// pass (the chunking a bulk read needs); stepping by one writes per row.
import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

const BATCH = 500;

@Injectable()
export class RatesService {
  private static readonly PAGE_SIZE = 10000;

  public constructor(private readonly prismaService: PrismaService) {}

  public async history(symbols: string[]) {
    const count = await this.prismaService.rate.count({ where: { symbol: { in: symbols } } });
    const rows = [];
    for (let offset = 0; offset < count; offset += RatesService.PAGE_SIZE) {
      rows.push(...(await this.prismaService.rate.findMany({ skip: offset, take: RatesService.PAGE_SIZE, where: { symbol: { in: symbols } } })));
    }
    return rows;
  }

  public async byIds(ids: string[]) {
    const out = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      out.push(...(await this.prismaService.rate.findMany({ where: { id: { in: ids.slice(i, i + BATCH) } } })));
    }
    return out;
  }

  public async latest(userId: string) {
    const holdings = await this.prismaService.holding.findMany({ where: { userId } });
    const rates = [];
    for (const holding of holdings) {
      rates.push(await this.prismaService.rate.findFirst({ where: { symbol: holding.symbol } })); // expect: n_plus_one MEDIUM
    }
    for (let i = 0; i < holdings.length; i += 1) {
      await this.prismaService.holding.delete({ where: { id: holdings[i].id } }); // expect: n_update_delete_loop HIGH
    }
    return rates;
  }
}
