/**
 * Form action names SvelteKit itself cannot handle: it throws (a 500) for `?/default` and
 * looks names up on a plain object, so `?/constructor`, `?/__proto__`, `?/valueOf`… reach
 * Object.prototype and fail as a 500 too. The hook answers these 404, like any unknown action.
 *
 * It returns a Response rather than throwing `error()`: for an address that does not decode
 * (`/sources/%ED%A0%80`) SvelteKit runs the handle hook outside its error handling, and an
 * error thrown there is an unhandled rejection that stops the server.
 */
import { json, text } from '@sveltejs/kit';

export const NO_SUCH_ACTION = 'This page has no form action with that name. Reload the page and send the form again.';

/** The action a POST names, as SvelteKit reads it: the first query parameter starting with "/". */
export function actionName(url: URL): string | null {
	for (const [name] of url.searchParams) if (name.startsWith('/')) return name.slice(1);
	return null;
}

export function isBadActionName(name: string | null): boolean {
	return name !== null && (name === 'default' || name in Object.prototype);
}

/** A 404 for a POST naming an action SvelteKit would fail on (JSON for use:enhance, as SvelteKit answers); null otherwise. */
export function refuseBadActionName(request: Request, url: URL): Response | null {
	if (request.method !== 'POST' || !isBadActionName(actionName(url))) return null;
	const wantsJson = request.headers.get('x-sveltekit-action') === 'true' || /^application\/json\b/.test(request.headers.get('accept') ?? '');
	return wantsJson ? json({ type: 'error', error: { message: NO_SUCH_ACTION } }, { status: 404 }) : text(NO_SUCH_ACTION, { status: 404 });
}
