// path: src/projects/project.service.ts
// stack: @nestjs/common kysely
// Kysely: a project row and its owner membership, written through a
// repository. Written apart they commit apart; inside
// `db.transaction().execute(...)`, or a helper given the database whose
// callback receives the transaction, they commit together.
import { Injectable, Post, Body, Controller } from '@nestjs/common';
import { Kysely, Transaction } from 'kysely';

async function inTransaction<T>(db: Kysely<any>, work: (trx: Transaction<any>) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(trx));
}

@Injectable()
export class ProjectRepo {
  constructor(private readonly db: Kysely<any>) {}

  async insertProject(name: string, trx?: Transaction<any>) {
    const db = trx ?? this.db;
    return db.insertInto('projects').values({ name }).returningAll().executeTakeFirst();
  }

  async insertMember(projectId: string, userId: string, trx?: Transaction<any>) {
    const db = trx ?? this.db;
    await db.insertInto('project_members').values({ projectId, userId, role: 'owner' }).execute();
  }
}

@Injectable()
export class ProjectService {
  constructor(private readonly db: Kysely<any>, private readonly repo: ProjectRepo) {}

  // No transaction: the membership names the new project, each commits alone.
  async createLoose(name: string, ownerId: string) {
    const project = await this.repo.insertProject(name); // expect: transaction_narrow HIGH
    await this.repo.insertMember(project.id, ownerId);
    return project;
  }

  // Look-alike: handed the caller's transaction, which the caller may
  // well have opened around both writes.
  async createIn(name: string, ownerId: string, trx?: Transaction<any>) {
    const project = await this.repo.insertProject(name, trx);
    await this.repo.insertMember(project.id, ownerId, trx);
    return project;
  }

  // Look-alike: the library's managed transaction.
  async createManaged(name: string, ownerId: string) {
    return this.db.transaction().execute(async (trx) => {
      const project = await this.repo.insertProject(name, trx);
      await this.repo.insertMember(project.id, ownerId, trx);
      return project;
    });
  }

  // Look-alike: a helper given the database; its callback receives the transaction.
  async createThroughHelper(name: string, ownerId: string) {
    return inTransaction(this.db, async (trx) => {
      const project = await this.repo.insertProject(name, trx);
      await this.repo.insertMember(project.id, ownerId, trx);
      return project;
    });
  }
}

@Controller('projects')
export class ProjectController {
  constructor(private readonly projects: ProjectService) {}

  @Post()
  async create(@Body() body: { name: string; ownerId: string }) {
    await this.projects.createManaged(body.name, body.ownerId);
    await this.projects.createIn(body.name, body.ownerId);
    await this.projects.createThroughHelper(body.name, body.ownerId);
    return this.projects.createLoose(body.name, body.ownerId);
  }
}
