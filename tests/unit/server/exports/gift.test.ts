/**
 * Every question of the course exported to GIFT and read back by an independent GIFT parser
 * (gift-pegjs): each must come back as the type we mean, with our choices and our key, and with
 * its explanation and cited sentences in the feedback. The expectations are worked out here from
 * the lesson files, not from the exporter.
 */
import { parse, type GIFTQuestion, type NumericalFormat } from 'gift-pegjs';
import { describe, expect, test } from 'vitest';
import { shownArticle } from '../../../../src/lib/content/article';
import type { LessonQuestion } from '../../../../src/lib/content/load';
import { escapeGift, toGift } from '../../../../src/lib/server/exports/gift';
import { select } from '../../../../src/lib/server/exports/course';
import { DEFAULT_PART_B } from '../../../../src/lib/questions/two-part/schema';
import { course, fold } from './course';

interface Expected {
	id: string;
	type: 'MC' | 'TF' | 'Numerical' | 'Matching' | 'Essay';
	stemStart: string;
	/** choice texts in order, each with whether it is right (MC) or its weight (several right) */
	choices?: { text: string; right: boolean; weight?: number }[];
	/** the choices may come in any order (shown shuffled; an article's sentences keep theirs) */
	anyOrder?: boolean;
	isTrue?: boolean;
	number?: { number: number; range: number };
	pairs?: [string, string][];
	/** words the stem must also hold (a unit, an article, a rubric) */
	stemHas?: string[];
	feedback: string[];
}

const sentencesOf = (sourceId: string) => {
	const source = course().sources.find((s) => s.id === sourceId)!;
	return { source, sentences: shownArticle(source).paragraphs.flatMap((p) => p.sentences) };
};

function expectedOf(q: LessonQuestion): Expected[] {
	const c = course();
	const feedback = [q.explanation, ...q.cite.flatMap((ci) => [...ci.sentenceIds.map((id) => c.sources.find((s) => s.id === ci.source)!.sentences[id - 1]!.text), c.sources.find((s) => s.id === ci.source)!.title])];
	const base = { id: q.id, stemStart: q.prompt, feedback };
	const proving = (p: { sentenceIds: number[] }[]) => new Set(p.flatMap((x) => x.sentenceIds));
	switch (q.type) {
		case 'single':
			return [{ ...base, type: 'MC', anyOrder: true, choices: q.choices.map((ch) => ({ text: ch.text, right: ch.id === q.answer })) }];
		case 'multiple':
			return [{ ...base, type: 'MC', anyOrder: true, choices: q.choices.map((ch) => ({ text: ch.text, right: q.answers.includes(ch.id), weight: (q.answers.includes(ch.id) ? 100 : -100) / q.answers.length })) }];
		case 'true-false':
			return [{ ...base, type: 'TF', isTrue: q.answer }];
		case 'numeric':
			return [{ ...base, type: 'Numerical', number: { number: q.answer, range: q.tolerance }, stemHas: q.unit ? [q.unit] : [] }];
		case 'ordering':
			return [{ ...base, type: 'Matching', pairs: q.items.map((it, i) => [it.text, String(i + 1)]) }];
		case 'matching':
			return [{ ...base, type: 'Matching', pairs: q.pairs.map((p) => [p.left, p.right]) }];
		case 'find-evidence': {
			const { source, sentences } = sentencesOf(q.source);
			const right = proving(q.proving);
			return [{ ...base, type: 'MC', stemHas: [source.title], choices: sentences.map((s) => ({ text: s.text, right: right.has(s.id) })) }];
		}
		case 'two-part': {
			const { source, sentences } = sentencesOf(q.source);
			const right = proving(q.proving);
			return [
				{ ...base, id: `${q.id}-part-a`, type: 'MC', anyOrder: true, choices: q.choices.map((ch) => ({ text: ch.text, right: ch.id === q.answer })) },
				{ ...base, id: `${q.id}-part-b`, stemStart: q.partB ?? DEFAULT_PART_B, type: 'MC', stemHas: [source.title], choices: sentences.map((s) => ({ text: s.text, right: right.has(s.id) })) }
			];
		}
		case 'written':
			return [
				{
					...base,
					type: 'Essay',
					stemHas: [...q.sources.map((id) => c.sources.find((s) => s.id === id)!.title), ...q.rubric.map((r) => r.name)],
					feedback: [...feedback, q.model, ...q.rubric.flatMap((r) => r.levels.map((l) => l.text))]
				}
			];
	}
}

/**
 * gift-pegjs 1.0.2 reads an escaped character in a matching answer (after `->`) but hands it back
 * as its internal placeholder (`\:` as `&&058;`): its PlainText rule skips the decoding every other
 * rule does. Decoded here with the grammar's own table (GIFT.pegjs, escapedCharacters).
 */
const decodePlaceholders = (s: string) =>
	s.replace(/&&(092|058|035|061|123|125|126);/g, (_, code: string) => String.fromCharCode(Number(code))).replaceAll('&&010', '\n');

/** What is wrong with one parsed question, in words; empty when it round-trips. */
function mismatches(want: Expected, got: GIFTQuestion | undefined): string[] {
	if (!got) return ['not found in the parsed file'];
	if (got.type === 'Category' || got.type === 'Description' || got.type !== want.type) return [`type ${got.type}, want ${want.type}`];
	const out: string[] = [];
	const stem = fold(got.stem.text);
	if (!stem.startsWith(fold(want.stemStart))) out.push(`stem "${stem.slice(0, 80)}" does not start with the prompt`);
	for (const w of want.stemHas ?? []) if (!stem.includes(fold(w))) out.push(`stem lacks "${w}"`);
	const feedback = fold(got.globalFeedback?.text ?? '');
	for (const f of want.feedback) if (!feedback.includes(fold(f))) out.push(`feedback lacks "${f.slice(0, 60)}"`);
	if (got.type === 'MC') {
		const choices = got.choices.map((ch) => ({ text: fold(ch.text.text), right: want.choices!.some((w) => w.weight !== undefined) ? (ch.weight ?? 0) > 0 : ch.isCorrect, weight: ch.weight }));
		if (choices.length !== want.choices!.length) out.push(`${choices.length} choices, want ${want.choices!.length}`);
		want.choices!.forEach((w, i) => {
			const ch = want.anyOrder ? choices.find((c) => c.text === fold(w.text)) : choices[i];
			if (!ch || ch.text !== fold(w.text)) out.push(`choice ${i + 1} is "${ch?.text}", want "${w.text}"`);
			else if (ch.right !== w.right) out.push(`choice ${i + 1} "${w.text}" is ${ch.right ? 'right' : 'wrong'}, want ${w.right ? 'right' : 'wrong'}`);
			else if (w.weight !== undefined && Math.abs((ch.weight ?? 0) - w.weight) > 1e-4) out.push(`choice ${i + 1} weighs ${ch.weight}, want ${w.weight}`);
		});
	}
	if (got.type === 'TF' && got.isTrue !== want.isTrue) out.push(`key ${got.isTrue}, want ${want.isTrue}`);
	if (got.type === 'Numerical') {
		const n = (Array.isArray(got.choices) ? got.choices[0]?.text : got.choices) as NumericalFormat | undefined;
		const range = n?.type === 'range' ? n.range : n?.type === 'simple' ? 0 : undefined;
		if (n?.number !== want.number!.number || range !== want.number!.range) out.push(`key ${JSON.stringify(n)}, want ${JSON.stringify(want.number)}`);
	}
	if (got.type === 'Matching') {
		// as a set: Moodle shows the left side in the file's order, which need not be the key's
		const pairs = got.matchPairs.map((p) => [fold(p.subquestion.text), fold(decodePlaceholders(p.subanswer))]).sort();
		if (JSON.stringify(pairs) !== JSON.stringify(want.pairs!.map(([l, r]) => [fold(l), fold(r)]).sort())) out.push(`pairs ${JSON.stringify(pairs)}, want ${JSON.stringify(want.pairs)}`);
	}
	return out;
}

describe('GIFT export', () => {
	test('every question of the course parses in gift-pegjs to our type, choices and key, with its proof in the feedback', () => {
		const c = course();
		const selected = select(c);
		if (!selected.ok) throw new Error(selected.message);
		const gift = toGift(c, selected.selection);
		const parsed = parse(gift);
		const questions = parsed.filter((p) => p.type !== 'Category');
		const byId = new Map(questions.map((p) => [p.id ?? '', p]));
		const wanted = c.modules.flatMap((m) => m.lessons.flatMap((l) => l.questions.flatMap(expectedOf)));
		const problems = wanted.flatMap((w) => mismatches(w, byId.get(w.id)).map((m) => `${w.id}: ${m}`));
		const found = wanted.filter((w) => byId.has(w.id)).length;
		console.log(`GIFT: ${wanted.length} questions exported, ${found} parsed, ${problems.length} mismatches`);
		expect(problems).toEqual([]);
		expect(questions).toHaveLength(wanted.length);
		// one category per lesson, each holding that lesson's questions
		expect(parsed.filter((p) => p.type === 'Category')).toHaveLength(c.modules.flatMap((m) => m.lessons).length);
	});

	test('no choice order gives the key away: the right choice is not usually first, and an ordering is not listed in its right order', () => {
		const c = course();
		const selected = select(c);
		if (!selected.ok) throw new Error(selected.message);
		const parsed = parse(toGift(c, selected.selection));
		const byId = new Map(parsed.map((p) => [p.id ?? '', p]));
		const questions = c.modules.flatMap((m) => m.lessons.flatMap((l) => l.questions));
		let oneRight = 0;
		let rightFirst = 0;
		for (const q of questions) {
			if (q.type !== 'single' && q.type !== 'two-part') continue;
			const got = byId.get(q.type === 'two-part' ? `${q.id}-part-a` : q.id);
			if (got?.type !== 'MC') throw new Error(`${q.id} is not multiple choice in the file`);
			oneRight++;
			if (got.choices[0]!.isCorrect) rightFirst++;
		}
		console.log(`GIFT: the right choice is first in ${rightFirst} of ${oneRight} one-answer questions`);
		// with 3 to 5 choices, a shuffle puts it first about a quarter of the time
		expect(rightFirst / oneRight).toBeLessThan(0.5);
		for (const q of questions) {
			if (q.type !== 'ordering') continue;
			const got = byId.get(q.id);
			if (got?.type !== 'Matching') throw new Error(`${q.id} is not matching in the file`);
			expect(got.matchPairs.map((p) => decodePlaceholders(p.subanswer))).not.toEqual(q.items.map((_, i) => String(i + 1)));
		}
	});

	test('the file starts with the notes as comments: what it holds and how each type was mapped', () => {
		const c = course();
		const selected = select(c, c.modules[0]!.slug, c.modules[0]!.lessons[0]!.slug);
		if (!selected.ok) throw new Error(selected.message);
		const gift = toGift(c, selected.selection, new Date('2025-01-02T00:00:00Z'));
		const header = gift.split('\n').filter((l) => l.startsWith('//') && !l.includes('[id:'));
		expect(header[0]).toContain(c.modules[0]!.lessons[0]!.title);
		expect(header.join('\n')).toContain('2025-01-02');
		for (const type of new Set(c.modules[0]!.lessons[0]!.questions.map((q) => q.type))) expect(header.some((l) => l.startsWith(`// - ${type}: `))).toBe(true);
	});

	test('GIFT syntax in our text is escaped and reads back verbatim', () => {
		const hostile = 'A {tricky} = ~question~ #1: with \\ backslash\nand a line';
		const parsed = parse(`::t::${escapeGift(hostile)}{TRUE}\n`);
		expect(parsed[0]!.type).toBe('TF');
		expect((parsed[0] as { stem: { text: string } }).stem.text).toBe(hostile);
	});

	test('an unknown module or lesson is refused in words', () => {
		const c = course();
		expect(select(c, 'no-such-module')).toMatchObject({ ok: false, message: expect.stringContaining('no module "no-such-module"') });
		expect(select(c, c.modules[0]!.slug, 'nope')).toMatchObject({ ok: false, message: expect.stringContaining('no lesson "nope"') });
		expect(select(c, undefined, 'nope')).toMatchObject({ ok: false });
	});
});
