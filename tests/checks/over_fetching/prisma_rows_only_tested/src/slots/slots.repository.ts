import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

@Injectable()
export class SlotsRepository {
  // Every column of each slot, only to test one date per candidate.
  async freeHours(boardId: string, hours: number[]) {
    const taken = await prisma.slot.findMany({ where: { boardId, deletedAt: null } }); // expect: over_fetching LOW
    return hours.filter((hour) => !taken.find((slot) => slot.startsAt.getHours() === hour));
  }

  // The same test through `some`.
  async anyOverlap(boardId: string, at: Date) {
    const slots = await prisma.slot.findMany({ where: { boardId } }); // expect: over_fetching LOW
    return slots.some((slot) => slot.startsAt <= at && slot.endsAt > at);
  }

  // Look-alike: the row found is handed back whole.
  async firstAfter(boardId: string, at: Date) {
    const slots = await prisma.slot.findMany({ where: { boardId } });
    const next = slots.find((slot) => slot.startsAt > at);
    return next;
  }

  // Look-alike: the rows a filter keeps are returned whole.
  async openOnes(boardId: string) {
    const slots = await prisma.slot.findMany({ where: { boardId } });
    return slots.filter((slot) => slot.status === 'open');
  }

  // Look-alike: columns already named.
  async takenHours(boardId: string, hours: number[]) {
    const taken = await prisma.slot.findMany({ where: { boardId }, select: { startsAt: true } });
    return hours.filter((hour) => !taken.find((slot) => slot.startsAt.getHours() === hour));
  }
}
