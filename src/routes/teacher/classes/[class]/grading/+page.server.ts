import { fail, redirect } from '@sveltejs/kit';
import { formOrProblem } from '$lib/server/form-data';
import { isRecordId } from '$lib/schemas/classes';
import { teacherClass } from '$lib/server/reports/class-data';
import { gradingView, saveGrade } from '$lib/server/written/queue';
import { formatInZone } from '$lib/time-zone';
import type { Actions, PageServerLoad } from './$types';

const ARCHIVED = 'This class is archived, so it is read-only. Restore it first to grade.';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, cls } = await teacherClass(locals, url, params.class);
	const asked = url.searchParams.get('answer');
	const blind = url.searchParams.get('blind') === '1';
	const view = await gradingView(db, cls.id, { answerId: asked && isRecordId(asked) ? asked : null, blind, timeZone: cls.time_zone });
	const when = (iso: string | null) => (iso ? formatInZone(iso, cls.time_zone) : null);
	return {
		klass: { id: cls.id, name: cls.name, section: cls.section, archived: cls.archived_at !== null },
		blind,
		// a specific answer asked for that is not this class's: say so instead of showing another one
		missing: asked !== null && !view.current,
		waiting: view.waiting,
		next: view.next,
		current: view.current && {
			...view.current,
			submittedLabel: when(view.current.submittedAt),
			gradedLabel: when(view.current.gradedAt),
			history: view.current.history.map((g) => ({ ...g, atLabel: when(g.at) }))
		},
		graded: view.graded.map((g) => ({ ...g, gradedLabel: when(g.gradedAt) })),
		formKey: crypto.randomUUID()
	};
};

export const actions: Actions = {
	grade: async ({ locals, url, params, request }) => {
		const { db, cls, teacher } = await teacherClass(locals, url, params.class);
		const data = await formOrProblem(request);
		if (!(data instanceof FormData)) return fail(data.status, { message: data.message, errors: {} as Record<string, string>, values: null });
		const values = { answer: String(data.get('answer') ?? ''), comment: String(data.get('comment') ?? '').toWellFormed(), scores: Object.fromEntries([...data.entries()].filter(([k]) => k.startsWith('c-')).map(([k, v]) => [k, String(v)])) };
		if (cls.archived_at) return fail(409, { message: ARCHIVED, errors: {} as Record<string, string>, values });
		const result = await saveGrade(db, cls.id, teacher, data);
		if (!result.ok) return fail(result.status, { message: result.message, errors: result.errors, values });
		const blind = data.get('blind') === '1' ? '&blind=1' : '';
		redirect(303, `/teacher/classes/${cls.id}/grading?saved=1${blind}`);
	}
};
