/** The pages the page cache serves, by route id, each with the function its load returns. */
import { homePageData } from '$lib/server/pages/home';
import { lessonPageData } from '$lib/server/pages/lesson';
import { mePageData } from '$lib/server/pages/me';
import { modulePageData } from '$lib/server/pages/module';
import { sourcePageData } from '$lib/server/pages/source';

/** What a page's data is made from (a subset of kit's event). */
export interface PageInput {
	params: Partial<Record<string, string>>;
	locals: App.Locals;
	url: URL;
}

/** A page's data; `keyFor` makes a form's submission key (fresh by default; the cache passes slots). */
export type PageData<T> = (event: PageInput, keyFor?: (id: string) => string) => T | Promise<T>;

export const cachedRoutes: Record<string, PageData<unknown>> = {
	'/': homePageData,
	'/me': mePageData,
	'/modules/[module]': modulePageData,
	'/modules/[module]/[lesson]': lessonPageData,
	'/sources/[source]': sourcePageData
};
