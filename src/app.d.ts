// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** a heading of its own (a refused LTI launch says what was wrong) */
			title?: string;
		}
		interface Locals {
			user: import('$lib/server/db/users').User | null;
			/** a guest's browser session, once they have opened a lesson or answered anything */
			guestId: string | null;
			/** the reading settings this request renders with: the account's, or a guest's cookie's */
			reading: import('$lib/reading').ReadingSettings;
			/** set by the page cache: the slot the name goes in, and (on a miss) the page data it keyed on */
			pageCache?: { name: string; page?: unknown };
		}
		interface Platform {
			/** the node request (adapter-node); absent in tests and `vite dev` */
			req?: import('node:http').IncomingMessage;
		}
	}
}

declare module '*.svx' {
	import type { Component } from 'svelte';
	const component: Component;
	export default component;
	export const metadata: Record<string, unknown>;
}

export {};
