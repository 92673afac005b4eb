// Secret formats that secretlint's recommended preset does not cover (checked against its rules:
// see test/unit/secrets/corpus.ts). Each names the kind; `group` is the part that is secret (the
// rest stays readable). Keep these anchored on fixed prefixes: they run on every cloud-bound byte.
import type { SecretSpan } from './span';

interface Pattern {
  kind: string;
  re: RegExp;
  group?: number;
  /** A further check of the secret part (a word such as "authentication" is not a token). */
  accept?: (value: string) => boolean;
}

const notAWord = (v: string) => !/^[A-Za-z]+[.,:;]?$/.test(v);

const PATTERNS: Pattern[] = [
  // Private keys: PEM (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8), PuTTY and PGP blocks, also cut off
  // (no END line) or starting mid-block (base64 lines before an END). A block never spans another
  // armor line, so a cut-off block cannot swallow the text up to the next key's END.
  { kind: 'private-key', re: /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----(?:(?!-----)[\s\S])*-----END \1-----/g },
  // Cut off: the BEGIN line and the key lines after it (base64, armor headers, blank lines; real
  // or JSON-escaped newlines), up to the first line that is not part of a key.
  { kind: 'private-key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:(?:\r?\n|\\n)[ \t]*(?:[A-Za-z0-9+/=]{16,}|=[A-Za-z0-9+/]{4}|[A-Z][\w-]*: [^\r\n]*)?)*/g },
  { kind: 'private-key', re: /(?:^[ \t]*[A-Za-z0-9+/=]{16,}[ \t]*\r?\n)+[ \t]*-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/gm },
  { kind: 'private-key', re: /PuTTY-User-Key-File-\d: [\s\S]*?Private-MAC: [0-9a-f]+/g },
  { kind: 'aws', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  { kind: 'aws', re: /\baws_?(?:secret_?(?:access_?)?key|session_?token)["']?\s*(?:[:=]|=>)\s*["']?([A-Za-z0-9/+=]{40,})/gi, group: 1 },
  { kind: 'stripe', re: /\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{10,}/g },
  { kind: 'stripe', re: /\bwhsec_[A-Za-z0-9+/=]{20,}/g },
  { kind: 'azure', re: /\b(?:AccountKey|SharedAccessKey|SharedSecret)\s*=\s*([A-Za-z0-9+/=]{20,})/gi, group: 1 },
  { kind: 'azure', re: /[?&]sig=([A-Za-z0-9%+/=]{20,})/g, group: 1 },
  { kind: 'npm', re: /(?:_authToken|_auth|_password)\s*=\s*["']?([^\s"']{6,})/g, group: 1 },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: 'url-password', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'`]+:([^\s@/"'`]{3,})@/gi, group: 1 },
  { kind: 'bearer', re: /\bBearer\s+([A-Za-z0-9._~+/=-]{12,})/g, group: 1, accept: (v) => !/^(?:authentication|authorization|credentials?)\W?$/i.test(v) },
  { kind: 'bearer', re: /\bBasic\s+([A-Za-z0-9+/=]{12,})/g, group: 1, accept: notAWord },
  { kind: 'openai', re: /\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'anthropic', re: /\bsk-ant-[A-Za-z0-9_-]{8,}/g },
  { kind: 'github', re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}/g },
  { kind: 'slack', re: /\bxox[abposre]-[A-Za-z0-9-]{10,}|\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  { kind: 'slack', re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/g },
  { kind: 'google', re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'google', re: /\bGOCSPX-[A-Za-z0-9_-]{20,}|\bya29\.[0-9A-Za-z_-]{20,}/g },
  { kind: 'huggingface', re: /\bhf_[A-Za-z0-9]{30,}/g },
  { kind: 'discord', re: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{30,}/g },
  { kind: 'discord', re: /\b[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,40}\b/g },
  { kind: 'telegram', re: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g },
  { kind: 'twilio', re: /\bSK[0-9a-f]{32}\b/g },
  { kind: 'mailgun', re: /\bkey-[0-9a-f]{32}\b/g },
  { kind: 'mailchimp', re: /\b[0-9a-f]{32}-us\d{1,2}\b/g },
  { kind: 'square', re: /\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,43}\b|\bEAAA[A-Za-z0-9_-]{60}\b/g },
  { kind: 'digitalocean', re: /\bdo[opr]_v1_[a-f0-9]{64}\b/g },
  { kind: 'pypi', re: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g },
  { kind: 'postman', re: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g },
  { kind: 'doppler', re: /\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,}/g },
  { kind: 'sentry', re: /\bsntry[su]_[A-Za-z0-9+/=_]{40,}/g },
  { kind: 'age', re: /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/g },
  { kind: 'alibaba', re: /\bLTAI[A-Za-z0-9]{12,20}\b/g },
  { kind: 'atlassian', re: /\bATATT3[A-Za-z0-9_=-]{100,}/g },
  { kind: 'heroku', re: /\bHRKU-[A-Za-z0-9_-]{30,}/g },
  { kind: 'url-token', re: /[?&](?:access_token|api_key|apikey|auth_token|client_secret|password|private_token|refresh_token)=([^&\s#"'`]{8,})/gi, group: 1 },
];

/** Spans found by the patterns above. */
export function patternSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const { kind, re, group, accept } of PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      if (group === undefined) spans.push({ start, end: start + m[0].length, kind });
      else {
        const value = m[group] ?? '';
        if (accept && !accept(value)) continue;
        const at = start + m[0].lastIndexOf(value);
        spans.push({ start: at, end: at + value.length, kind });
      }
    }
  }
  return spans;
}
