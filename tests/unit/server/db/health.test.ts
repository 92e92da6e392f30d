import { describe, expect, it } from 'vitest';
import { databaseAnswers } from '../../../../src/lib/server/db/health';
import { engines } from './engines';

describe.each(engines)('databaseAnswers on $name', (engine) => {
	it('is true while the database answers, false once it cannot be reached', async () => {
		const handle = await engine.open();
		expect(await databaseAnswers(handle.db)).toBe(true);
		await handle.close();
		expect(await databaseAnswers(handle.db)).toBe(false);
	});
});
