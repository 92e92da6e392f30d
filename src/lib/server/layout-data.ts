import { changedReading } from '$lib/reading';

/**
 * What every page's layout shows of who is asking; the page cache puts a slot in place of the
 * name. The reading settings are here for the page cache's key (the server writes them onto
 * <html>, so two readers with different settings need two entries) and for /settings.
 */
export const layoutData = (locals: App.Locals) => ({
	user: locals.user ? { displayName: locals.pageCache?.name ?? locals.user.display_name, role: locals.user.role } : null,
	reading: changedReading(locals.reading)
});
