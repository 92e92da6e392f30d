import { describe, expect, it } from 'vitest';
import { sameForEveryone, sharedById } from '../../../../src/lib/server/page-cache/shared';

describe('sharedById', () => {
	it('puts a value built once in the key by its id, and every other value as it is', () => {
		const article = sameForEveryone({ text: 'x'.repeat(10_000) });
		const other = sameForEveryone({ text: 'x'.repeat(10_000) });
		const key = (data: unknown) => JSON.stringify(data, sharedById);
		expect(key({ article, past: { q1: { given: 'a' } } })).toMatch(/^\{"article":"[0-9a-f]{18}#\d+","past":\{"q1":\{"given":"a"\}\}\}$/);
		// two such values with the same text are still told apart, and one is always the same
		expect(key({ article })).not.toBe(key({ article: other }));
		expect(key({ article })).toBe(key({ article: sameForEveryone(article) }));
	});
});
