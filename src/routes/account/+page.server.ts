import { fail } from '@sveltejs/kit';
import { fieldErrors, formValues, passwordChangeSchema } from '$lib/schemas/account';
import { startSession } from '$lib/server/auth/session-cookie';
import { readForm } from '$lib/server/form-data';
import { changePassword } from '$lib/server/auth/password-change';
import { requireUser } from '$lib/server/guard';
import { getDb } from '$lib/server/db';
import { formatInZone } from '$lib/time-zone';
import { lastReset } from '$lib/server/db/password-codes';
import { lmsOf } from '$lib/server/db/lti';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '$lib/server/db/sessions';
import type { Actions, PageServerLoad } from './$types';

const LMS_ONLY = 'You sign in to this account through your LMS, so it has no password here to change.';

const days = (ms: number) => Math.round(ms / (24 * 3600_000));

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { db } = await getDb();
	const [reset, lms] = await Promise.all([lastReset(db, user.id), lmsOf(db, user.id)]);
	return {
		/** the issuer of the LMS this account signs in through: it has no password to change */
		lms: lms ?? null,
		reset: reset?.password_reset_at ? { at: reset.password_reset_at, when: formatInZone(reset.password_reset_at, user.time_zone), by: reset.password_reset_by ?? '' } : null,
		name: user.display_name,
		login: user.username ?? user.email ?? '',
		role: user.role,
		idleDays: days(SESSION_IDLE_MS),
		absoluteDays: days(SESSION_ABSOLUTE_MS)
	};
};

export const actions: Actions = {
	// passwords are never sent back to the form
	password: async ({ request, locals, url, cookies }) => {
		const user = requireUser(locals, url);
		if (await lmsOf((await getDb()).db, user.id)) return fail(400, { errors: { form: LMS_ONLY } });
		const parsed = passwordChangeSchema.safeParse(formValues(await readForm(request), ['current', 'password', 'confirm']));
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error) });
		const result = await changePassword(user.id, parsed.data);
		if (!result.ok) return fail(result.status, { errors: { [result.field]: result.message } });
		await startSession(cookies, url, result);
		return { changed: true };
	}
};
