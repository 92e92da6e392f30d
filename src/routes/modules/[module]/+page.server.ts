import { cachedLoad } from '$lib/server/page-cache/load';
import { modulePageData } from '$lib/server/pages/module';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = cachedLoad(modulePageData);
