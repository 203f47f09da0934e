/**
 * Generated table types of the helpdesk database (one interface a table).
 */
import type { ColumnType } from 'kysely';

export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>;

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface Tickets {
  id: Generated<string>;
  subject: string;
  body: string | null;
  bodyHtml: string | null;
  status: string;
  priority: number;
  requesterId: string;
  assigneeId: string | null;
  queueId: string;
  tags: string[] | null;
  customFields: ColumnType<
    Record<string, unknown>,
    string,
    string
  > | null;
  attachmentsMeta: unknown | null;
  slaDueAt: Timestamp | null;
  createdAt: Generated<Timestamp>;
  updatedAt: Generated<Timestamp>;
  deletedAt: Timestamp | null;
  workspaceId: string;
}

export interface Agents {
  id: Generated<string>;
  name: string;
  email: string;
  passwordHash: string;
  avatarUrl: string | null;
  role: string;
  locale: string | null;
  timezone: string | null;
  settings: unknown | null;
  lastSeenAt: Timestamp | null;
  createdAt: Generated<Timestamp>;
  workspaceId: string;
}

export interface Macros {
  id: Generated<string>;
  title: string;
  body: string;
  queueId: string;
  createdAt: Generated<Timestamp>;
}

export interface DB {
  agents: Agents;
  macros: Macros;
  tickets: Tickets;
}
