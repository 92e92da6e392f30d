import { fail } from '@sveltejs/kit';
import { changedReading, DEFAULT_READING, READING_KEYS, READING_OPTIONS, type ReadingSettings } from '$lib/reading';
import { fieldErrors, formValues } from '$lib/schemas/account';
import { readingFormSchema } from '$lib/schemas/reading';
import { readForm } from '$lib/server/form-data';
import { MAX_NEXT } from '$lib/server/guard';
import { keepReading } from '$lib/server/reading';
import { refererPath, sameSitePath } from '$lib/server/same-site-path';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Where "Back" goes: a path on this site only (a link, never a redirect), and not this page. */
function backOf(value: string | null | undefined): string | null {
	const path = sameSitePath(value);
	return path && path.length <= MAX_NEXT && !/^\/settings(\/|\?|#|$)/.test(path) ? path : null;
}

// the header's link is a plain "/settings" (a `?back=` of each page would add script to every page): the page it was followed from is the Referer
export const load: PageServerLoad = ({ locals, url, request }) => ({
	current: locals.reading,
	back: backOf(url.searchParams.get('back')) ?? backOf(refererPath(request, url)),
	signedIn: locals.user !== null
});

async function keep(event: RequestEvent, s: ReadingSettings, back: string | null, saved: 'saved' | 'reset') {
	await keepReading(event, s);
	// with JavaScript the page sets these on <html> at once
	return { saved, back, reading: changedReading(s) };
}

export const actions: Actions = {
	save: async (event) => {
		const raw = formValues(await readForm(event.request), [...READING_KEYS, 'back']);
		const back = backOf(raw.back);
		// what comes back with the errors: the choices that were valid, never what else was sent
		const values = Object.fromEntries(READING_KEYS.map((k) => [k, (READING_OPTIONS[k] as readonly string[]).includes(raw[k] ?? '') ? raw[k] : undefined]));
		const parsed = readingFormSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { values, back, errors: fieldErrors(parsed.error) });
		return keep(event, parsed.data, back, 'saved');
	},
	reset: async (event) => keep(event, DEFAULT_READING, backOf(formValues(await readForm(event.request), ['back']).back), 'reset')
};
