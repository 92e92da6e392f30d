import { cachedLoad } from '$lib/server/page-cache/load';
import { homePageData } from '$lib/server/pages/home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = cachedLoad(homePageData);
