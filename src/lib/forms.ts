import type { SubmitFunction } from '@sveltejs/kit';
import { page } from '$app/state';
import { applyReading } from './reading';

/** For use:enhance: marks the form busy while it posts, and keeps what was typed when the server refuses it. */
export const trackPending =
	(set: (pending: boolean) => void): SubmitFunction =>
	() => {
		set(true);
		return async ({ result, update }) => {
			// a form that succeeded is emptied, as it is after a page load without JavaScript
			await update({ reset: result.type === 'success' });
			set(false);
			// a sign-in goes on to its next page without a reload, and the server writes the
			// account's reading settings only into pages it renders: <html> takes them here
			if (result.type === 'redirect') applyReading(document.documentElement, page.data.reading ?? {});
		};
	};
