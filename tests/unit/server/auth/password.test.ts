import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../../src/lib/server/auth/password';

describe('passwords', () => {
	it('are hashed with argon2id at or above OWASP’s minimum (m=19 MiB, t=2, p=1)', async () => {
		const h = await hashPassword('correct horse battery');
		const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(h);
		expect(m).not.toBeNull();
		expect(Number(m![1])).toBeGreaterThanOrEqual(19456);
		expect(Number(m![2])).toBeGreaterThanOrEqual(2);
		expect(Number(m![3])).toBeGreaterThanOrEqual(1);
	});

	it('verify the right password only, and never throw on a malformed hash', async () => {
		const h = await hashPassword('correct horse battery');
		expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(h, 'Correct horse battery')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});
});
