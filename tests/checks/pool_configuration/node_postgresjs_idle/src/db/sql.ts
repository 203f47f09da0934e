// postgres.js closes idle connections only when `idle_timeout` says so
// (its default, 0, keeps them for good); a pool sized for a burst then
// holds every connection the burst opened.
import postgres from 'postgres';

const url = process.env.DATABASE_URL as string;

export const sql = postgres(url, { // expect: pool_configuration LOW
  max: Number(process.env.DB_POOL_MAX ?? 20),
  prepare: false,
  onnotice: () => {},
});

// Look-alike: sized and idle connections released after 30 s.
export const reports = postgres(process.env.REPORTS_URL as string, {
  max: 4,
  idle_timeout: 30,
  connect_timeout: 10,
});

// Look-alike: options built elsewhere and spread: unknown, silent.
const shared = { max: 8, idle_timeout: 20 };
export const audit = postgres(process.env.AUDIT_URL as string, { ...shared, database: 'audit' });

// Look-alike: a single options object (no URL first) that sets both.
export const search = postgres({ host: 'search-db', max: 6, idle_timeout: 60 });

// Not sized at all: the driver's 10 connections, kept forever.
export const events = postgres(process.env.EVENTS_URL as string, { // expect: pool_configuration LOW
  prepare: false,
});
