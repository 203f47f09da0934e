import { newSalt, openToken } from './tokens';

export async function readSession(header: string, secret: string) {
  const payload = openToken(header, secret); // expect: cpu_bound MEDIUM
  return JSON.parse(payload);
}

// Look-alike: only cheap helpers.
export async function freshSalt() {
  return newSalt().toString('hex');
}
