import type { SubmitFunction } from '@sveltejs/kit';

/** For use:enhance: marks the form busy while it posts, and keeps what was typed when the server refuses it. */
export const trackPending =
	(set: (pending: boolean) => void): SubmitFunction =>
	() => {
		set(true);
		return async ({ result, update }) => {
			// a form that succeeded is emptied, as it is after a page load without JavaScript
			await update({ reset: result.type === 'success' });
			set(false);
		};
	};
