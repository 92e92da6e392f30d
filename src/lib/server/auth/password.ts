/** argon2id at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1). */
import { hash, verify } from '@node-rs/argon2';

export const ARGON2_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const hashPassword = (password: string) => hash(password, { ...ARGON2_PARAMS, algorithm: 2 });

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}

// Verifying against this when a username does not exist keeps the timing the same as a wrong password.
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not a real password'));
