import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { TicketRepo } from './ticket.repo';

@Controller('tickets')
export class TicketController {
  constructor(private readonly ticketRepo: TicketRepo) {}

  @Get('queue/:id')
  open(@Param('id') id: string) {
    return this.ticketRepo.openTicketsOfQueue(id);
  }

  @Get('queue/:id/agents')
  agents(@Param('id') id: string) {
    return this.ticketRepo.agentsOfQueue(id);
  }

  @Post('page')
  page(@Body() body: { workspaceId: string; cursor?: string }) {
    return this.ticketRepo.ticketsPage(body.workspaceId, body.cursor);
  }

  @Get(':id')
  one(@Param('id') id: string) {
    return this.ticketRepo.findTicket(id);
  }

  @Get('queue/:id/titles')
  titles(@Param('id') id: string) {
    return this.ticketRepo.ticketTitles(id);
  }

  @Get('queue/:id/macros')
  macros(@Param('id') id: string) {
    return this.ticketRepo.macrosOfQueue(id);
  }

  @Get(':id/thread')
  thread(@Param('id') id: string) {
    return this.ticketRepo.ticketThread(id);
  }

  @Get('recent/:ws')
  recent(@Param('ws') ws: string) {
    return this.ticketRepo.recentPage(ws);
  }

  @Post('queue/:id/clone/:to')
  clone(@Param('id') id: string, @Param('to') to: string) {
    return this.ticketRepo.cloneQueue(id, to);
  }

  @Get('queue/:id/sql')
  sql(@Param('id') id: string) {
    return this.ticketRepo.debugListSql(id);
  }

  @Get('open/count')
  count() {
    return this.ticketRepo.countOpen();
  }
}
