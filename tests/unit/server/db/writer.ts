// A separate process that writes answers as fast as it can until killed; prints its count.
import { recordAnswer } from '../../../../src/lib/server/db/answers';
import { createDb } from '../../../../src/lib/server/db/client';

const handle = createDb({ engine: 'sqlite', file: process.argv[2]! });
for (let i = 0; ; i++) {
	await recordAnswer(handle.db, {
		userId: null,
		guestId: 'writer',
		lesson: 'm/l',
		questionId: `q${i}`,
		answer: i,
		correct: true,
		points: 1,
		keyHash: 'k',
		idempotencyKey: crypto.randomUUID()
	});
	if (i % 50 === 0) process.stdout.write(`${i}\n`);
}
