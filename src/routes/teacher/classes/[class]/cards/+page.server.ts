import { fail } from '@sveltejs/kit';
import { cardPickSchema } from '$lib/schemas/classes';
import { CODE_TTL_MS, issueCode } from '$lib/server/auth/password-reset';
import { roster } from '$lib/server/db/classes';
import { readForm } from '$lib/server/form-data';
import { teacherClass } from '$lib/server/reports/class-data';
import { loginCards } from '$lib/server/roster/cards';
import { formatInZone } from '$lib/time-zone';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, cls } = await teacherClass(locals, url, params.class);
	const students = await roster(db, cls.id);
	return {
		klass: { id: cls.id, name: cls.name, section: cls.section },
		students: students.map((s) => ({ id: s.id, name: s.display_name, username: s.username ?? '' }))
	};
};

export const actions: Actions = {
	// a card is a new code: shown on this response only, and it replaces the student's earlier one
	print: async ({ locals, url, params, request }) => {
		const { db, cls, teacher } = await teacherClass(locals, url, params.class);
		const picked = cardPickSchema.safeParse((await readForm(request)).getAll('student'));
		if (!picked.success) return fail(400, { error: 'Tick at least one student whose card you want to print.' });
		const members = new Map((await roster(db, cls.id)).map((s) => [s.id, s]));
		const chosen = [...new Set(picked.data)].map((id) => members.get(id));
		if (chosen.some((s) => !s)) return fail(404, { error: 'One of those students is not in this class. Reload the page and try again.' });
		const now = new Date();
		const entries = [];
		for (const s of chosen) {
			const { code } = await issueCode(db, s!.id, 'setup', { id: teacher.id, name: teacher.display_name }, now);
			entries.push({ name: s!.display_name, username: s!.username ?? '', code });
		}
		return {
			cards: loginCards(url.origin, entries),
			site: url.host,
			expires: formatInZone(new Date(now.getTime() + CODE_TTL_MS).toISOString(), cls.time_zone)
		};
	}
};
