import { layoutData } from '$lib/server/layout-data';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => layoutData(locals);
