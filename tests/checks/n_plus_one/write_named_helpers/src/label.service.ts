// Per-item helpers of one class: one checks a limit (a read) before a
// write through a collaborator the index cannot follow; one only reads.
import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

interface LabelWriter {
  attach(labelId: string, cardId: string): Promise<void>;
}

@Injectable()
export class LabelService {
  public constructor(
    private readonly prismaService: PrismaService,
    private readonly writer: LabelWriter,
  ) {}

  private async countOn(cardId: string): Promise<number> {
    return this.prismaService.cardLabel.count({ where: { cardId } });
  }

  private async findLabel(labelId: string) {
    return this.prismaService.label.findUnique({ where: { id: labelId } });
  }

  // named for a write: the read is only its guard
  public async addToCard(labelId: string, cardId: string): Promise<void> {
    if ((await this.countOn(cardId)) > 10) {
      throw new Error('too many labels');
    }
    await this.writer.attach(labelId, cardId);
  }

  public async copyLabels(fromCard: string, toCard: string): Promise<void> {
    const links = await this.prismaService.cardLabel.findMany({ where: { cardId: fromCard } });
    await Promise.all(links.map((link) => this.addToCard(link.labelId, toCard)));
  }

  // the look-alike that does read per row
  public async labelsOf(cardId: string) {
    const links = await this.prismaService.cardLabel.findMany({ where: { cardId } });
    return Promise.all(links.map((link) => this.findLabel(link.labelId))); // expect: n_plus_one MEDIUM
  }
}
