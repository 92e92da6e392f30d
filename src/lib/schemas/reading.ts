/** Reading settings as the form posts them, and as the account or a guest's cookie keeps them. */
import { z } from 'zod';
import { DEFAULT_READING, READING_OPTIONS, type ReadingKey, type ReadingSettings } from '$lib/reading';

/** What each setting is called in the form's messages. */
const NAMES: Record<ReadingKey, string> = {
	size: 'a text size',
	leading: 'a line spacing',
	tracking: 'a letter spacing',
	font: 'a font',
	theme: 'the colours'
};

const choice = <K extends ReadingKey>(key: K) => z.enum(READING_OPTIONS[key], { error: `Choose ${NAMES[key]} from the list.` });

/** The form: every setting must be one of its choices; anything else is refused with words. */
export const readingFormSchema = z.object({
	size: choice('size'),
	leading: choice('leading'),
	tracking: choice('tracking'),
	font: choice('font'),
	theme: choice('theme')
});

// a setting missing or not among its choices (a cookie changed by hand, a choice since removed) is its default
const kept = <K extends ReadingKey>(key: K) => z.enum(READING_OPTIONS[key]).catch(DEFAULT_READING[key]);

const keptSchema = z.object({ size: kept('size'), leading: kept('leading'), tracking: kept('tracking'), font: kept('font'), theme: kept('theme') });

/** What was kept (the account's JSON, a guest's cookie) as settings: never an error, at worst the defaults. */
export function keptReading(value: unknown): ReadingSettings {
	const parsed = keptSchema.safeParse(value);
	return parsed.success ? parsed.data : { ...DEFAULT_READING };
}
