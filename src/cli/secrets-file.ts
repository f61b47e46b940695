// The encrypted secrets file under DATA_DIR (default .data/secrets.json): where `auth google` keeps
// the refresh token it obtained. Values are sealed with SECRETS_ENCRYPTION_KEY (AES-256-GCM); the
// file is written owner-only and atomically. The database's `connections` table is not used.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { SealedSecret } from '../config/secret-box.js';
import { openSecret, sealSecret } from '../config/secret-box.js';

const SealedSchema = z.object({ alg: z.literal('aes-256-gcm'), iv: z.string(), tag: z.string(), ciphertext: z.string() });
const FileSchema = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), SealedSchema.extend({ updatedAt: z.string() })),
});
type SecretsDocument = z.infer<typeof FileSchema>;

/** The name the Google refresh token is stored under (one connection per installation for now). */
export const GOOGLE_REFRESH_TOKEN_SECRET = 'google.refreshToken';

export type ReadSecretResult =
  | { ok: true; value: string | null }
  | { ok: false; problem: string };

async function readDocument(path: string): Promise<SecretsDocument | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return FileSchema.parse(JSON.parse(text));
}

/** The stored value (null when there is none), or why it cannot be read (wrong key, damaged file). */
export async function readSecret(path: string, key: Buffer, name: string): Promise<ReadSecretResult> {
  let document: SecretsDocument | null;
  try {
    document = await readDocument(path);
  } catch (error) {
    return { ok: false, problem: `${path} is not a secrets file: ${error instanceof Error ? error.message : String(error)}` };
  }
  const sealed = document?.secrets[name];
  if (sealed === undefined) return { ok: true, value: null };
  const value = openSecret(key, name, sealed);
  if (value === null) return { ok: false, problem: `${name} in ${path} does not decrypt with SECRETS_ENCRYPTION_KEY (another key, or an altered file)` };
  return { ok: true, value };
}

export async function writeSecret(path: string, key: Buffer, name: string, value: string, now: string): Promise<void> {
  const document: SecretsDocument = (await readDocument(path)) ?? { version: 1, secrets: {} };
  const sealed: SealedSecret = sealSecret(key, name, value);
  document.secrets[name] = { ...sealed, updatedAt: now };
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
  await chmod(path, 0o600);
}
