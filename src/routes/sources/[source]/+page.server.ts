import { cachedLoad } from '$lib/server/page-cache/load';
import { sourcePageData } from '$lib/server/pages/source';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = cachedLoad(sourcePageData);
