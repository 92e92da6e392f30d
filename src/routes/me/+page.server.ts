import { cachedLoad } from '$lib/server/page-cache/load';
import { mePageData } from '$lib/server/pages/me';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = cachedLoad(mePageData);
