/** What a valid launch does: the account, the class, the line item, then a code for the session. */
import type { Kysely } from 'kysely';
import { accountFor, createLaunchCode, joinContext, linkGrade, RoleMismatch } from '../db/lti';
import type { Database } from '../db/schema';
import { AGS, DL, LTI, nameOf, SCORE_SCOPE } from './claims';
import { LtiRefusal } from './refusal';
import { targetOf } from './target';
import type { ValidLaunch } from './validate';
import { saveDeepLinkRequest } from '../db/lti-deep-links';

/** `browserSecret`: the secret the launch's browser gets in its probe cookie, when the launch is bound to it */
export async function acceptLaunch(db: Kysely<Database>, launch: ValidLaunch, browserSecret: string | null): Promise<string> {
	const { platform, claims, role } = launch;
	let user;
	try {
		user = await accountFor(db, { issuer: platform.issuer, subject: claims.sub, role, name: nameOf(claims), timeZone: 'UTC' });
	} catch (e) {
		if (e instanceof RoleMismatch) throw new LtiRefusal(403, 'Role changed', `${e.message} One account here has one role; ask whoever runs Back Channel.`);
		throw e;
	}
	const context = claims[`${LTI}context`];
	if (context) await joinContext(db, { platformId: platform.id, contextId: context.id, title: context.title || context.label || 'LMS course', user });

	if (claims[`${LTI}message_type`] === 'LtiDeepLinkingRequest') {
		const settings = claims[`${DL}deep_linking_settings`];
		if (!settings) throw new LtiRefusal(400, 'Not a launch we understand', 'A deep-linking launch must carry deep_linking_settings.');
		if (role !== 'teacher') throw new LtiRefusal(403, 'Teachers only', 'Only an instructor of the course can add Back Channel content to it.');
		if (!settings.accept_types.includes('ltiResourceLink')) {
			throw new LtiRefusal(400, 'Nothing to add', 'This LMS place does not accept LTI resource links, which is what Back Channel adds.');
		}
		const id = await saveDeepLinkRequest(db, {
			platformId: platform.id,
			deploymentId: claims[`${LTI}deployment_id`],
			userId: user.id,
			returnUrl: settings.deep_link_return_url,
			data: settings.data ?? null
		});
		return createLaunchCode(db, user.id, `deep-link:${id}`, browserSecret);
	}

	if (!claims[`${LTI}resource_link`]) throw new LtiRefusal(400, 'Not a launch we understand', 'A resource-link launch must carry its resource_link claim.');
	const target = targetOf(claims[`${LTI}custom`], claims[`${LTI}target_link_uri`]);
	const ags = claims[AGS];
	if (role === 'student' && target && context && ags?.lineitem && ags.scope.includes(SCORE_SCOPE)) {
		await linkGrade(db, { platformId: platform.id, userId: user.id, subject: claims.sub, contextId: context.id, target, lineitemUrl: ags.lineitem });
	}
	return createLaunchCode(db, user.id, target, browserSecret);
}
