import { timeline } from '$lib/server/content';
import { citedPassage, lessonLinks } from '$lib/server/content/passages';
import type { PageServerLoad } from './$types';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1997", "March 2025" or "6 March 2025": only as precise as the source is. */
function label(when: string): string {
	const [y, m, d] = when.split('-');
	if (!m) return y!;
	const month = `${MONTHS[Number(m) - 1]} ${y}`;
	return d ? `${Number(d)} ${month}` : month;
}

export const load: PageServerLoad = () => ({
	events: timeline.map((e) => ({
		when: e.when,
		label: label(e.when),
		title: e.title,
		text: e.text,
		citations: e.cite.map(citedPassage),
		lessons: lessonLinks(e.lessons)
	}))
});
