/** The reading settings' choices, their form schema, what is kept of them, and how <html> shows them. */
import { describe, expect, it } from 'vitest';
import { applyReading, changedReading, DEFAULT_READING, READING_KEYS, READING_OPTIONS, type ReadingSettings } from '../../src/lib/reading';
import { fieldErrors } from '../../src/lib/schemas/account';
import { keptReading, readingFormSchema } from '../../src/lib/schemas/reading';

/** Every combination of every choice (5 × 3 × 3 × 2 × 4). */
function everyCombination(): ReadingSettings[] {
	let all: Partial<ReadingSettings>[] = [{}];
	for (const key of READING_KEYS) all = all.flatMap((s) => READING_OPTIONS[key].map((v) => ({ ...s, [key]: v })));
	return all as ReadingSettings[];
}

describe('the choices', () => {
	it('at least four text sizes, three spacings of each kind, two fonts, four colour choices; every default among its choices', () => {
		expect(READING_OPTIONS.size.length).toBeGreaterThanOrEqual(4);
		expect(READING_OPTIONS.theme).toEqual(['device', 'light', 'dark', 'contrast']);
		for (const key of READING_KEYS) expect(READING_OPTIONS[key]).toContain(DEFAULT_READING[key]);
		expect(everyCombination()).toHaveLength(360);
	});

	it('only what differs from the defaults is kept', () => {
		expect(changedReading(DEFAULT_READING)).toEqual({});
		expect(changedReading({ ...DEFAULT_READING, size: 'largest', theme: 'contrast' })).toEqual({ size: 'largest', theme: 'contrast' });
	});
});

describe('readingFormSchema', () => {
	it('takes every combination of choices as it is', () => {
		for (const s of everyCombination()) expect(readingFormSchema.parse(s)).toEqual(s);
	});

	it('refuses a value not in the list, or a missing one, with words per setting', () => {
		const r = readingFormSchema.safeParse({ ...DEFAULT_READING, size: 'huge', theme: undefined, font: 'Comic Sans' });
		expect(r.success).toBe(false);
		expect(fieldErrors(r.error!)).toEqual({
			size: 'Choose a text size from the list.',
			font: 'Choose a font from the list.',
			theme: 'Choose the colours from the list.'
		});
	});
});

describe('keptReading', () => {
	it('fills what is missing or wrong with its default, and never throws', () => {
		expect(keptReading({ size: 'larger' })).toEqual({ ...DEFAULT_READING, size: 'larger' });
		expect(keptReading({ size: 'enormous', theme: 'dark', extra: 'x' })).toEqual({ ...DEFAULT_READING, theme: 'dark' });
		for (const junk of [null, undefined, 'dark', 42, [], { size: { nested: true } }]) expect(keptReading(junk)).toEqual(DEFAULT_READING);
	});

	it('gives back every combination it was given', () => {
		for (const s of everyCombination()) expect(keptReading(changedReading(s))).toEqual(s);
	});
});

describe('applyReading', () => {
	it('sets an attribute per changed setting and removes the rest', () => {
		const attributes = new Map<string, string>([['data-theme', 'dark'], ['data-leading', 'wide'], ['lang', 'en']]);
		const root = {
			setAttribute: (k: string, v: string) => attributes.set(k, v),
			removeAttribute: (k: string) => attributes.delete(k)
		} as unknown as HTMLElement;
		applyReading(root, { size: 'larger', theme: 'contrast' });
		expect(Object.fromEntries(attributes)).toEqual({ lang: 'en', 'data-size': 'larger', 'data-theme': 'contrast' });
		applyReading(root, {});
		expect(Object.fromEntries(attributes)).toEqual({ lang: 'en' });
	});
});
