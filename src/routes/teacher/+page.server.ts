import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, formValues } from '$lib/schemas/account';
import { classSchema } from '$lib/schemas/classes';
import { getDb } from '$lib/server/db';
import { classesOfTeacher, createClass } from '$lib/server/db/classes';
import { requireTeacher } from '$lib/server/guard';
import { formatCode } from '$lib/server/join-code';
import { readForm } from '$lib/server/form-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const teacher = requireTeacher(locals, url);
	const classes = await classesOfTeacher((await getDb()).db, teacher.id);
	return {
		name: teacher.display_name,
		passwordSet: url.searchParams.get('password') === 'set',
		deleted: (url.searchParams.get('deleted') ?? '').slice(0, 80),
		classes: classes.map((c) => ({
			id: c.id,
			name: c.name,
			section: c.section,
			archived: c.archived_at !== null,
			// a class someone else made and shares with this teacher
			sharedBy: c.teacher_id === teacher.id ? null : c.owner_name,
			students: Number(c.students),
			code: c.join_code ? formatCode(c.join_code) : null
		}))
	};
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const teacher = requireTeacher(locals, url);
		const raw = formValues(await readForm(request), ['name', 'section', 'timeZone']);
		const parsed = classSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { values: raw, errors: fieldErrors(parsed.error) });
		const created = await createClass((await getDb()).db, { teacherId: teacher.id, ...parsed.data });
		redirect(303, `/teacher/classes/${created.id}`);
	}
};
