import bcrypt from 'bcryptjs';

// A synchronous helper both the command and the route below call.
export function hashSecret(secret: string): string {
  return bcrypt.hashSync(secret, bcrypt.genSaltSync(10));
}
