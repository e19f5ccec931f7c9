/**
 * No step offers turning a server's or client's security off as a way in (the v24 review's unsafe
 * alternative: "turning require_secure_transport OFF on the server also lets the app in"). A server that
 * refuses plain text or an unverified certificate is right; the fix is the client's TLS setting. A sentence
 * that offers the switch goes; a sentence that warns against it ("never", "do not", "instead of") stays.
 */
import type { FindingStep } from '../../model';
import type { FixInput } from './fixCommands';

/** Turning TLS enforcement or certificate verification off, in the words a step would use. */
const SECURITY_OFF = new RegExp(
  [
    // The server's enforcement: MySQL's require_secure_transport, PostgreSQL's require_secure_transport / ssl, "SSL enforcement".
    String.raw`\b(?:require_secure_transport|ssl[_ ]enforcement|enforce[_ ]?ssl|ssl_enforcement|minimal[_ ]tls)\b.{0,40}?\b(?:OFF|disabled?|false|0)\b`,
    String.raw`\b(?:turn(?:ing)?|switch(?:ing)?|set(?:ting)?) (?:off|OFF) (?:the server's )?(?:require_secure_transport|TLS|SSL)\b`,
    // The client's verification: the variables and options that skip it.
    String.raw`\bNODE_TLS_REJECT_UNAUTHORIZED=0|\brejectUnauthorized:? ?false\b|\bverify ?= ?False\b|\bInsecureSkipVerify:? ?true\b|\bPYTHONHTTPSVERIFY=0|\bGIT_SSL_NO_VERIFY\b|\bsslmode=disable\b`,
    String.raw`\b(?:disabl(?:e|ing)|turn(?:ing)? off|skip(?:ping)?) (?:the )?(?:TLS|SSL|certificate|hostname) (?:verification|validation|checks?)\b`,
  ].join('|'),
  'i',
);
/** A sentence that warns against the switch, or names it as what the client does wrong. */
const WARNS = /\b(?:never|not|don't|instead of|rather than|remove|drop|delete|takes? out|turns? TLS off)\b/i;

/** The step without the sentences that offer the switch; undefined when nothing else is left. */
function withoutOffer(step: FindingStep): FindingStep | undefined {
  const sentences = step.text.split(/(?<=[.;])\s+(?=[A-Z(])/);
  const kept = sentences.filter((s) => !SECURITY_OFF.test(s) || WARNS.test(s));
  if (kept.length === sentences.length) return step;
  const offerCommand = SECURITY_OFF.test(step.command ?? '');
  if (kept.length === 0 || offerCommand) return undefined;
  return { ...step, text: kept.join(' ') };
}

export function noSecurityOff(input: FixInput): FindingStep[] {
  return input.steps.flatMap((s) => {
    if (SECURITY_OFF.test(s.command ?? '') && !WARNS.test(s.text)) return [];
    const out = withoutOffer(s);
    return out ? [out] : [];
  });
}
