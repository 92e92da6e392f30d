/** What every page's layout shows of who is asking; the page cache puts a slot in place of the name. */
export const layoutData = (locals: App.Locals) => ({
	user: locals.user ? { displayName: locals.pageCache?.name ?? locals.user.display_name, role: locals.user.role } : null
});
