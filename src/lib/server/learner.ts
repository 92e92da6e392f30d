/** Who is answering: a signed-in student, or a guest's browser session. */
import type { Cookies } from '@sveltejs/kit';
import { ensureGuestId } from './guest';
import type { Learner } from './grading/submit';

export const currentLearner = (locals: App.Locals): Learner =>
	locals.user ? { userId: locals.user.id, guestId: null } : { userId: null, guestId: locals.guestId };

/** For an answer being stored: a guest gets a browser-session id now if they had none. */
export const answeringLearner = (locals: App.Locals, cookies: Cookies, url: URL): Learner =>
	locals.user ? { userId: locals.user.id, guestId: null } : { userId: null, guestId: ensureGuestId(cookies, url) };
