import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class BoardService {
  constructor(private readonly prisma: PrismaService) {}

  async listBoards(workspaceId: string) {
    return this.prisma.board.findMany({ where: { workspaceId } });
  }

  async cardsOf(boardId: string) {
    return this.prisma.card.findMany({ where: { boardId }, orderBy: { position: 'asc' } });
  }

  async countArchived(boardId: string) {
    return this.prisma.card.count({ where: { boardId, archived: true } });
  }
}
