// Helpers named for a write whose statement goes through an injected
// writer the index cannot follow; each first reads a guard. Called once
// per row of a stored list they are per-row writes; called per batch,
// per item of a short fixed list, or without the item they are not.
import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

interface RuleWriter {
  set(ruleId: string, patch: object): Promise<void>;
  drop(ruleId: string): Promise<void>;
  setAll(ruleIds: string[], patch: object): Promise<void>;
}

@Injectable()
export class RuleService {
  public constructor(
    private readonly prismaService: PrismaService,
    private readonly writer: RuleWriter,
  ) {}

  private async assertOpen(boardId: string): Promise<void> {
    const board = await this.prismaService.board.findUnique({ where: { id: boardId } });
    if (board?.locked) {
      throw new Error('board is locked');
    }
  }

  public async updateRule(boardId: string, ruleId: string, patch: object): Promise<void> {
    await this.assertOpen(boardId);
    await this.writer.set(ruleId, patch);
  }

  public async removeRule(boardId: string, ruleId: string): Promise<void> {
    await this.assertOpen(boardId);
    await this.writer.drop(ruleId);
  }

  public async updateRulesBatch(boardId: string, ruleIds: string[], patch: object): Promise<void> {
    await this.assertOpen(boardId);
    await this.writer.setAll(ruleIds, patch);
  }

  public async updateBoardStamp(boardId: string): Promise<void> {
    await this.assertOpen(boardId);
    await this.writer.set(boardId, { touched: true });
  }

  // one guarded write per stored rule
  public async reopenAll(boardId: string): Promise<void> {
    const rules = await this.prismaService.rule.findMany({ where: { boardId } });
    await Promise.all(
      rules.map((rule) => this.updateRule(boardId, rule.id, { paused: false })), // expect: n_update_delete_loop HIGH
    );
  }

  public async purge(boardId: string, ruleIds: string[]): Promise<void> {
    for (const ruleId of ruleIds) {
      await this.removeRule(boardId, ruleId); // expect: n_update_delete_loop HIGH
    }
  }

  // look-alike: one write per chunk of ids, the helper takes the set
  public async pauseInChunks(boardId: string, chunks: string[][]): Promise<void> {
    for (const chunk of chunks) {
      await this.updateRulesBatch(boardId, chunk, { paused: true });
    }
  }

  // look-alike: a fixed list of three well-known rules
  public async resetDefaults(boardId: string): Promise<void> {
    for (const ruleId of ['welcome', 'archive', 'notify']) {
      await this.updateRule(boardId, ruleId, { paused: false });
    }
  }

  // look-alike: the call does not name the item (one row, touched each pass)
  public async touchFor(boardId: string, events: string[]): Promise<void> {
    for (const event of events) {
      console.log(event);
      await this.updateBoardStamp(boardId);
    }
  }
}
