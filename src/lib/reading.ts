/**
 * Reading settings: what each one can be, and how they show on <html> as data attributes
 * (src/app.css styles them). Shared by the server, which writes the attributes into every
 * page it renders, and /settings, which sets them in place after saving with JavaScript.
 * No Zod here: this reaches the browser (the schemas are in src/lib/schemas/reading.ts).
 */
export const READING_OPTIONS = {
	size: ['smaller', 'default', 'large', 'larger', 'largest'],
	leading: ['default', 'wide', 'wider'],
	tracking: ['default', 'wide', 'wider'],
	font: ['default', 'plain'],
	theme: ['device', 'light', 'dark', 'contrast']
} as const;

export type ReadingKey = keyof typeof READING_OPTIONS;
export type ReadingSettings = { [K in ReadingKey]: (typeof READING_OPTIONS)[K][number] };

export const READING_KEYS = Object.keys(READING_OPTIONS) as ReadingKey[];

export const DEFAULT_READING: ReadingSettings = { size: 'default', leading: 'default', tracking: 'default', font: 'default', theme: 'device' };

/** Only the settings that differ from the defaults: the attributes <html> carries, and all that is kept. */
export function changedReading(s: ReadingSettings): Partial<ReadingSettings> {
	return Object.fromEntries(READING_KEYS.filter((k) => s[k] !== DEFAULT_READING[k]).map((k) => [k, s[k]]));
}

/** Sets <html>'s attributes to these settings (a default is no attribute at all). */
export function applyReading(root: HTMLElement, changed: Partial<ReadingSettings>): void {
	for (const key of READING_KEYS) {
		const value = changed[key];
		if (value && value !== DEFAULT_READING[key]) root.setAttribute(`data-${key}`, value);
		else root.removeAttribute(`data-${key}`);
	}
}
