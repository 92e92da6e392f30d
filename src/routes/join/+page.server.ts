import { fail } from '@sveltejs/kit';
import { fieldErrors, formValues } from '$lib/schemas/account';
import { joinSchema } from '$lib/schemas/classes';
import { checkJoinLimit, joinClass, refundJoin } from '$lib/server/auth/join';
import { getDb } from '$lib/server/db';
import { classesOfStudent } from '$lib/server/db/classes';
import { requireStudent } from '$lib/server/guard';
import { readForm } from '$lib/server/form-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireStudent(locals, url);
	return { classes: await classesOfStudent((await getDb()).db, user.id), code: url.searchParams.get('code') ?? '' };
};

export const actions: Actions = {
	default: async ({ request, locals, url, getClientAddress }) => {
		const user = requireStudent(locals, url);
		const raw = formValues(await readForm(request), ['code']);
		const values = { code: raw.code ?? '' };
		const limited = await checkJoinLimit(getClientAddress(), user.id);
		if (limited) return fail(429, { values, errors: { code: limited } });
		const parsed = joinSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const result = await joinClass(user.id, parsed.data.code);
		if (!result.ok) return fail(400, { values, errors: { code: result.message } });
		await refundJoin(getClientAddress(), user.id);
		return { joined: result.name };
	}
};
