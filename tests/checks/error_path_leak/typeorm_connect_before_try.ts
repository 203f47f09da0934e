// path: src/services/team.service.ts
// stack: express typeorm
// A TypeORM QueryRunner takes a pooled connection only when connect()
// succeeds: a connect() that throws holds nothing, so a bare connect()
// between createQueryRunner() and the try leaks nothing. An awaited read
// there can throw once the connection is held, and the finally that
// releases it never runs. So can an awaited getter; a synchronous one
// (`getArchiveMode()`) only reads a value.
import { DataSource } from 'typeorm';
import { Team } from './team.entity';
import { Member } from './member.entity';

export class TeamService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: { getArchiveMode(): string; getLockMode(): Promise<string> },
  ) {}

  // Look-alike: only connect() before the try.
  async renameTeam(id: string, name: string) {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.manager.update(Team, { id }, { name });
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }

  // Look-alike: connect() and a synchronous getter before the try.
  async archiveTeam(id: string) {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const mode = this.settings.getArchiveMode();
    try {
      await runner.manager.update(Team, { id }, { archived: mode });
    } finally {
      await runner.release();
    }
  }

  // An awaited getter is a read that can fail while the connection is held.
  async lockTeam(id: string) {
    const runner = this.dataSource.createQueryRunner(); // expect: error_path_leak MEDIUM
    await runner.connect();
    const mode = await this.settings.getLockMode();
    try {
      await runner.manager.update(Team, { id }, { locked: mode });
    } finally {
      await runner.release();
    }
  }

  async addMember(teamId: string, userId: string) {
    const runner = this.dataSource.createQueryRunner(); // expect: error_path_leak MEDIUM
    await runner.connect();
    const team = await runner.manager.findOneBy(Team, { id: teamId });
    if (!team) throw new Error('team not found');
    try {
      await runner.startTransaction();
      await runner.manager.insert(Member, { teamId, userId });
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }

  // A connect() on another runner is work like any other.
  async copyTeam(source: DataSource, id: string) {
    const runner = this.dataSource.createQueryRunner(); // expect: error_path_leak MEDIUM
    const other = source.createQueryRunner();
    await other.connect();
    try {
      const team = await other.manager.findOneBy(Team, { id });
      await runner.manager.save(Team, { ...team, id: undefined });
    } finally {
      await runner.release();
      await other.release();
    }
  }
}
