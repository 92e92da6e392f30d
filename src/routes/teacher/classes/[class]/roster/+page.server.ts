import { fail } from '@sveltejs/kit';
import { rosterAcceptSchema } from '$lib/schemas/classes';
import { teacherClass } from '$lib/server/reports/class-data';
import { readForm } from '$lib/server/form-data';
import { loginCards } from '$lib/server/roster/cards';
import { createFromPreview, previewRoster } from '$lib/server/roster/import';
import { formatInZone } from '$lib/time-zone';
import type { Actions, PageServerLoad } from './$types';

const MAX_FILE = 100_000;
const ARCHIVED = 'This class is archived, so nobody can be added. Restore it on the class page first.';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { cls } = await teacherClass(locals, url, params.class);
	return { klass: { id: cls.id, name: cls.name, section: cls.section } };
};

const summary = (rows: { ok: boolean }[]) => ({ creatable: rows.filter((r) => r.ok).length, skipped: rows.filter((r) => !r.ok).length });

export const actions: Actions = {
	preview: async ({ locals, url, params, request }) => {
		const { db, cls } = await teacherClass(locals, url, params.class);
		const data = await readForm(request);
		if (cls.archived_at) return fail(409, { values: { names: '' }, errors: { names: ARCHIVED } });
		const names = typeof data.get('names') === 'string' ? (data.get('names') as string) : '';
		const file = data.get('file');
		const fromFile = file instanceof File && file.size > 0;
		if (fromFile && file.size > MAX_FILE) return fail(400, { values: { names }, errors: { file: 'That file is over 100 KB. A roster of 200 students is far smaller: check it is the right file.' } });
		if (names.length > MAX_FILE) return fail(400, { values: { names: '' }, errors: { names: 'That is too much text. Add at most 200 students at a time.' } });
		const text = fromFile ? await file.text() : names;
		const preview = await previewRoster(db, cls.id, text, { csv: fromFile });
		if (!preview.ok) return fail(400, { values: { names }, errors: { [fromFile ? 'file' : 'names']: preview.message } });
		return { values: { names }, preview: { rows: preview.rows, ...summary(preview.rows), fromFile } };
	},
	create: async ({ locals, url, params, request }) => {
		const { db, cls, teacher } = await teacherClass(locals, url, params.class);
		const data = await readForm(request);
		if (cls.archived_at) return fail(409, { values: { names: '' }, errors: { names: ARCHIVED } });
		const parsed = rosterAcceptSchema.safeParse(data.get('accept') ?? undefined);
		if (!parsed.success) return fail(400, { values: { names: '' }, errors: { names: parsed.error.issues[0]!.message } });
		const created = await createFromPreview(db, cls, teacher, parsed.data);
		if (!created.ok) {
			return fail(409, {
				values: { names: '' },
				changed: true,
				error: 'Nothing was created: since your preview, a username was taken or a row is no longer valid. Check the rows below and create again.',
				preview: { rows: created.rows, ...summary(created.rows), fromFile: false }
			});
		}
		return {
			created: {
				cards: loginCards(url.origin, created.cards),
				site: url.host,
				expires: formatInZone(created.expiresAt.toISOString(), cls.time_zone)
			}
		};
	}
};
