// path: src/db/database.service.ts
// stack: @nestjs/core @nestjs/common pg
// A probe client released by the very next statement holds nothing while
// anything can throw, and a connect() that fails hands out no client: the
// catch cannot leak it. A query between the two can throw while the
// client is checked out, and the catch re-throws without releasing it.
import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';

@Injectable()
export class DatabaseService {
  private readonly pool = new Pool({ max: 10 });

  // Look-alike: connectivity probe at start-up.
  async onModuleInit() {
    try {
      const client = await this.pool.connect();
      client.release();
    } catch (error) {
      throw new Error(`database unreachable: ${error.message}`);
    }
  }

  async checkSchema() {
    try {
      const client = await this.pool.connect(); // expect: error_path_leak MEDIUM
      await client.query('SELECT 1 FROM migrations LIMIT 1');
      client.release();
    } catch (error) {
      throw new Error(`schema check failed: ${error.message}`);
    }
  }
}
