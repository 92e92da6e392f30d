/** The claims of an LTI 1.3 launch that we use, checked with a schema once the signature holds. */
import { z } from 'zod';

export const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
export const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

const TEACHING = [
	'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
	'http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator',
	'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
	'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'
];
const LEARNING = [
	'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
	'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student',
	'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Learner'
];

/** teacher for any teaching role, else student for a learner role, else none: the launch is refused */
export function roleOf(roles: readonly string[]): 'teacher' | 'student' | null {
	if (roles.some((r) => TEACHING.includes(r))) return 'teacher';
	if (roles.some((r) => LEARNING.includes(r))) return 'student';
	return null;
}

const text = z.string().trim().min(1).max(1000);
// a bearer token goes there: https, or plain http on this machine only (a platform under test)
const serviceUrl = z
	.string()
	.url()
	.max(2000)
	.refine((s) => {
		const u = new URL(s);
		return u.protocol === 'https:' || (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname));
	}, 'must be an https:// address');

export const launchClaims = z.object({
	sub: text,
	nonce: text,
	name: z.string().max(200).optional(),
	given_name: z.string().max(200).optional(),
	family_name: z.string().max(200).optional(),
	[`${LTI}message_type`]: z.enum(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']),
	[`${LTI}version`]: z.literal('1.3.0'),
	[`${LTI}deployment_id`]: text,
	[`${LTI}roles`]: z.array(z.string()),
	[`${LTI}target_link_uri`]: z.string().url().max(2000).optional(),
	[`${LTI}resource_link`]: z.object({ id: text, title: z.string().max(500).optional() }).optional(),
	[`${LTI}context`]: z.object({ id: text, title: z.string().max(500).optional(), label: z.string().max(500).optional() }).optional(),
	[`${LTI}custom`]: z.record(z.string(), z.unknown()).optional(),
	[AGS]: z.object({ scope: z.array(z.string()), lineitem: serviceUrl.optional(), lineitems: serviceUrl.optional() }).optional(),
	[`${DL}deep_linking_settings`]: z
		.object({ deep_link_return_url: z.string().url().max(2000), accept_types: z.array(z.string()), data: z.string().max(4000).optional() })
		.optional()
});

export type LaunchClaims = z.infer<typeof launchClaims>;

/** The user's name as the platform gives it, or a stand-in that says where they came from. */
export function nameOf(c: LaunchClaims): string {
	const full = c.name?.trim() || [c.given_name, c.family_name].filter(Boolean).join(' ').trim();
	return (full || 'LMS user').slice(0, 100);
}
