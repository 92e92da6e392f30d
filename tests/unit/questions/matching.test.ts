import { describe, expect, it } from 'vitest';
import { formPost, resolved } from './fixtures';
import { answerSchema, keyOf, questionSchema, toPublic } from '../../../src/lib/questions/matching/schema';
import { score } from '../../../src/lib/questions/matching/score';
import {
	grade,
	reshuffle,
	shownAnswer,
	shownKey,
	shownTexts 
} from '../../../src/lib/questions/registry';

const raw = {
	id: 'who-does-what',
	type: 'matching',
	skill: 'recall',
	prompt: 'Match each party to its role.',
	pairs: [
		{ id: 'qatar', left: 'Qatar', right: 'Hosts the political bureau' },
		{ id: 'egypt', left: 'Egypt', right: 'Borders Gaza at Rafah' },
		{ id: 'red-cross', left: 'The Red Cross', right: 'Carries out the handovers' }
	],
	explanation: 'Each has its own part.',
	cite: [{ source: '004', quote: 'Qatar hosts the bureau.' }]
};
const pairIds = raw.pairs.map((p) => p.id);


/** a form post as the browser sends it: hidden fields, then one select per left item */
const post = (matches: Record<string, string>) => formPost(raw.id, Object.entries(matches).map(([id, letter]) => [`match-${id}`, letter]));

const issue = (input: unknown) => questionSchema.safeParse(input).error?.issues[0];
const q = questionSchema.parse(raw);
const pub = toPublic(q);
const key = keyOf(q);
/** the letter of the option showing this pair's right side */
const letterOf = (pairId: string) => pub.options.find((o) => o.text === raw.pairs.find((p) => p.id === pairId)!.right)!.id;
/** a wrong letter for this pair */
const otherLetter = (pairId: string) => pub.options.find((o) => o.id !== letterOf(pairId))!.id;

describe('matching question schema', () => {
	it('accepts three to six pairs', () => {
		expect(questionSchema.safeParse(raw).success).toBe(true);
		const six = Array.from({ length: 6 }, (_, i) => ({ id: `p-${i}`, left: `Left ${i}`, right: `Right ${i}` }));
		expect(questionSchema.safeParse({ ...raw, pairs: six }).success).toBe(true);
	});

	it('refuses fewer than three and more than six pairs', () => {
		expect(issue({ ...raw, pairs: raw.pairs.slice(0, 2) })).toMatchObject({ path: ['pairs'], message: 'give at least three pairs' });
		const seven = Array.from({ length: 7 }, (_, i) => ({ id: `p-${i}`, left: `Left ${i}`, right: `Right ${i}` }));
		expect(issue({ ...raw, pairs: seven })).toMatchObject({ path: ['pairs'], message: 'give at most six pairs' });
	});

	it('refuses duplicate pair ids', () => {
		const pairs = [...raw.pairs, { id: 'qatar', left: 'Qatar again', right: 'Something else' }];
		expect(issue({ ...raw, pairs })).toMatchObject({ path: ['pairs'], message: 'pair ids must be unique' });
	});

	it('refuses duplicate right sides, even if they differ only in surrounding spaces', () => {
		const pairs = [...raw.pairs, { id: 'un', left: 'The UN', right: 'Borders Gaza at Rafah' }];
		expect(issue({ ...raw, pairs })).toMatchObject({ path: ['pairs'], message: 'each right side must be different' });
		const spaced = [...raw.pairs, { id: 'un', left: 'The UN', right: '  Borders Gaza at Rafah ' }];
		expect(issue({ ...raw, pairs: spaced })).toMatchObject({ path: ['pairs'], message: 'each right side must be different' });
	});

	it('points at the pair with an empty side or a bad id', () => {
		const emptyRight = raw.pairs.map((p, i) => (i === 1 ? { ...p, right: ' ' } : p));
		expect(issue({ ...raw, pairs: emptyRight })).toMatchObject({ path: ['pairs', 1, 'right'], message: 'right is empty' });
		const emptyLeft = raw.pairs.map((p, i) => (i === 2 ? { ...p, left: '' } : p));
		expect(issue({ ...raw, pairs: emptyLeft })).toMatchObject({ path: ['pairs', 2, 'left'], message: 'left is empty' });
		const badId = raw.pairs.map((p, i) => (i === 0 ? { ...p, id: 'Qatar!' } : p));
		expect(issue({ ...raw, pairs: badId })?.path).toEqual(['pairs', 0, 'id']);
	});

	it('refuses pairs that are not a list, and unknown pair fields', () => {
		expect(issue({ ...raw, pairs: { qatar: 'bureau' } })).toMatchObject({ path: ['pairs'], message: 'pairs must be a list of { id, left, right }' });
		const extra = raw.pairs.map((p, i) => (i === 0 ? { ...p, hint: 'x' } : p));
		expect(issue({ ...raw, pairs: extra })).toMatchObject({ path: ['pairs', 0], code: 'unrecognized_keys' });
	});
});

describe('matching answer schema', () => {
	it('reads the selects of a form post as left id → letter', () => {
		expect(answerSchema.parse(post({ qatar: 'b', egypt: 'a', 'red-cross': 'c' }))).toEqual({ qatar: 'b', egypt: 'a', 'red-cross': 'c' });
	});

	it('asks to match every item when a select is left on "Choose…"', () => {
		expect(answerSchema.safeParse(post({ qatar: 'b', egypt: '', 'red-cross': 'c' })).error?.issues[0]?.message).toBe(
			'Match every item before checking.'
		);
	});

	it('asks to match every item when there are no selects or only one', () => {
		expect(answerSchema.safeParse(post({})).error?.issues[0]?.message).toBe('Match every item before checking.');
		expect(answerSchema.safeParse(post({ qatar: 'a' })).error?.issues[0]?.message).toBe('Match every item before checking.');
	});

	it('refuses values that are no letter', () => {
		for (const bad of ['z', 'A', 'ab', 'qatar', '1'])
			expect(answerSchema.safeParse(post({ qatar: bad, egypt: 'a', 'red-cross': 'c' })).error?.issues[0]?.message).toBe(
				'Match every item before checking.'
			);
	});
});

describe('matching score', () => {
	const k = { x: 'a', y: 'b', z: 'c' };

	it('is right only when every pair is', () => {
		expect(score({ x: 'a', y: 'b', z: 'c' }, k)).toEqual({ correct: true, points: 1 });
	});

	it('gives credit per pair', () => {
		expect(score({ x: 'a', y: 'c', z: 'b' }, k)).toEqual({ correct: false, points: 1 / 3 });
		expect(score({ x: 'a', y: 'b', z: 'a' }, k)).toEqual({ correct: false, points: 2 / 3 });
		expect(score({ x: 'b', y: 'c', z: 'a' }, k)).toEqual({ correct: false, points: 0 });
	});

	it('counts a missing pair as wrong and ignores unknown ones', () => {
		expect(score({ x: 'a', y: 'b' }, k)).toEqual({ correct: false, points: 2 / 3 });
		expect(score({ x: 'a', y: 'b', z: 'c', w: 'd' }, k)).toEqual({ correct: true, points: 1 });
	});
});

describe('matching public part and key', () => {
	it('lists the left sides in the written order and the right sides as lettered options', () => {
		expect(Object.keys(pub).sort()).toEqual(['id', 'left', 'options', 'prompt', 'type']);
		expect(pub.left).toEqual(raw.pairs.map((p) => ({ id: p.id, text: p.left })));
		expect(pub.options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
		expect(pub.options.map((o) => o.text).sort()).toEqual(raw.pairs.map((p) => p.right).sort());
		for (const o of pub.options) expect(Object.keys(o).sort()).toEqual(['id', 'text']);
	});

	it('letters six options a to f', () => {
		const six = Array.from({ length: 6 }, (_, i) => ({ id: `p-${i}`, left: `Left ${i}`, right: `Right ${i}` }));
		expect(toPublic(questionSchema.parse({ ...raw, pairs: six })).options.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
	});

	it('never lists the options in the order of the pairs, across many question ids and lengths', () => {
		for (let n = 3; n <= 6; n++) {
			const pairs = Array.from({ length: n }, (_, i) => ({ id: `p-${i}`, left: `Left ${i}`, right: `Right ${i}` }));
			for (let k = 0; k < 300; k++) {
				const p = toPublic(questionSchema.parse({ ...raw, id: `q-${n}-${k}`, pairs }));
				expect(p.options.map((o) => o.text)).not.toEqual(pairs.map((x) => x.right));
			}
		}
	});

	it('has no pair id anywhere on the right side', () => {
		const options = JSON.stringify(pub.options);
		for (const id of pairIds) expect(options).not.toContain(id);
		for (const o of pub.options) expect(pairIds).not.toContain(o.id);
	});

	it('keys each left id on the letter of its own right side', () => {
		expect(Object.keys(key)).toEqual(pairIds);
		for (const p of raw.pairs) expect(pub.options.find((o) => o.id === key[p.id])?.text).toBe(p.right);
	});

	it('is stable: the same question gives the same letters', () => {
		expect(toPublic(q)).toEqual(pub);
		expect(keyOf(q)).toEqual(key);
	});
});

describe('matching through the registry', () => {
	const rq = resolved(raw);
	const right = Object.fromEntries(pairIds.map((id) => [id, letterOf(id)]));
	const shownRight = pairIds.map((id) => `${id}:${letterOf(id)}`);

	it('grades every pair right', () => {
		expect(grade(rq, post(right))).toEqual({ ok: true, correct: true, points: 1, answer: right, given: shownRight, key: shownRight });
	});

	it('grades one wrong pair with partial credit, showing "left:letter" strings', () => {
		const answer: Record<string, string> = { ...right, egypt: otherLetter('egypt') };
		expect(grade(rq, post(answer))).toEqual({
			ok: true,
			correct: false,
			points: 2 / 3,
			answer,
			given: pairIds.map((id) => `${id}:${answer[id]}`),
			key: shownRight
		});
	});

	it('returns the readable message when an item is not matched', () => {
		expect(grade(rq, post({ ...right, qatar: '' }))).toEqual({ ok: false, message: 'Match every item before checking.' });
	});

	it('shows a stored answer and the key as "left:letter"', () => {
		expect(shownAnswer(rq, { qatar: 'c', egypt: 'a' })).toEqual(['qatar:c', 'egypt:a']);
		expect(shownKey(rq)).toEqual(shownRight);
	});

	it('words matches as "left → right" in the order of the left side, keeping unknown letters', () => {
		expect(shownTexts(pub, [...shownRight].reverse())).toEqual([
			'Qatar → Hosts the political bureau',
			'Egypt → Borders Gaza at Rafah',
			'The Red Cross → Carries out the handovers'
		]);
		expect(shownTexts(pub, ['egypt:h'])).toEqual(['Egypt → h']);
	});

	it('a retry keeps each option with its own letter', () => {
		const again = reshuffle(rq, pub, 'user-1:who-does-what:1');
		expect(again.type).toBe('matching');
		if (again.type !== 'matching') return;
		expect([...again.options].sort((a, b) => a.id.localeCompare(b.id))).toEqual(pub.options);
		expect(again.left).toEqual(pub.left);
	});

	it('a retry never lists the options in the order of the pairs either', () => {
		// the lesson and review pages reshuffle a missed question for each attempt
		const pairsOrder = raw.pairs.map((p) => p.right).join('|');
		const inPairsOrder = Array.from({ length: 60 }, (_, attempt) => reshuffle(rq, pub, `user-1:${raw.id}:${attempt}`))
			.map((p) => (p.type === 'matching' ? p.options.map((o) => o.text).join('|') : ''))
			.filter((order) => order === pairsOrder);
		expect(inPairsOrder).toEqual([]);
	});
});
