import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { modules } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { formOrProblem } from '$lib/server/form-data';
import { closeDeepLinkRequest, openDeepLinkRequest } from '$lib/server/db/lti-deep-links';
import { requireTeacher } from '$lib/server/guard';
import { deepLinkResponse } from '$lib/server/lti/deep-link';
import { knownTarget } from '$lib/server/lti/target';
import type { Actions, PageServerLoad } from './$types';

const notOpen = 'No request from your LMS is waiting at this address: it was answered already, or it is another teacher’s. Use “Add content” in your LMS again.';

const course = () =>
	modules.map((m) => ({ slug: m.slug, title: m.title, lessons: m.lessons.map((l) => ({ slug: l.slug, title: l.title, questions: l.questions.length })) }));

/** A teacher's pick for an LMS's "add content" request (LTI Deep Linking), opened from /lti/start. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireTeacher(locals, url);
	const id = url.searchParams.get('request');
	if (id === null) return { request: null, course: course() };
	const request = z.uuid().safeParse(id).success ? await openDeepLinkRequest((await getDb()).db, id, locals.user!.id) : undefined;
	if (!request) error(404, { title: 'Nothing to add', message: notOpen });
	return { request: request!.id, course: course() };
};

const pick = z.object({
	request: z.uuid({ error: 'The form is missing its request. Use “Add content” in your LMS again.' }),
	target: z.string({ error: 'Pick a module or a lesson.' }).refine((t) => knownTarget(t) !== undefined, 'Pick a module or a lesson of the course.')
});

export const actions: Actions = {
	pick: async ({ locals, url, request }) => {
		const teacher = requireTeacher(locals, url);
		const data = await formOrProblem(request);
		if (!(data instanceof FormData)) return fail(data.status, { values: { target: '' }, errors: { target: data.message } });
		const form = Object.fromEntries(data);
		const parsed = pick.safeParse(form);
		if (!parsed.success) return fail(400, { values: { target: String(form.target ?? '') }, errors: { target: parsed.error.issues.map((i) => i.message).join(' ') } });
		const { db } = await getDb();
		const open = await openDeepLinkRequest(db, parsed.data.request, teacher.id);
		if (!open) return fail(404, { values: { target: parsed.data.target }, errors: { target: notOpen } });
		const jwt = await deepLinkResponse(db, open, knownTarget(parsed.data.target)!, url.origin);
		// the answer goes once: a second pick for the same request finds it closed
		if (!(await closeDeepLinkRequest(db, open.id))) return fail(409, { values: { target: parsed.data.target }, errors: { target: notOpen } });
		return { returnTo: { url: open.return_url, jwt } };
	}
};
